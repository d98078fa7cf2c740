/**
 * The end-of-run summary for humans: status and duration, the failure if any, the outputs
 * (pretty JSON, truncated when huge), the run id and where the event log is.
 */
import { isAbsolute, relative } from 'node:path';
import type { RunResult } from '../app/run.js';
import { ExitCode } from '../core/errors.js';
import { formatDuration, palette, prettyJson, type OutStream } from './style.js';

/**
 * Where a run's event log lives, relative to the project root.
 * @example eventLogPath('01JD…') // '.thaiyyal/runs/01JD….jsonl'
 */
export function eventLogPath(runId: string): string {
  return `.thaiyyal/runs/${runId}.jsonl`;
}

/** The summary printed after the progress display. */
export function renderRunSummary(result: RunResult, out: OutStream): string {
  const c = palette(out);
  const lines: string[] = [''];
  const took = formatDuration(result.durationMs);
  const counts = countNodes(result);
  if (result.status === 'succeeded') lines.push(`${c.green('✓ succeeded')} in ${took} ${c.dim(counts)}`);
  else if (result.status === 'failed') lines.push(`${c.red('✗ failed')} after ${took} ${c.dim(counts)}`);
  else lines.push(`${c.yellow('⊘ cancelled')} after ${took} ${c.dim(counts)}`);
  if (result.error) lines.push(`  ${c.red(result.error.code)} ${result.error.message}`);
  if (Object.keys(result.outputs).length > 0) {
    lines.push(c.bold('outputs:'));
    lines.push(indent(prettyJson(result.outputs)));
  }
  lines.push(`${c.dim('run')}       ${result.runId}`);
  lines.push(`${c.dim('event log')} ${logFileOf(result)}`);
  return lines.join('\n') + '\n';
}

/** What `--quiet` prints: the outputs as JSON, nothing else. */
export function renderQuietOutputs(result: RunResult): string {
  return JSON.stringify(result.outputs, null, 2) + '\n';
}

/** `(3 succeeded, 1 skipped)`, only naming the statuses present. */
function countNodes(result: RunResult): string {
  const by = new Map<string, number>();
  for (const n of Object.values(result.nodes)) by.set(n.status, (by.get(n.status) ?? 0) + 1);
  if (by.size === 0) return '';
  return `(${[...by].map(([status, n]) => `${n} ${status}`).join(', ')})`;
}

/** The log's path as reported by the run, relative to the current directory when inside it. */
function logFileOf(result: RunResult): string {
  if (result.logFile === undefined) return `${eventLogPath(result.runId)} (not written)`;
  const rel = relative(process.cwd(), result.logFile);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : result.logFile;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

/** The process exit code for a finished run: 0 succeeded, 1 failed, 130 cancelled. */
export function exitCodeFor(status: RunResult['status']): number {
  return status === 'succeeded'
    ? ExitCode.ok
    : status === 'cancelled'
      ? ExitCode.interrupted
      : ExitCode.failed;
}

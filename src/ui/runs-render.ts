/**
 * Text output of `thaiyyal runs list` (a table) and `thaiyyal runs show` (the run header,
 * then its nodes as a tree in topological order with status, duration, attempts, errors
 * and a timeline bar). Everything fits 80 columns.
 */
import type { NodeTiming, RunDetails, RunSummary, RunSummaryStatus } from '../app/runs.js';
import { formatDuration, palette, type OutStream, type Palette } from './style.js';

const WIDTH = 80;

/** Cuts `s` to `n` characters, marking the cut with `…`. */
function fit(s: string, n: number): string {
  const chars = [...s];
  return chars.length <= n ? s : `${chars.slice(0, Math.max(0, n - 1)).join('')}…`;
}

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - [...s].length));
}

function statusMark(status: RunSummaryStatus | NodeTiming['status'], c: Palette): string {
  switch (status) {
    case 'succeeded':
      return c.green('✓');
    case 'failed':
      return c.red('✗');
    case 'cancelled':
    case 'interrupted':
      return c.yellow('⊘');
    case 'skipped':
      return c.dim('–');
    case 'running':
      return c.cyan('…');
    case 'pending':
      return c.dim('○');
  }
}

/** `5s ago`, `3m ago`, `2h ago`, `4d ago`. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86_400)}d ago`;
}

/**
 * The `runs list` table, newest first.
 * @param filtered whether filters were given (changes the empty message)
 */
export function renderRunList(
  runs: RunSummary[],
  opts: { now: number; filtered: boolean },
  stream: OutStream = process.stdout,
): string {
  const c = palette(stream);
  if (runs.length === 0) {
    return opts.filtered
      ? 'no runs match these filters\n'
      : 'no runs yet in this project; start one with `thaiyyal run FILE`\n';
  }
  const wfWidth = Math.min(
    16,
    Math.max(8, ...runs.map((r) => [...r.workflow].length + (r.parentRunId ? 2 : 0))),
  );
  const header = `${pad('RUN ID', 26)}  ${pad('WORKFLOW', wfWidth)}  ${pad('STATUS', 13)}  ${pad('STARTED', 8)}  DURATION`;
  const lines = [c.bold(header)];
  for (const r of runs) {
    const wf = fit(r.parentRunId ? `↳ ${r.workflow}` : r.workflow, wfWidth);
    const status = `${statusMark(r.status, c)} ${pad(r.status, 11)}`;
    lines.push(
      `${r.runId}  ${pad(wf, wfWidth)}  ${status}  ${pad(formatAge(opts.now - r.startedAt), 8)}  ${formatDuration(r.durationMs)}`,
    );
  }
  return lines.join('\n') + '\n';
}

const TREE = 30;
const BAR = 30;

/** Level of each node: 0 without deps, else 1 + the deepest dependency (plan order is topological). */
function levels(nodes: NodeTiming[]): Map<string, number> {
  const level = new Map<string, number>();
  for (const n of nodes)
    level.set(
      n.id,
      n.deps.reduce((m, d) => Math.max(m, (level.get(d) ?? -1) + 1), 0),
    );
  return level;
}

/** A timeline bar: `·` for the run, `█` while the node ran. */
function bar(n: NodeTiming, total: number, c: Palette): string {
  if (n.startOffsetMs === undefined) return ' '.repeat(BAR + 2);
  const scale = BAR / Math.max(total, 1);
  const start = Math.min(BAR - 1, Math.floor(n.startOffsetMs * scale));
  const len = Math.max(1, Math.min(BAR - start, Math.round(n.durationMs * scale)));
  const color = n.status === 'failed' ? c.red : n.status === 'succeeded' ? c.green : c.yellow;
  return `|${c.dim('·'.repeat(start))}${color('█'.repeat(len))}${c.dim('·'.repeat(BAR - start - len))}|`;
}

/** The `runs show` text: header, node tree with timeline, outputs. */
export function renderRunDetails(run: RunDetails, stream: OutStream = process.stdout): string {
  const c = palette(stream);
  const s = run.summary;
  const lines: string[] = [];
  lines.push(`${c.bold(`run ${s.runId}`)}  ${s.workflow} ${c.dim(`(${fit(s.file, 40)})`)}`);
  const counts = run.nodes.length === 1 ? '1 node' : `${run.nodes.length} nodes`;
  const verb = s.status === 'succeeded' ? 'in' : s.status === 'running' ? 'for' : 'after';
  lines.push(
    `${statusMark(s.status, c)} ${s.status} ${verb} ${formatDuration(s.durationMs)} · started ${new Date(s.startedAt).toISOString()} · ${counts}`,
  );
  if (s.parentRunId) lines.push(`${c.dim('sub-run of')} ${s.parentRunId}`);
  if (run.state.error) {
    const text = fit(`${run.state.error.code}: ${firstLine(run.state.error.message)}`, WIDTH - 6);
    lines.push(`${c.red('error')} ${text}`);
  }
  lines.push('');
  const total = s.durationMs;
  const end = formatDuration(total);
  lines.push(
    c.dim(
      `${pad('nodes', TREE)} ${'time'.padStart(7)} ${pad('', 4)} ${pad(' 0', BAR + 1 - end.length)}${end}`,
    ),
  );
  const level = levels(run.nodes);
  for (const n of run.nodes) {
    const depth = Math.min(level.get(n.id) ?? 0, 6);
    const indent = depth === 0 ? '' : `${'  '.repeat(depth - 1)}└ `;
    const label = fit(`${indent}${n.id}`, TREE - 2);
    const head = `${statusMark(n.status, c)} ${label}`;
    const time = n.status === 'skipped' || n.status === 'pending' ? '' : formatDuration(n.durationMs);
    const attempts = n.attempts > 1 ? `×${n.attempts}` : '';
    lines.push(`${pad(head, TREE)} ${time.padStart(7)} ${pad(attempts, 4)} ${bar(n, total, c)}`.trimEnd());
    const note = ' '.repeat(Math.min(2 * depth + 2, 14));
    if (n.error) {
      const text = fit(`${n.error.code}: ${firstLine(n.error.message)}`, WIDTH - note.length);
      lines.push(`${note}${c.red(text)}`);
    } else if (n.skipReason) lines.push(c.dim(`${note}skipped: ${n.skipReason}`));
  }
  const outputs = Object.entries(run.state.outputs);
  if (outputs.length > 0) {
    lines.push('', 'outputs');
    for (const [k, v] of outputs) lines.push(fit(`  ${k}: ${JSON.stringify(v) ?? 'undefined'}`, WIDTH));
  }
  lines.push('', c.dim(`log ${s.logFile}`));
  return lines.join('\n') + '\n';
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i < 0 ? s : `${s.slice(0, i)} …`;
}

/**
 * The per-file half of `thaiyyal lint`: read, lint (or fix) and report each file. (Worker
 * threads were measured and gave nothing on 2 cores: each thread pays module loading and JIT
 * warm-up again, and linting 1,000 small files is mostly that.)
 */
import { closeSync, constants as fsConstants, fstatSync, openSync, readSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import type { Severity } from '../core/diagnostics.js';
import type { LintFileResult } from '../core/lint/format/types.js';
import type { LintFinding } from '../core/lint/lint.js';
import { MAX_SOURCE_BYTES } from '../core/parse/limits.js';

/** Found in directories and globs, only YAML that looks like a workflow is linted (not CI files, compose files…). */
const LOOKS_LIKE_WORKFLOW = /^(?:apiVersion:\s*['"]?thaiyyal\.dev\/|kind:\s*['"]?Workflow\b)/m;
/** Files read and linted at once. */
const CONCURRENCY = 32;

/** A file to lint; `found` when it came from a directory or glob rather than by name. */
export interface Target {
  abs: string;
  found: boolean;
}

/** What every file of one `thaiyyal lint` run is linted with. */
export interface LintJob {
  cwd: string;
  rules: Readonly<Record<string, Severity | 'off'>>;
  quiet?: boolean;
  fix?: boolean;
  fixDryRun?: boolean;
}

/** Lints (or fixes) one text. `abs` is where to write fixes; without it nothing is written. */
export async function lintText1(
  job: LintJob,
  file: string,
  text: string,
  abs?: string,
): Promise<LintFileResult> {
  const [{ nodeTypes }, { lintText }, { fixText }] = await Promise.all([
    import('../nodes/registry.js'),
    import('../core/lint/lint.js'),
    import('../core/lint/fix.js'),
  ]);
  const keep = (fs: LintFinding[]) => (job.quiet ? fs.filter((f) => f.severity === 'error') : fs);
  if (!job.fix && !job.fixDryRun) {
    return { file, findings: keep(lintText(text, file, nodeTypes, { rules: job.rules })), source: text };
  }
  const r = fixText(text, file, nodeTypes, { rules: job.rules });
  const out: LintFileResult = { file, findings: keep(r.findings), source: r.output };
  if (r.output === text) return out;
  // Dry run: the findings that would remain, and the diff.
  if (job.fixDryRun) return { ...out, diff: (await differ())(file, text, r.output) };
  if (abs) await writeFile(abs, r.output);
  return { ...out, fixed: r.fixed };
}

/** Lints files in this thread; undefined for found files that are not workflows. */
export async function lintTargets(
  targets: readonly Target[],
  job: LintJob,
): Promise<(LintFileResult | undefined)[]> {
  const { readSourceFile } = await import('../adapters/load-workflow.js');
  return mapLimit(targets, CONCURRENCY, async (t): Promise<LintFileResult | undefined> => {
    const file = display(t.abs, job.cwd);
    const src = readQuick(t.abs) ?? (await readSourceFile(t.abs));
    if ('diagnostic' in src) {
      const d = src.diagnostic;
      return {
        file,
        findings: [{ ...d, file, message: d.message.replaceAll(t.abs, file), ruleId: d.ruleId ?? d.code }],
      };
    }
    if (t.found && src.text.trim() !== '' && !LOOKS_LIKE_WORKFLOW.test(src.text)) return undefined;
    return lintText1(job, file, src.text, t.abs);
  });
}

/**
 * The fast path for reading a source file: one synchronous open/fstat/read/close into a
 * buffer of the file's size. Small files read this way cost a few µs, where the promise
 * API pays a thread-pool round trip per call. Anything unusual (an error, a non-file, a file
 * over the limit, NUL bytes, invalid UTF-8) returns undefined, and `readSourceFile` then
 * produces its precise diagnostic.
 */
function readQuick(abs: string): { text: string } | undefined {
  let fd: number | undefined;
  try {
    // Non-blocking, so that a FIFO named like a workflow cannot hang the run.
    fd = openSync(abs, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > MAX_SOURCE_BYTES) return undefined;
    const buf = Buffer.allocUnsafe(st.size + 1);
    let total = 0;
    for (;;) {
      const n = readSync(fd, buf, total, buf.length - total, null);
      if (n === 0) break;
      total += n;
      if (total > st.size) return undefined; // it grew: let the careful reader judge it
    }
    const bytes = buf.subarray(0, total);
    if (bytes.includes(0)) return undefined;
    return { text: utf8.decode(bytes).replace(/^\uFEFF/, '') };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A unified diff maker (`--fix-dry-run`), loaded only when needed. */
async function differ(): Promise<(file: string, before: string, after: string) => string> {
  const { createTwoFilesPatch } = await import('diff');
  return (file, before, after) =>
    createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, {
      context: 3,
    }).replace(/^=+\n/, '');
}

/** Runs `fn` over `items` with at most `limit` in flight; results in input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** A path as shown in findings: relative to `cwd` when inside it, with forward slashes. */
export function display(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : abs;
}

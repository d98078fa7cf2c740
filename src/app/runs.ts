/**
 * Run history (`thaiyyal runs list`, `thaiyyal runs show`): summaries of the local event logs
 * of a project, and one run rebuilt from its log with `applyEvent`, plus per-node timing.
 */
import { decodeTime } from 'ulid';
import { loadProjectConfig } from '../adapters/load-config.js';
import { listRunLogs, readRunLog, readRunLogEnds, type RunLogFile } from '../adapters/run-log.js';
import { parseDuration } from '../core/duration.js';
import { UserError } from '../core/errors.js';
import { planEntries } from '../core/run-plan.js';
import { EVENT_LOG_VERSION, type ErrorInfo, type RunEvent, type RunStatus } from '../engine/events.js';
import { applyEvent, initialState, type NodeState, type RunState } from '../engine/state.js';

/**
 * A run's status as seen from its log. A log without `run.finished` is `running` while it was
 * written to recently (within {@link RUNNING_WINDOW_MS}) and `interrupted` otherwise, or when
 * its last line was cut short; the log records no process id, so this is a best guess.
 */
export type RunSummaryStatus = RunStatus | 'running' | 'interrupted';

export const RUN_SUMMARY_STATUSES: readonly RunSummaryStatus[] = [
  'succeeded',
  'failed',
  'cancelled',
  'running',
  'interrupted',
];

/** A log not written to for this long, and without `run.finished`, is taken as interrupted. */
export const RUNNING_WINDOW_MS = 5 * 60_000;

/** One line of `runs list`. */
export interface RunSummary {
  runId: string;
  workflow: string;
  /** Path of the workflow file, as recorded when the run started. */
  file: string;
  status: RunSummaryStatus;
  /** ms since the epoch. */
  startedAt: number;
  durationMs: number;
  parentRunId?: string;
  /** Path of the event log. */
  logFile: string;
}

export interface ListRunsOptions {
  cwd: string;
  /** Keep runs of this workflow (its name, or the workflow file path as recorded). */
  workflow?: string;
  status?: RunSummaryStatus;
  /** A duration back from now (`2h`, `7d`, `1d12h`) or an ISO date/time. */
  since?: string;
  /** Clock for `since` and running/interrupted (tests). */
  now?: number;
}

export interface ListRunsResult {
  runs: RunSummary[];
  warnings: string[];
}

const DAY_MS = 86_400_000;

/**
 * Parses `--since`: a duration back from `now` (workflow durations plus days: `30m`, `2h`,
 * `7d`, `1d12h`) or an ISO 8601 date or date-time. Returns the cut-off in ms since the epoch.
 * @example parseSince('2d', Date.parse('2026-01-03T00:00:00Z')) // Date.parse('2026-01-01T00:00:00Z')
 */
export function parseSince(text: string, now: number): number {
  const s = text.trim();
  const days = /^(\d+(?:\.\d+)?)d(.*)$/.exec(s);
  if (days) {
    const rest = days[2] === '' ? 0 : parseDuration(days[2]!);
    if (rest !== undefined) return now - Math.round(Number(days[1]) * DAY_MS) - rest;
  } else {
    const ms = parseDuration(s);
    if (ms !== undefined && s !== '') return now - ms;
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) {
    const t = Date.parse(s);
    if (!Number.isNaN(t)) return t;
  }
  throw new UserError('invalid-since', `--since "${text}" is neither a duration nor a date`, {
    suggestions: [
      'use a duration such as 30m, 2h, 7d, or an ISO date such as 2026-01-31 or 2026-01-31T08:00:00Z',
    ],
  });
}

function summaryOf(file: RunLogFile, now: number): RunSummary | undefined {
  const ends = readRunLogEnds(file.path, EVENT_LOG_VERSION);
  const first = ends.first;
  if (!first || first.type !== 'run.started') return undefined;
  const last = ends.last ?? first;
  let status: RunSummaryStatus;
  let durationMs: number;
  if (last.type === 'run.finished') {
    status = last.status;
    durationMs = last.durationMs;
  } else {
    status = ends.truncated || now - ends.mtimeMs > RUNNING_WINDOW_MS ? 'interrupted' : 'running';
    durationMs = Math.max(0, last.ts - first.ts);
  }
  return {
    runId: first.runId,
    workflow: first.workflow,
    file: first.file,
    status,
    startedAt: first.ts,
    durationMs,
    ...(first.parentRunId ? { parentRunId: first.parentRunId } : {}),
    logFile: file.path,
  };
}

/** Time a ULID encodes, or undefined when the id is not one. */
function ulidTime(runId: string): number | undefined {
  try {
    return decodeTime(runId.toUpperCase());
  } catch {
    return undefined;
  }
}

/**
 * Summaries of the project's runs, newest first, filtered. Reads only the first and last
 * line of each log. A log from a newer thaiyyal is skipped with a warning (listing the rest
 * is still useful); `showRun` refuses such a log.
 */
export async function listRuns(opts: ListRunsOptions): Promise<ListRunsResult> {
  const now = opts.now ?? Date.now();
  const cutoff = opts.since !== undefined ? parseSince(opts.since, now) : undefined;
  if (opts.status !== undefined && !RUN_SUMMARY_STATUSES.includes(opts.status)) {
    throw new UserError('invalid-status', `unknown status "${String(opts.status)}"`, {
      suggestions: [`use one of ${RUN_SUMMARY_STATUSES.join(', ')}`],
    });
  }
  const { root } = await loadProjectConfig(opts.cwd);
  const runs: RunSummary[] = [];
  const warnings: string[] = [];
  let newer = 0;
  for (const file of await listRunLogs(root)) {
    // Files are newest first and a ULID encodes its creation time: stop at the cut-off.
    const t = ulidTime(file.runId);
    if (cutoff !== undefined && t !== undefined && t < cutoff) break;
    let s: RunSummary | undefined;
    try {
      s = summaryOf(file, now);
    } catch (err) {
      if (err instanceof UserError && err.code === 'run-log-version') {
        newer++;
        continue;
      }
      throw err;
    }
    if (!s) {
      warnings.push(`${file.path}: skipped, it does not start with run.started`);
      continue;
    }
    if (cutoff !== undefined && s.startedAt < cutoff) continue;
    if (opts.status !== undefined && s.status !== opts.status) continue;
    if (opts.workflow !== undefined && s.workflow !== opts.workflow && s.file !== opts.workflow) continue;
    runs.push(s);
  }
  if (newer > 0) {
    warnings.push(`skipped ${newer} run log(s) written by a newer thaiyyal; upgrade to list them`);
  }
  runs.sort((a, b) => b.startedAt - a.startedAt || (a.runId < b.runId ? 1 : -1));
  return { runs, warnings };
}

/** One node of a shown run, in the plan's topological order. */
export interface NodeTiming {
  id: string;
  type: string;
  deps: string[];
  status: NodeState['status'];
  /** ms from the run's start to the node's first attempt; absent when it never started. */
  startOffsetMs?: number;
  durationMs: number;
  attempts: number;
  error?: ErrorInfo;
  skipReason?: string;
}

export interface ShowRunOptions {
  cwd: string;
  /** A run id, a unique prefix of one (case-insensitive), or `latest`. */
  run: string;
  now?: number;
}

/** One run, rebuilt from its log. */
export interface RunDetails {
  summary: RunSummary;
  /** The folded state (`applyEvent` over every event). */
  state: RunState;
  nodes: NodeTiming[];
  warnings: string[];
}

/** Finds the log of `run` (an id or a prefix); clear errors when none or several match. */
export async function resolveRun(root: string, run: string): Promise<RunLogFile> {
  const files = await listRunLogs(root);
  const wanted = run.trim().toUpperCase();
  const exact = files.find((f) => f.runId.toUpperCase() === wanted);
  if (exact) return exact;
  // `latest` cannot be a prefix of a ULID (Crockford base32 has no L).
  if (wanted === 'LATEST' && files[0]) return files[0];
  const matches = wanted === '' ? [] : files.filter((f) => f.runId.toUpperCase().startsWith(wanted));
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    const shown = matches.slice(0, 10).map((f) => f.runId);
    const more = matches.length > shown.length ? `\n(and ${matches.length - shown.length} more)` : '';
    throw new UserError(
      'ambiguous-run',
      `"${run}" matches ${matches.length} runs:\n${shown.join('\n')}${more}`,
      { suggestions: ['give more characters of the run id'] },
    );
  }
  const recent = files.slice(0, 5).map((f) => f.runId);
  throw new UserError(
    'unknown-run',
    recent.length === 0
      ? `no run "${run}": this project has no runs yet`
      : `no run "${run}"; the most recent runs are:\n${recent.join('\n')}`,
    { suggestions: ['see `thaiyyal runs list`'] },
  );
}

/**
 * One run in full: the state folded from its log, each node's timing, and warnings (e.g. an
 * incomplete last line). Throws {@link UserError} for an unknown or ambiguous id and for a
 * log from a newer thaiyyal.
 */
export async function showRun(opts: ShowRunOptions): Promise<RunDetails> {
  const now = opts.now ?? Date.now();
  const { root } = await loadProjectConfig(opts.cwd);
  const file = await resolveRun(root, opts.run);
  const log = await readRunLog(file.path, EVENT_LOG_VERSION);
  const first = log.events[0];
  if (!first || first.type !== 'run.started') {
    throw new UserError('run-log-corrupt', `${file.path}: the log does not start with run.started`);
  }
  const state = initialState();
  for (const e of log.events) applyEvent(state, e);
  const last = log.events[log.events.length - 1]!;
  const finished = last.type === 'run.finished';
  const truncated = log.warnings.length > 0;
  const status: RunSummaryStatus = finished
    ? state.status === 'running'
      ? 'interrupted'
      : state.status
    : truncated || now - log.mtimeMs > RUNNING_WINDOW_MS
      ? 'interrupted'
      : 'running';
  const runDuration = finished ? state.durationMs : Math.max(0, last.ts - first.ts);
  const warnings = [...log.warnings];
  if (!finished) {
    warnings.push(
      status === 'running'
        ? 'the run has not finished yet (or its process died without finishing the log)'
        : 'the log has no run.finished: the run was interrupted (crash or kill) and is shown as far as it got',
    );
  }
  return {
    summary: {
      runId: state.runId,
      workflow: state.workflow,
      file: state.file,
      status,
      startedAt: state.startedAt,
      durationMs: runDuration,
      ...(first.parentRunId ? { parentRunId: first.parentRunId } : {}),
      logFile: file.path,
    },
    state,
    nodes: nodeTimings(first, state, last),
    warnings,
  };
}

function nodeTimings(
  started: Extract<RunEvent, { type: 'run.started' }>,
  state: RunState,
  last: RunEvent,
): NodeTiming[] {
  const plan = planEntries(started.plan);
  const planned = new Set(started.plan.nodes);
  // Nodes the plan did not announce (should not happen) still get shown, after the plan.
  const extra = Object.keys(state.nodes)
    .filter((id) => !planned.has(id))
    .map((id) => ({ id, type: '?', deps: [] as string[] }));
  return [...plan, ...extra].map((p) => {
    const n = state.nodes[p.id] ?? { status: 'pending' as const, attempts: 0, durationMs: 0 };
    const durationMs =
      n.status === 'running' && n.startedAt !== undefined ? Math.max(0, last.ts - n.startedAt) : n.durationMs;
    return {
      id: p.id,
      type: p.type,
      deps: p.deps,
      status: n.status,
      ...(n.startedAt !== undefined ? { startOffsetMs: Math.max(0, n.startedAt - state.startedAt) } : {}),
      durationMs,
      attempts: n.attempts,
      ...(n.error ? { error: n.error } : {}),
      ...(n.skipReason ? { skipReason: n.skipReason } : {}),
    };
  });
}

/** What `runs prune` did (or would do, with `dryRun`). */
export interface PruneResult {
  dryRun: boolean;
  retention: { days?: number; count?: number };
  deleted: { runId: string; path: string; reason: string }[];
  compressed: { runId: string; path: string }[];
  kept: number;
  warnings: string[];
}

/**
 * `runs prune`: applies `runs.retention` of the project config — deletes the logs of finished
 * runs older than `days` or beyond the newest `count` — and gzips the finished logs it keeps.
 * Runs still running are never touched; a log without `run.finished` that is no longer written
 * to (interrupted) counts as finished. With no retention configured nothing is deleted.
 */
export async function pruneRuns(opts: { cwd: string; dryRun?: boolean; now?: number }): Promise<PruneResult> {
  const now = opts.now ?? Date.now();
  const config = await loadProjectConfig(opts.cwd);
  const { compressRunLog, deleteRunLog } = await import('../adapters/run-log.js');
  const retention = config.runs?.retention ?? {};
  const files = await listRunLogs(config.root);
  const result: PruneResult = {
    dryRun: opts.dryRun === true,
    retention,
    deleted: [],
    compressed: [],
    kept: 0,
    warnings: [],
  };
  let rank = 0;
  for (const file of files) {
    let s: RunSummary | undefined;
    try {
      s = summaryOf(file, now);
    } catch (err) {
      if (err instanceof UserError) {
        result.warnings.push(`${file.path}: left alone (${err.message})`);
        result.kept++;
        continue;
      }
      throw err;
    }
    if (!s || s.status === 'running') {
      result.kept++;
      continue;
    }
    rank++;
    const startedAt = s.startedAt || ulidTime(file.runId) || now;
    let reason: string | undefined;
    if (retention.count !== undefined && rank > retention.count) {
      reason = `beyond the newest ${retention.count} runs (runs.retention.count)`;
    } else if (retention.days !== undefined && now - startedAt > retention.days * DAY_MS) {
      reason = `older than ${retention.days} days (runs.retention.days)`;
    }
    if (reason) {
      if (!result.dryRun) deleteRunLog(file.path);
      result.deleted.push({ runId: file.runId, path: file.path, reason });
      continue;
    }
    result.kept++;
    if (!file.compressed) {
      const path = result.dryRun ? `${file.path}.gz` : compressRunLog(file.path);
      result.compressed.push({ runId: file.runId, path });
    }
  }
  return result;
}

/** One side of a node in `runs diff`. */
interface NodeSide {
  status: string;
  output?: unknown;
  options?: Record<string, unknown>;
  attempts: number;
  durationMs: number;
  startOffsetMs?: number;
}

/** What differs about one node between two runs. */
export interface NodeDiff {
  nodeId: string;
  /** `a` or `b` when the node is in one run only. */
  only?: 'a' | 'b';
  status?: { a: string; b: string };
  /** Resolved options of the last attempt (the node's inputs after templates). */
  inputs?: { path: string; a: unknown; b: unknown };
  output?: { path: string; a: unknown; b: unknown };
  attempts?: { a: number; b: number };
  /** Always given for nodes in both runs: b − a. */
  timing: { a: number; b: number; deltaMs: number };
  /** True when status, inputs, output or attempts differ. */
  differs: boolean;
}

export interface RunsDiff {
  a: RunSummary;
  b: RunSummary;
  /** Workflow inputs that differ. */
  inputs?: { path: string; a: unknown; b: unknown };
  /** Workflow outputs that differ. */
  outputs?: { path: string; a: unknown; b: unknown };
  nodes: NodeDiff[];
  /** Number of nodes whose status, inputs, output or attempts differ. */
  differing: number;
  warnings: string[];
}

/** `runs diff A B`: per node, what differs between two runs (inputs, outputs, status, timing). */
export async function diffRuns(opts: { cwd: string; a: string; b: string; now?: number }): Promise<RunsDiff> {
  const { firstDifference, valueAtPath } = await import('./replay/diff-path.js');
  const [a, b] = [await showRun({ ...opts, run: opts.a }), await showRun({ ...opts, run: opts.b })];
  const side = (d: RunDetails, id: string): NodeSide | undefined => {
    const n = d.state.nodes[id];
    if (!n) return undefined;
    const t = d.nodes.find((x) => x.id === id);
    return {
      status: n.status,
      ...('output' in n ? { output: n.output } : {}),
      ...(n.options ? { options: n.options } : {}),
      attempts: n.attempts,
      durationMs: t?.durationMs ?? n.durationMs,
      ...(t?.startOffsetMs !== undefined ? { startOffsetMs: t.startOffsetMs } : {}),
    };
  };
  const delta = (x: unknown, y: unknown) => {
    const path = firstDifference(x, y);
    return path === undefined ? undefined : { path, a: valueAtPath(x, path), b: valueAtPath(y, path) };
  };
  const ids = [...a.nodes.map((n) => n.id), ...b.nodes.map((n) => n.id).filter((id) => !a.state.nodes[id])];
  const nodes: NodeDiff[] = [];
  for (const id of ids) {
    const x = side(a, id);
    const y = side(b, id);
    if (!x || !y) {
      nodes.push({
        nodeId: id,
        only: x ? 'a' : 'b',
        timing: {
          a: x?.durationMs ?? 0,
          b: y?.durationMs ?? 0,
          deltaMs: (y?.durationMs ?? 0) - (x?.durationMs ?? 0),
        },
        differs: true,
      });
      continue;
    }
    const d: NodeDiff = {
      nodeId: id,
      timing: { a: x.durationMs, b: y.durationMs, deltaMs: y.durationMs - x.durationMs },
      differs: false,
    };
    if (x.status !== y.status) d.status = { a: x.status, b: y.status };
    // A node reused by a fork has no options of its own: nothing to compare.
    const inputs = x.options && y.options ? delta(x.options, y.options) : undefined;
    if (inputs) d.inputs = inputs;
    const output = delta(x.output, y.output);
    if (output) d.output = output;
    if (x.attempts !== y.attempts) d.attempts = { a: x.attempts, b: y.attempts };
    d.differs = Boolean(d.status ?? d.inputs ?? d.output ?? d.attempts);
    nodes.push(d);
  }
  const inputs = delta(a.state.inputs, b.state.inputs);
  const outputs = delta(a.state.outputs, b.state.outputs);
  return {
    a: a.summary,
    b: b.summary,
    ...(inputs ? { inputs } : {}),
    ...(outputs ? { outputs } : {}),
    nodes,
    differing: nodes.filter((n) => n.differs).length,
    warnings: [...a.warnings.map((w) => `A: ${w}`), ...b.warnings.map((w) => `B: ${w}`)],
  };
}

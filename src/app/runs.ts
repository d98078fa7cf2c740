/**
 * Run history (`thaiyyal runs list`, `thaiyyal runs show`): summaries of the local event logs
 * of a project, and one run rebuilt from its log with `applyEvent`, plus per-node timing.
 */
import { decodeTime } from 'ulid';
import { loadProjectConfig } from '../adapters/load-config.js';
import { listRunLogs, readRunLog, readRunLogEnds, type RunLogFile } from '../adapters/run-log.js';
import { parseDuration } from '../core/duration.js';
import { UserError } from '../core/errors.js';
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
async function resolveRun(root: string, run: string): Promise<RunLogFile> {
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
  const planned = new Set(started.plan.map((p) => p.id));
  // Nodes the plan did not announce (should not happen) still get shown, after the plan.
  const extra = Object.keys(state.nodes)
    .filter((id) => !planned.has(id))
    .map((id) => ({ id, type: '?', deps: [] as string[] }));
  return [...started.plan, ...extra].map((p) => {
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

/**
 * `thaiyyal replay`: open a past run for the debugger, print its state after an event, verify
 * it by re-executing with its recorded effects, or fork it from a node.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { loadProjectConfig } from '../../adapters/load-config.js';
import { readRunLogBytes, type RunLogFile } from '../../adapters/run-log.js';
import { UserError } from '../../core/errors.js';
import type { RecordedEffect } from '../../engine/effects.js';
import { EVENT_LOG_VERSION, type EventSink, type RunEvent } from '../../engine/events.js';
import type { ReusedResult } from '../../engine/execute.js';
import type { RunState } from '../../engine/state.js';
import { resolveRun } from '../runs.js';
import { loadWorkflow } from '../load.js';
import { runWorkflowFile, type RunResult } from '../run.js';
import { firstDifference, valueAtPath } from './diff-path.js';
import { compileExpression } from '../../core/expr/jsonata.js';
import { evaluateExpression, LIMITS, type Scope } from '../../core/expr/template.js';
import { truthy } from '../../engine/execute.js';
import { EVENT_TYPES, eventAt, indexRunLog, stateAfter, type ConditionEval, type RunIndex } from './model.js';

export interface OpenedRun {
  file: RunLogFile;
  root: string;
  index: RunIndex;
}

/** Resolves a run id (prefix, `latest`) and indexes its log. */
export async function openRun(opts: { cwd: string; run: string }): Promise<OpenedRun> {
  const { root } = await loadProjectConfig(opts.cwd);
  const file = await resolveRun(root, opts.run);
  const index = indexRunLog(readRunLogBytes(file.path), file.path, EVENT_LOG_VERSION);
  return { file, root, index };
}

/** `replay RUN --at N --json`: the full state after event N. */
export interface StateAt {
  runId: string;
  /** The event the state is after (its seq). */
  at: number;
  /** Number of events in the log. */
  events: number;
  event: RunEvent;
  state: RunState;
  warnings: string[];
}

/** The state after event `at` (0-based seq; negative counts from the end, -1 being the last). */
export async function stateAt(opts: { cwd: string; run: string; at: number }): Promise<StateAt> {
  const { index } = await openRun(opts);
  const at = opts.at < 0 ? index.count + opts.at : opts.at;
  if (!Number.isInteger(opts.at) || at < 0 || at >= index.count) {
    throw new UserError(
      'invalid-event',
      `--at ${opts.at} is out of range: run ${index.started.runId} has events 0 to ${index.count - 1}`,
      { suggestions: [`give a number from 0 to ${index.count - 1}, or -1 for the last event`] },
    );
  }
  return {
    runId: index.started.runId,
    at,
    events: index.count,
    event: eventAt(index, at),
    state: stateAfter(index, at),
    warnings: index.warnings,
  };
}

/** A node's final outcome in a run. */
interface Outcome {
  status: string;
  output?: unknown;
  error?: { code: string; message: string };
  seq: number;
  event: RunEvent;
}

function outcomesOf(events: Iterable<RunEvent>): Map<string, Outcome> {
  const out = new Map<string, Outcome>();
  for (const e of events) {
    if (
      e.type === 'node.succeeded' ||
      e.type === 'node.failed' ||
      e.type === 'node.skipped' ||
      e.type === 'node.cancelled'
    ) {
      out.set(e.nodeId, {
        status: e.type.slice(5),
        ...('output' in e && e.output !== undefined ? { output: e.output } : {}),
        ...('error' in e ? { error: { code: e.error.code, message: e.error.message } } : {}),
        seq: e.seq,
        event: e,
      });
    }
  }
  return out;
}

function* indexedEvents(ix: RunIndex, types: ReadonlySet<string>): Generator<RunEvent> {
  for (let i = 0; i < ix.count; i++) {
    if (types.has(EVENT_TYPES[ix.types[i]!] ?? '')) yield eventAt(ix, i);
  }
}

const TERMINALS = new Set(['node.succeeded', 'node.failed', 'node.skipped', 'node.cancelled']);

/** The workflow file a run was made from (or `--workflow`), checked to exist. */
function workflowFileOf(opened: OpenedRun, cwd: string, given: string | undefined): string {
  if (given !== undefined) {
    const f = resolve(cwd, given);
    if (!existsSync(f)) throw new UserError('no-file', `--workflow ${given}: no such file`);
    return f;
  }
  const recorded = opened.index.started.file;
  const candidates = isAbsolute(recorded)
    ? [recorded]
    : [resolve(cwd, recorded), resolve(opened.root, recorded)];
  const found = candidates.find((f) => existsSync(f));
  if (!found) {
    throw new UserError(
      'no-file',
      `run ${opened.index.started.runId} was made from ${recorded}, which is not there any more`,
      { suggestions: ['give the workflow with --workflow FILE'] },
    );
  }
  return found;
}

/** One way a replay differs from its recording. */
export interface Divergence {
  /** The node (absent for a run output). */
  nodeId?: string;
  /** `status`: it ended differently; `output`: same status, other output; `missing`: not in the replay; `added`: only in the replay; `run-output`: a workflow output. */
  kind: 'status' | 'output' | 'missing' | 'added' | 'run-output';
  /** Where in the output (`$.items[2].name`), for `output` and `run-output`. */
  path?: string;
  recorded?: unknown;
  replayed?: unknown;
  /** The replayed node's error, when it failed. */
  error?: { code: string; message: string };
  /** Seq of the recorded event this is about. */
  recordedSeq?: number;
  message: string;
}

export interface VerifyResult {
  runId: string;
  /** Workflow file replayed. */
  workflowFile: string;
  identical: boolean;
  /** Nodes compared. */
  nodes: number;
  /** Effects the recording answered. */
  effects: number;
  /** The first divergence, in the order of the recording. */
  divergence?: Divergence;
  /** All divergences (at most 100). */
  divergences: Divergence[];
  replayStatus: string;
  warnings: string[];
}

/**
 * `replay RUN --verify`: re-executes the run's workflow (or `workflow`, a new version of it) with
 * every effect answered from the recording (no network, no processes, no clock), then checks each
 * node ended the same way with an identical output. Divergences come in the recording's order.
 */
export async function verifyRun(opts: {
  cwd: string;
  run: string;
  workflow?: string;
}): Promise<VerifyResult> {
  const opened = await openRun(opts);
  const ix = opened.index;
  const workflowFile = workflowFileOf(opened, opts.cwd, opts.workflow);
  const effects = new Map<string, RecordedEffect>();
  for (const e of indexedEvents(ix, new Set(['node.effect']))) {
    if (e.type !== 'node.effect') continue;
    effects.set(effectKey(e.nodeId, e.index, e.n), {
      kind: e.kind,
      ...(e.request ? { request: e.request } : {}),
      ...(e.error ? { error: e.error } : {}),
      ...('result' in e ? { result: e.result } : {}),
    });
  }
  // A fork's reused nodes never ran in it (no node.started): verifying reuses them again.
  const ran = new Set<string>();
  for (let i = 0; i < ix.count; i++)
    if (EVENT_TYPES[ix.types[i]!] === 'node.started') ran.add(ix.plan[ix.nodes[i]!]!.id);
  const reusedInRecording = new Map<string, RunEvent>();
  for (const e of indexedEvents(ix, TERMINALS)) {
    if ('nodeId' in e && !ran.has(e.nodeId) && e.type !== 'node.skipped' && e.type !== 'node.cancelled') {
      reusedInRecording.set(e.nodeId, e);
    }
  }
  const replayed: RunEvent[] = [];
  const collector: EventSink = { write: (e) => void replayed.push(e) };
  const result = await runWorkflowFile({
    file: workflowFile,
    inputs: ix.started.inputs,
    cwd: opts.cwd,
    noLog: true,
    // A run made with --optimize is re-executed the same way, so its nodes line up with the recording.
    ...(ix.started.optimized ? { optimize: true } : {}),
    sinks: [collector],
    replay: {
      runId: ix.started.runId,
      effects: {
        mode: 'replay',
        startedAt: ix.started.ts,
        take: (nodeId, index, n) => effects.get(effectKey(nodeId, index, n)),
      },
    },
    ...(reusedInRecording.size > 0
      ? {
          fork: {
            runId: ix.started.forkOf?.runId ?? ix.started.runId,
            node: ix.started.forkOf?.node ?? '',
            reuse: (nodeId: string) => {
              const e = reusedInRecording.get(nodeId);
              return e ? reusedResultOf(e) : undefined;
            },
          },
        }
      : {}),
  });
  const recorded = outcomesOf(indexedEvents(ix, TERMINALS));
  const now = outcomesOf(replayed);
  const divergences: Divergence[] = [];
  const ordered = [...recorded.entries()].sort((a, b) => a[1].seq - b[1].seq);
  for (const [id, rec] of ordered) {
    const rep = now.get(id);
    if (!rep) {
      divergences.push({
        nodeId: id,
        kind: 'missing',
        recordedSeq: rec.seq,
        message: `node "${id}" ${rec.status} in the recording but is not in the replayed workflow`,
      });
      continue;
    }
    if (rep.status !== rec.status) {
      divergences.push({
        nodeId: id,
        kind: 'status',
        recorded: rec.status,
        replayed: rep.status,
        ...(rep.error ? { error: rep.error } : {}),
        recordedSeq: rec.seq,
        message: `node "${id}" ${rec.status} in the recording but ${rep.status} in the replay${rep.error ? ` (${rep.error.code}: ${rep.error.message})` : ''}`,
      });
      continue;
    }
    const path = firstDifference(rec.output, rep.output);
    if (path !== undefined) {
      const recordedAt = valueAtPath(rec.output, path);
      const replayedAt = valueAtPath(rep.output, path);
      divergences.push({
        nodeId: id,
        kind: 'output',
        path,
        recorded: recordedAt,
        replayed: replayedAt,
        recordedSeq: rec.seq,
        message: `node "${id}" output differs at ${path}: recorded ${show(recordedAt)}, replayed ${show(replayedAt)}`,
      });
    }
  }
  for (const [id, rep] of now) {
    if (!recorded.has(id)) {
      divergences.push({
        nodeId: id,
        kind: 'added',
        replayed: rep.status,
        message: `node "${id}" is new: it ${rep.status} in the replay and is not in the recording`,
      });
    }
  }
  const finished = ix.count > 0 ? eventAt(ix, ix.count - 1) : undefined;
  if (finished?.type === 'run.finished') {
    const path = firstDifference(finished.outputs, result.outputs);
    if (path !== undefined) {
      const a = valueAtPath(finished.outputs, path);
      const b = valueAtPath(result.outputs, path);
      divergences.push({
        kind: 'run-output',
        path: path.replace(/^\$/, '$outputs'),
        recorded: a,
        replayed: b,
        recordedSeq: finished.seq,
        message: `workflow outputs differ at ${path.replace(/^\$/, 'outputs')}: recorded ${show(a)}, replayed ${show(b)}`,
      });
    }
  }
  return {
    runId: ix.started.runId,
    workflowFile,
    identical: divergences.length === 0,
    nodes: recorded.size,
    effects: effects.size,
    ...(divergences[0] ? { divergence: divergences[0] } : {}),
    divergences: divergences.slice(0, 100),
    replayStatus: result.status,
    warnings: ix.warnings,
  };
}

function effectKey(nodeId: string, index: number | undefined, n: number): string {
  return `${nodeId}\u0000${index ?? ''}\u0000${n}`;
}

function show(v: unknown): string {
  if (v === undefined) return '(nothing)';
  const s = JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}

export interface ForkOptions {
  cwd: string;
  run: string;
  /** The node to execute from: it and everything downstream of it run for real. */
  from: string;
  /** `NODE.output=JSON` overrides of reused nodes' outputs. */
  set?: readonly string[];
  /** Inputs over the recorded ones (strings are coerced to the declared type). */
  inputs?: Record<string, unknown>;
  workflow?: string;
  sinks?: EventSink[];
  signal?: AbortSignal;
}

export interface ForkResult extends RunResult {
  forkOf: { runId: string; node: string };
  /** Nodes whose recorded results were reused. */
  reused: string[];
  /** Nodes that ran for real. */
  executed: string[];
}

/** Parses `--set NODE.output=JSON`. */
export function parseSet(text: string): { nodeId: string; output: unknown } {
  const m = /^([A-Za-z_][A-Za-z0-9_-]*)\.output=(.*)$/s.exec(text);
  if (!m) {
    throw new UserError('invalid-set', `--set "${text}" is not of the form NODE.output=JSON`, {
      suggestions: ['e.g. --set fetch.output=\'{"status": 200}\''],
    });
  }
  try {
    return { nodeId: m[1]!, output: JSON.parse(m[2]!) as unknown };
  } catch {
    throw new UserError('invalid-set', `--set ${m[1]}.output: ${JSON.stringify(m[2])} is not JSON`, {
      suggestions: ['quote strings as JSON: --set node.output=\'"text"\''],
    });
  }
}

/**
 * `replay RUN --from NODE`: a new run (linked to RUN by `forkOf` in its run.started) that reuses
 * the recorded results of every node not downstream of NODE and executes NODE and its downstream
 * for real. `--set` replaces a reused node's output; `--input` changes inputs over the recorded ones.
 */
export async function forkRun(opts: ForkOptions): Promise<ForkResult> {
  const opened = await openRun(opts);
  const ix = opened.index;
  const workflowFile = workflowFileOf(opened, opts.cwd, opts.workflow);
  const loaded = await loadWorkflow(workflowFile);
  if (!loaded.graph) {
    throw new UserError('invalid-workflow', `${workflowFile} is not a valid workflow`, {
      diagnostics: loaded.diagnostics,
    });
  }
  const graph = loaded.graph;
  if (!Object.hasOwn(graph.deps, opts.from)) {
    throw new UserError('unknown-node', `--from ${opts.from}: the workflow has no node "${opts.from}"`, {
      suggestions: [`nodes: ${graph.order.slice(0, 20).join(', ')}`],
    });
  }
  // Secret inputs were recorded redacted: a fork takes them again from --input, or from the
  // workflow's default, and never runs with "***".
  const given = opts.inputs ?? {};
  const recordedInputs = { ...ix.started.inputs };
  const redacted: string[] = [];
  for (const [k, v] of Object.entries(recordedInputs)) {
    if (v !== '***' || Object.hasOwn(given, k)) continue;
    delete recordedInputs[k];
    if (loaded.workflow?.inputs[k]?.default === undefined) redacted.push(k);
  }
  if (redacted.length > 0) {
    throw new UserError(
      'missing-input',
      `input${redacted.length > 1 ? 's' : ''} ${redacted.map((k) => `"${k}"`).join(', ')} of run ${ix.started.runId} ${redacted.length > 1 ? 'were' : 'was'} recorded redacted (secret); the fork needs the real value${redacted.length > 1 ? 's' : ''}`,
      { suggestions: redacted.map((k) => `--input ${k}=…`) },
    );
  }
  const downstream = new Set<string>([opts.from]);
  for (const id of graph.order) {
    if (graph.deps[id]!.some((d) => downstream.has(d))) downstream.add(id);
  }
  const recorded = outcomesOf(indexedEvents(ix, TERMINALS));
  const sets = new Map<string, unknown>();
  for (const s of opts.set ?? []) {
    const { nodeId, output } = parseSet(s);
    if (downstream.has(nodeId)) {
      throw new UserError(
        'invalid-set',
        `--set ${nodeId}.output: "${nodeId}" runs for real in this fork (it is ${nodeId === opts.from ? '--from' : `downstream of ${opts.from}`})`,
        { suggestions: ['set the output of a node upstream of --from'] },
      );
    }
    if (!Object.hasOwn(graph.deps, nodeId)) {
      throw new UserError('invalid-set', `--set ${nodeId}.output: the workflow has no node "${nodeId}"`);
    }
    sets.set(nodeId, output);
  }
  const reused: string[] = [];
  const executed: string[] = [];
  const reuse = (nodeId: string): ReusedResult | undefined => {
    if (downstream.has(nodeId)) {
      executed.push(nodeId);
      return undefined;
    }
    const rec = recorded.get(nodeId);
    const e = rec?.event;
    if (sets.has(nodeId)) {
      reused.push(nodeId);
      return { status: 'succeeded', output: sets.get(nodeId), attempts: 0, durationMs: 0 };
    }
    if (!e || e.type === 'node.cancelled') {
      // No result to reuse (the recorded run never finished it): run it.
      executed.push(nodeId);
      return undefined;
    }
    const r = reusedResultOf(e);
    (r ? reused : executed).push(nodeId);
    return r;
  };
  const result = await runWorkflowFile({
    file: workflowFile,
    inputs: { ...recordedInputs, ...given },
    cwd: opts.cwd,
    ...(ix.started.optimized ? { optimize: true } : {}),
    ...(opts.sinks ? { sinks: opts.sinks } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    fork: { runId: ix.started.runId, node: opts.from, reuse },
  });
  return { ...result, forkOf: { runId: ix.started.runId, node: opts.from }, reused, executed };
}

/** Evaluates a `when:` breakpoint: JSONata over the run state (`nodes.fetch.status = "failed"`), bounded like run expressions. */
export function conditionEvaluator(): ConditionEval {
  return async (expression, state) => {
    const scope = {
      [LIMITS]: { now: Date.now, timeMs: 2_000, maxDepth: 10_000 },
      ...(state as unknown as Record<string, unknown>),
    } as unknown as Scope;
    try {
      return truthy(await evaluateExpression(compileExpression(expression), expression, scope));
    } catch (err) {
      throw new UserError('invalid-breakpoint', `breakpoint when:${expression}: ${(err as Error).message}`);
    }
  };
}

/** A recorded final event as a result a run can reuse. */
function reusedResultOf(e: RunEvent): ReusedResult | undefined {
  if (e.type === 'node.succeeded') {
    return { status: 'succeeded', output: e.output, attempts: e.attempts, durationMs: e.durationMs };
  }
  if (e.type === 'node.skipped') return { status: 'skipped', reason: e.reason, attempts: 0, durationMs: 0 };
  if (e.type === 'node.failed') {
    return {
      status: 'failed',
      error: e.error,
      handled: e.handled,
      ...(e.handled ? { output: e.output ?? null } : {}),
      attempts: e.attempts,
      durationMs: e.durationMs,
    };
  }
  return undefined;
}

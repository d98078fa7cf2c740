/**
 * The replay debugger's model: an index over a run's log and a cursor on it. Pure (it is
 * given the log's bytes): the TUI, the plain-text view and `replay --at` all read it, and its
 * tests drive it directly.
 *
 * Opening indexes the log without parsing it: per event, its byte range, its type and its node
 * (read from the line's head, which the writer lays out as `{"v":…,"seq":…,"ts":…,"runId":…,
 * "type":…,"nodeId":…`), so a 100,000-event run opens in well under a second with a few bytes
 * per event. Event bodies (outputs, options, errors) are parsed only when shown. Node statuses at
 * any event come from the index alone, with a checkpoint every {@link CHECKPOINT} events.
 */
import { UserError } from '../../core/errors.js';
import { planEntries, upgradeEvent } from '../../core/run-plan.js';
import type { RunEvent, RunEventType } from '../../engine/events.js';
import { applyEvent, initialState, type RunState } from '../../engine/state.js';

/** Event types, as small codes in the index. */
export const EVENT_TYPES = [
  'run.started',
  'node.scheduled',
  'node.started',
  'node.retrying',
  'node.options',
  'node.effect',
  'node.log',
  'node.succeeded',
  'node.failed',
  'node.skipped',
  'node.cancelled',
  'run.finished',
] as const satisfies readonly RunEventType[];

const TYPE_CODE = new Map<string, number>(EVENT_TYPES.map((t, i) => [t, i]));
const UNKNOWN_TYPE = 255;

/** A node's status as the index knows it. */
export const STATUSES = [
  'pending',
  'scheduled',
  'running',
  'succeeded',
  'failed',
  'skipped',
  'cancelled',
] as const;
export type IndexStatus = (typeof STATUSES)[number];
const S = Object.fromEntries(STATUSES.map((s, i) => [s, i])) as Record<IndexStatus, number>;

/** Events between two status checkpoints. */
export const CHECKPOINT = 4096;

export interface PlanEntry {
  id: string;
  type: string;
  deps: string[];
}

/** The index of one run's log. */
export interface RunIndex {
  /** The log's bytes (gunzipped). */
  bytes: Uint8Array;
  /** Byte offset where event i starts; `starts[count]` is the end of the last one. */
  starts: Float64Array;
  /** Byte offset after event i's text (without its newline). */
  ends: Float64Array;
  /** Event type codes ({@link EVENT_TYPES}, 255 for a type this version does not know). */
  types: Uint8Array;
  /** Node number of each event (index in {@link plan}), -1 for run events. */
  nodes: Int32Array;
  count: number;
  plan: PlanEntry[];
  nodeIndex: Map<string, number>;
  started: Extract<RunEvent, { type: 'run.started' }>;
  /** Per node, the indices of its events, ascending. */
  byNode: Int32Array[];
  /** Node statuses before event `k * CHECKPOINT`. */
  checkpoints: Uint8Array[];
  warnings: string[];
}

const decoder = new TextDecoder();
const TYPE_KEY = Buffer.from('"type":"');
const NODE_KEY = Buffer.from(',"nodeId":"');
const V_KEY = Buffer.from('{"v":');

/**
 * Reads version, type and node id from a line laid out as the writer lays it out, without
 * decoding the line; undefined when it is laid out otherwise (then the caller parses it).
 */
function readHead(
  buf: Buffer,
  pos: number,
  nl: number,
): { v: number; type: string; nodeId?: string } | undefined {
  if (buf.compare(V_KEY, 0, V_KEY.length, pos, pos + V_KEY.length) !== 0) return undefined;
  let v = 0;
  let p = pos + V_KEY.length;
  for (; p < nl && buf[p]! >= 48 && buf[p]! <= 57; p++) v = v * 10 + buf[p]! - 48;
  const t = buf.indexOf(TYPE_KEY, p);
  if (t < 0 || t > nl || t - pos > 400) return undefined;
  const ts = t + TYPE_KEY.length;
  const te = buf.indexOf(34, ts);
  if (te < 0 || te > nl) return undefined;
  const type = buf.toString('latin1', ts, te);
  if (
    te + 1 + NODE_KEY.length > nl ||
    buf.compare(NODE_KEY, 0, NODE_KEY.length, te + 1, te + 1 + NODE_KEY.length) !== 0
  ) {
    return { v, type };
  }
  const ns = te + 1 + NODE_KEY.length;
  const ne = buf.indexOf(34, ns);
  if (ne < 0 || ne > nl) return undefined;
  for (let q = ns; q < ne; q++) if (buf[q] === 92 || buf[q]! >= 128) return undefined; // escapes, non-ASCII: parse
  return { v, type, nodeId: buf.toString('latin1', ns, ne) };
}

/**
 * Indexes a log. `label` names it in messages; `maxVersion` is the reader's EVENT_LOG_VERSION.
 * A last line cut short by a crash is dropped with a warning; a newer format version is refused.
 */
export function indexRunLog(bytes: Uint8Array, label: string, maxVersion: number): RunIndex {
  const startsL: number[] = [];
  const endsL: number[] = [];
  const typesL: number[] = [];
  const nodeNames: (string | undefined)[] = [];
  const warnings: string[] = [];
  const n = bytes.length;
  let pos = 0;
  let line = 0;
  let started: Extract<RunEvent, { type: 'run.started' }> | undefined;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  while (pos < n) {
    let nl = buf.indexOf(10, pos);
    const complete = nl >= 0;
    if (!complete) nl = n;
    line++;
    if (nl === pos) {
      pos = nl + 1;
      continue;
    }
    let v: number | undefined;
    let type: string | undefined;
    let nodeId: string | undefined;
    const m = complete ? readHead(buf, pos, nl) : undefined;
    let parsed: RunEvent | undefined;
    if (m) {
      v = m.v;
      type = m.type;
      nodeId = m.nodeId;
    }
    if (!m || !complete || type === 'run.started') {
      // Not laid out as the writer lays it out, the first event, or a last line without newline.
      try {
        parsed = JSON.parse(decoder.decode(bytes.subarray(pos, nl))) as RunEvent;
      } catch {
        parsed = undefined;
      }
      if (!parsed || typeof parsed !== 'object' || typeof parsed.v !== 'number') {
        if (!complete) {
          warnings.push(
            `${label}: dropped an incomplete last line (line ${line}); the run was interrupted while writing its log`,
          );
          break;
        }
        throw new UserError('run-log-corrupt', `${label}:${line}: not a valid event; the log is damaged`);
      }
      if (!complete) {
        warnings.push(`${label}: the last line has no final newline (the run was interrupted while writing)`);
      }
      v = parsed.v;
      type = parsed.type;
      nodeId = 'nodeId' in parsed ? parsed.nodeId : undefined;
    }
    if (v! > maxVersion) {
      throw new UserError(
        'run-log-version',
        `${label} was written by a newer thaiyyal (event log format v${v}; this version reads up to v${maxVersion})`,
        { suggestions: ['upgrade thaiyyal to read this run'] },
      );
    }
    if (startsL.length === 0) {
      if (type !== 'run.started' || !parsed) {
        throw new UserError('run-log-corrupt', `${label}: the log does not start with run.started`);
      }
      started = upgradeEvent(parsed) as Extract<RunEvent, { type: 'run.started' }>;
    }
    startsL.push(pos);
    endsL.push(nl);
    typesL.push(TYPE_CODE.get(type!) ?? UNKNOWN_TYPE);
    nodeNames.push(nodeId);
    pos = nl + 1;
  }
  if (!started) throw new UserError('run-log-corrupt', `${label}: the log is empty`);

  const plan = planEntries(started.plan);
  const nodeIndex = new Map(plan.map((p, i) => [p.id, i]));
  const count = startsL.length;
  const nodes = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const id = nodeNames[i];
    let k = id === undefined ? -1 : nodeIndex.get(id);
    if (k === undefined) {
      // A node the plan did not announce: give it a slot so it can still be shown.
      k = plan.length;
      plan.push({ id: id!, type: '?', deps: [] });
      nodeIndex.set(id!, k);
    }
    nodes[i] = k;
  }
  const counts = new Int32Array(plan.length);
  for (let i = 0; i < count; i++) if (nodes[i]! >= 0) counts[nodes[i]!]!++;
  const byNode = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(plan.length);
  for (let i = 0; i < count; i++) {
    const k = nodes[i]!;
    if (k >= 0) byNode[k]![fill[k]!++] = i;
  }
  const types = Uint8Array.from(typesL);
  // Status checkpoints.
  const checkpoints: Uint8Array[] = [];
  const status = new Uint8Array(plan.length);
  for (let i = 0; i < count; i++) {
    if (i % CHECKPOINT === 0) checkpoints.push(status.slice());
    step(status, types[i]!, nodes[i]!);
  }
  return {
    bytes,
    starts: Float64Array.from(startsL),
    ends: Float64Array.from(endsL),
    types,
    nodes,
    count,
    plan,
    nodeIndex,
    started,
    byNode,
    checkpoints,
    warnings,
  };
}

function step(status: Uint8Array, type: number, node: number): void {
  if (node < 0) return;
  switch (EVENT_TYPES[type]) {
    case 'node.scheduled':
      if (status[node] === S.pending) status[node] = S.scheduled;
      break;
    case 'node.started':
      status[node] = S.running;
      break;
    case 'node.succeeded':
      status[node] = S.succeeded;
      break;
    case 'node.failed':
      status[node] = S.failed;
      break;
    case 'node.skipped':
      status[node] = S.skipped;
      break;
    case 'node.cancelled':
      status[node] = S.cancelled;
      break;
    default:
      break;
  }
}

/** The event at `i`, parsed. */
export function eventAt(ix: RunIndex, i: number): RunEvent {
  try {
    return upgradeEvent(JSON.parse(decoder.decode(ix.bytes.subarray(ix.starts[i], ix.ends[i]))) as RunEvent);
  } catch {
    throw new UserError(
      'run-log-corrupt',
      `event ${i} of run ${ix.started.runId} is not valid JSON; the log is damaged`,
    );
  }
}

/** The type of event `i` (as written). */
export function typeAt(ix: RunIndex, i: number): string {
  const t = ix.types[i]!;
  return t === UNKNOWN_TYPE ? (eventAt(ix, i).type as string) : EVENT_TYPES[t]!;
}

/** The node id of event `i`, or undefined for run events. */
export function nodeAt(ix: RunIndex, i: number): string | undefined {
  const k = ix.nodes[i]!;
  return k < 0 ? undefined : ix.plan[k]!.id;
}

/** Every node's status after event `i` (inclusive); `i = -1` is before the first event. */
export function statusesAfter(ix: RunIndex, i: number): IndexStatus[] {
  const upto = i + 1;
  const k = Math.min(Math.floor(upto / CHECKPOINT), ix.checkpoints.length - 1);
  const status = ix.checkpoints[Math.max(0, k)]!.slice();
  for (let j = Math.max(0, k) * CHECKPOINT; j < upto && j < ix.count; j++)
    step(status, ix.types[j]!, ix.nodes[j]!);
  return Array.from(status, (s) => STATUSES[s]!);
}

/** The full state after event `i` (inclusive), folded with the engine's `applyEvent`. O(i). */
export function stateAfter(ix: RunIndex, i: number): RunState {
  const state = initialState();
  const last = Math.min(i, ix.count - 1);
  for (let j = 0; j <= last; j++) applyEvent(state, eventAt(ix, j));
  return state;
}

/** What the debugger shows of one node at the cursor. */
export interface NodeView {
  id: string;
  type: string;
  deps: string[];
  status: IndexStatus;
  /** The outputs of its dependencies, as they were at the cursor. */
  inputs: Record<string, unknown>;
  /** Resolved options of its latest attempt so far. */
  options?: Record<string, unknown>;
  output?: unknown;
  error?: { code: string; message: string; details?: Record<string, unknown> };
  attempts: number;
  durationMs?: number;
  /** Effects (HTTP, process, clock, random, sub-workflow) it made so far. */
  effects: number;
  /** Log lines it wrote so far. */
  logs: { level: string; message: string }[];
}

/** The node's own events up to and including event `i`. */
function nodeEventsUpTo(ix: RunIndex, k: number, i: number): Int32Array {
  const list = ix.byNode[k]!;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! <= i) lo = mid + 1;
    else hi = mid;
  }
  return list.subarray(0, lo);
}

/** A node as it stood after event `i`: only that node's (and its dependencies' last) events are parsed. */
export function nodeViewAt(ix: RunIndex, nodeId: string, i: number): NodeView | undefined {
  const k = ix.nodeIndex.get(nodeId);
  if (k === undefined) return undefined;
  const p = ix.plan[k]!;
  const own = nodeEventsUpTo(ix, k, i);
  const view: NodeView = {
    id: p.id,
    type: p.type,
    deps: p.deps,
    status: 'pending',
    inputs: {},
    attempts: 0,
    effects: 0,
    logs: [],
  };
  const status = new Uint8Array(1);
  for (const j of own) {
    step(status, ix.types[j]!, 0);
    switch (EVENT_TYPES[ix.types[j]!]) {
      case 'node.effect':
        view.effects++;
        break;
      case 'node.started':
        view.attempts++;
        break;
      case 'node.options':
        view.options = (eventAt(ix, j) as Extract<RunEvent, { type: 'node.options' }>).options;
        break;
      case 'node.log': {
        const e = eventAt(ix, j) as Extract<RunEvent, { type: 'node.log' }>;
        if (view.logs.length < 50) view.logs.push({ level: e.level, message: e.message });
        break;
      }
      case 'node.succeeded':
      case 'node.failed':
      case 'node.cancelled': {
        const e = eventAt(ix, j);
        if ('output' in e) view.output = e.output;
        if ('error' in e && e.error) view.error = e.error;
        if ('attempts' in e) view.attempts = e.attempts;
        if ('durationMs' in e) view.durationMs = e.durationMs;
        break;
      }
      default:
        break;
    }
  }
  view.status = STATUSES[status[0]!]!;
  for (const dep of p.deps) view.inputs[dep] = outputAt(ix, dep, i);
  return view;
}

/** A node's output as it stood after event `i` (undefined while it has none). */
export function outputAt(ix: RunIndex, nodeId: string, i: number): unknown {
  const k = ix.nodeIndex.get(nodeId);
  if (k === undefined) return undefined;
  const own = nodeEventsUpTo(ix, k, i);
  for (let x = own.length - 1; x >= 0; x--) {
    const t = EVENT_TYPES[ix.types[own[x]!]!];
    if (t === 'node.succeeded' || t === 'node.failed') {
      const e = eventAt(ix, own[x]!);
      return 'output' in e ? e.output : undefined;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Cursor movement and breakpoints.

const TERMINAL = new Set(['node.succeeded', 'node.failed', 'node.skipped', 'node.cancelled']);

/** A breakpoint: stop at events of a node, of a node type, of an event type, or where a JSONata condition over the state holds. */
export type Breakpoint =
  | { kind: 'node'; value: string }
  | { kind: 'type'; value: string }
  | { kind: 'event'; value: string }
  | { kind: 'when'; value: string };

/**
 * Parses a breakpoint as typed: `node:ID`, `type:TYPE`, `event:KIND`, `when:EXPR`; a bare word
 * is a node id when the run has such a node, else an event type when it looks like one.
 */
export function parseBreakpoint(ix: RunIndex, text: string): Breakpoint {
  const t = text.trim();
  const m = /^(node|type|event|when):(.+)$/s.exec(t);
  if (m) return { kind: m[1] as Breakpoint['kind'], value: m[2]!.trim() };
  if (ix.nodeIndex.has(t)) return { kind: 'node', value: t };
  if ((EVENT_TYPES as readonly string[]).includes(t)) return { kind: 'event', value: t };
  if (ix.plan.some((p) => p.type === t)) return { kind: 'type', value: t };
  throw new UserError(
    'invalid-breakpoint',
    `"${text}" is not a node id, node type or event type of this run`,
    {
      suggestions: ['write node:ID, type:TYPE, event:KIND or when:EXPRESSION (JSONata over the state)'],
    },
  );
}

/** Does event `i` hit a (non-condition) breakpoint? */
export function hitsStatic(ix: RunIndex, b: Breakpoint, i: number): boolean {
  switch (b.kind) {
    case 'node':
      return nodeAt(ix, i) === b.value;
    case 'type': {
      const k = ix.nodes[i]!;
      return k >= 0 && ix.plan[k]!.type === b.value;
    }
    case 'event':
      return typeAt(ix, i) === b.value;
    case 'when':
      return false;
  }
}

/** Where a move lands: an event index. */
export type Move = 'next' | 'prev' | 'nextNode' | 'prevNode' | 'start' | 'end' | 'firstFailure';

/**
 * The event a move lands on from `i`. Stepping by node goes to the next (previous) event that
 * ends a node (succeeded, failed, skipped, cancelled). `firstFailure` is the first `node.failed`
 * (or a failed `run.finished`), or `i` when there is none.
 */
export function move(ix: RunIndex, i: number, m: Move): number {
  const last = ix.count - 1;
  switch (m) {
    case 'next':
      return Math.min(last, i + 1);
    case 'prev':
      return Math.max(0, i - 1);
    case 'start':
      return 0;
    case 'end':
      return last;
    case 'nextNode':
      for (let j = i + 1; j <= last; j++) if (TERMINAL.has(EVENT_TYPES[ix.types[j]!] ?? '')) return j;
      return last;
    case 'prevNode':
      for (let j = i - 1; j >= 0; j--) if (TERMINAL.has(EVENT_TYPES[ix.types[j]!] ?? '')) return j;
      return 0;
    case 'firstFailure':
      for (let j = 0; j <= last; j++) {
        if (EVENT_TYPES[ix.types[j]!] === 'node.failed') return j;
      }
      for (let j = 0; j <= last; j++) {
        if (EVENT_TYPES[ix.types[j]!] === 'run.finished') {
          const e = eventAt(ix, j);
          if (e.type === 'run.finished' && e.status !== 'succeeded') return j;
        }
      }
      return i;
  }
}

/** Evaluates a `when:` condition against a state (injected: JSONata is async and lives in core). */
export type ConditionEval = (expression: string, state: RunState) => Promise<boolean>;

/**
 * Runs forward (or backward) from `i` to the next event that hits any breakpoint; the end (or
 * start) when none does. Static breakpoints read only the index; conditions fold the state
 * event by event and evaluate after each.
 */
export async function continueTo(
  ix: RunIndex,
  i: number,
  breakpoints: readonly Breakpoint[],
  direction: 1 | -1,
  evaluate: ConditionEval,
): Promise<number> {
  const statics = breakpoints.filter((b) => b.kind !== 'when');
  const conds = breakpoints.filter((b) => b.kind === 'when');
  const last = ix.count - 1;
  if (direction === -1 || conds.length === 0) {
    for (let j = i + direction; j >= 0 && j <= last; j += direction) {
      if (statics.some((b) => hitsStatic(ix, b, j))) return j;
      if (conds.length > 0 && direction === -1) {
        const state = stateAfter(ix, j);
        for (const c of conds) if (await evaluate(c.value, state)) return j;
      }
    }
    return direction === 1 ? last : 0;
  }
  const state = stateAfter(ix, i);
  for (let j = i + 1; j <= last; j++) {
    applyEvent(state, eventAt(ix, j));
    if (statics.some((b) => hitsStatic(ix, b, j))) return j;
    for (const c of conds) if (await evaluate(c.value, state)) return j;
  }
  return last;
}

/** The next (previous) event whose text contains `query` (case-insensitive); undefined when none. */
export function search(ix: RunIndex, i: number, query: string, direction: 1 | -1 = 1): number | undefined {
  const q = query.toLowerCase();
  if (q === '') return undefined;
  for (let k = 1; k <= ix.count; k++) {
    const j = (((i + direction * k) % ix.count) + ix.count) % ix.count;
    const text = decoder.decode(ix.bytes.subarray(ix.starts[j], ix.ends[j])).toLowerCase();
    if (text.includes(q)) return j;
  }
  return undefined;
}

/** One line of the timeline: `#seq +ms type node`, for event `i`. */
export function describeEvent(
  ix: RunIndex,
  i: number,
): { seq: number; type: string; nodeId?: string; tsOffsetMs: number } {
  const head = decoder.decode(ix.bytes.subarray(ix.starts[i], Math.min(ix.ends[i]!, ix.starts[i]! + 200)));
  const ts = /"ts":(-?\d+)/.exec(head);
  const nodeId = nodeAt(ix, i);
  return {
    seq: i,
    type: typeAt(ix, i),
    ...(nodeId !== undefined ? { nodeId } : {}),
    tsOffsetMs: ts ? Number(ts[1]) - ix.started.ts : 0,
  };
}

/**
 * Folds the run event log into the state of a run. The one reducer every consumer uses:
 * the CLI's JSON result, `runs show`, the replay debugger (state at event N). Pure.
 */
import type { ErrorInfo, NodeStatus, RunEvent, RunStatus } from './events.js';

export interface NodeState {
  status: NodeStatus | 'pending' | 'running';
  output?: unknown;
  error?: ErrorInfo;
  attempts: number;
  durationMs: number;
  startedAt?: number;
  skipReason?: string;
  /** Resolved options of the latest attempt (`node.options`). */
  options?: Record<string, unknown>;
}

export interface RunState {
  runId: string;
  workflow: string;
  file: string;
  status: RunStatus | 'running';
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  nodes: Record<string, NodeState>;
  error?: ErrorInfo;
  startedAt: number;
  durationMs: number;
  /** Number of events applied. */
  events: number;
}

/** The state before any event. */
export function initialState(): RunState {
  return {
    runId: '',
    workflow: '',
    file: '',
    status: 'running',
    inputs: {},
    outputs: {},
    nodes: {},
    startedAt: 0,
    durationMs: 0,
    events: 0,
  };
}

function node(state: RunState, id: string): NodeState {
  let n = state.nodes[id];
  if (!n) state.nodes[id] = n = { status: 'pending', attempts: 0, durationMs: 0 };
  return n;
}

/**
 * Applies one event, mutating and returning `state` (callers that need history copy first;
 * mutation keeps the 10,000-node runs cheap).
 */
export function applyEvent(state: RunState, e: RunEvent): RunState {
  state.events++;
  switch (e.type) {
    case 'run.started':
      state.runId = e.runId;
      state.workflow = e.workflow;
      state.file = e.file;
      state.inputs = e.inputs;
      state.startedAt = e.ts;
      for (const id of e.plan.nodes) node(state, id);
      break;
    case 'node.scheduled':
      node(state, e.nodeId);
      break;
    case 'node.started': {
      const n = node(state, e.nodeId);
      if (n.status !== 'running') {
        n.status = 'running';
        n.startedAt ??= e.ts;
      }
      n.attempts = Math.max(n.attempts, e.attempt);
      break;
    }
    case 'node.options':
      node(state, e.nodeId).options = e.options;
      break;
    case 'node.retrying':
    case 'node.log':
    case 'node.effect':
      break;
    case 'node.succeeded': {
      const n = node(state, e.nodeId);
      n.status = 'succeeded';
      n.output = e.output;
      n.attempts = e.attempts;
      n.durationMs = e.durationMs;
      break;
    }
    case 'node.failed': {
      const n = node(state, e.nodeId);
      n.status = 'failed';
      n.error = e.error;
      n.attempts = e.attempts;
      n.durationMs = e.durationMs;
      if (e.handled) n.output = e.output ?? null;
      break;
    }
    case 'node.skipped': {
      const n = node(state, e.nodeId);
      n.status = 'skipped';
      n.skipReason = e.reason;
      break;
    }
    case 'node.cancelled': {
      const n = node(state, e.nodeId);
      n.status = 'cancelled';
      n.durationMs = e.durationMs;
      break;
    }
    case 'run.finished':
      state.status = e.status;
      state.outputs = e.outputs;
      if (e.error) state.error = e.error;
      state.durationMs = e.durationMs;
      break;
  }
  return state;
}

/**
 * The run event log: an append-only, ordered list of typed, versioned events. Everything
 * that reports on a run (progress display, JSON result, replay, audit) reads these.
 * Documented in docs/event-log.md; bump EVENT_LOG_VERSION on any incompatible change.
 */

export const EVENT_LOG_VERSION = 1;

export type RunStatus = 'succeeded' | 'failed' | 'cancelled';
export type NodeStatus = 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export interface ErrorInfo {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

interface Base {
  /** Format version of this event. */
  v: typeof EVENT_LOG_VERSION;
  /** 0-based position in the run's log. */
  seq: number;
  /** Wall-clock time, ms since the epoch. */
  ts: number;
  runId: string;
}

export type RunEvent = Base &
  (
    | {
        type: 'run.started';
        workflow: string;
        file: string;
        inputs: Record<string, unknown>;
        /** Node ids in topological order, with their types and dependencies. */
        plan: { id: string; type: string; deps: string[] }[];
        parentRunId?: string;
      }
    | { type: 'node.scheduled'; nodeId: string }
    | { type: 'node.started'; nodeId: string; attempt: number; index?: number }
    | {
        type: 'node.retrying';
        nodeId: string;
        attempt: number;
        delayMs: number;
        error: ErrorInfo;
        index?: number;
      }
    | { type: 'node.log'; nodeId: string; level: string; message: string; data?: Record<string, unknown> }
    | { type: 'node.succeeded'; nodeId: string; output: unknown; attempts: number; durationMs: number }
    | {
        type: 'node.failed';
        nodeId: string;
        error: ErrorInfo;
        attempts: number;
        durationMs: number;
        /** True when onError continue/fallback let the run go on. */
        handled: boolean;
        /** The output downstream nodes see after a handled failure (fallback value or null). */
        output?: unknown;
      }
    | { type: 'node.skipped'; nodeId: string; reason: 'when' | 'dependency-skipped' | 'dependency-failed' }
    | { type: 'node.cancelled'; nodeId: string; durationMs: number }
    | {
        type: 'run.finished';
        status: RunStatus;
        outputs: Record<string, unknown>;
        error?: ErrorInfo;
        durationMs: number;
      }
  );

export type RunEventType = RunEvent['type'];

/** Distributes `Omit` over the union so each event keeps its own fields. */
export type EventBody = RunEvent extends infer E ? (E extends RunEvent ? Omit<E, keyof Base> : never) : never;

/** Where events go: the local JSONL file, the progress display, the fleet, tests. */
export interface EventSink {
  write(event: RunEvent): void;
  /** Called once after `run.finished`; flush and close. */
  close?(): Promise<void>;
}

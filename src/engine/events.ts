/**
 * The run event log: an append-only, ordered list of typed, versioned events. Everything
 * that reports on a run (progress display, JSON result, replay, audit) reads these.
 * Documented in docs/event-log.md; bump EVENT_LOG_VERSION on any incompatible change.
 */

import type { RunPlan } from '../core/run-plan.js';

export type { PlanEntry, RunPlan } from '../core/run-plan.js';

/** v2: `run.started.plan` is {@link RunPlan} (v1 listed `{id, type, deps}` objects); readers upgrade v1 logs (core/run-plan.ts). */
export const EVENT_LOG_VERSION = 2;

export type RunStatus = 'succeeded' | 'failed' | 'cancelled';
export type NodeStatus = 'succeeded' | 'failed' | 'skipped' | 'cancelled';

/** What a `node.effect` event records: one call of a node to the outside world. */
export type EffectKind = 'http' | 'process' | 'clock' | 'random' | 'workflow';

/** Where the optimiser sent each original node of a run (`run.started.optimized`). */
export interface OptimizedRun {
  /** Rewrites applied. */
  rewrites: number;
  /** Duplicate node → the node it was merged into (reports the survivor's output). */
  merged: Record<string, string>;
  /** Nodes removed because nothing observable read them. */
  removed: string[];
  /** Node → the node whose expression now computes it. */
  fused: Record<string, string>;
  /** Nodes replaced by their constant value. */
  folded: string[];
  /** New node → the foreach node its loop-invariant expression came from. */
  hoisted: Record<string, string>;
}

export interface ErrorInfo {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

interface Base {
  /** Format version of this event (the writer's EVENT_LOG_VERSION; older logs read back keep theirs). */
  v: number;
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
        plan: RunPlan;
        parentRunId?: string;
        /** Set when the run executed the optimised plan (`thaiyyal run --optimize`, docs/optimizer.md). */
        optimized?: OptimizedRun;
        /** Set on a fork (`thaiyyal replay RUN --from NODE`): the run it reuses results of. */
        forkOf?: { runId: string; node: string };
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
    | {
        /** The options of one attempt, resolved (templates evaluated), before the node runs. */
        type: 'node.options';
        nodeId: string;
        attempt: number;
        index?: number;
        options: Record<string, unknown>;
      }
    | {
        /**
         * One nondeterministic call of a node (HTTP, process, clock, random, sub-workflow) and
         * what it answered, so replay can answer it again. `n` counts the node's calls (per
         * foreach item), from 0. Exactly one of `result` and `error`.
         */
        type: 'node.effect';
        nodeId: string;
        kind: EffectKind;
        n: number;
        attempt: number;
        index?: number;
        request?: Record<string, unknown>;
        result?: unknown;
        error?: ErrorInfo & { retryable?: boolean; aborted?: boolean };
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

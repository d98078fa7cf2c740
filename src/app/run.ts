/**
 * The I/O twin of the engine: load config and workflow, resolve inputs and secrets,
 * wire real adapters and the local event log, execute, and return the run result.
 * (Engine work in progress — the types below are the contract the CLI codes against.)
 */
import type { EventSink, NodeStatus, RunStatus } from '../engine/events.js';

/** The machine-readable result of a run (`thaiyyal run --json`); other tools depend on this exact shape. */
export interface RunResult {
  runId: string;
  workflow: string;
  status: RunStatus;
  outputs: Record<string, unknown>;
  nodes: Record<
    string,
    {
      status: NodeStatus;
      output?: unknown;
      error?: { code: string; message: string };
      attempts: number;
      durationMs: number;
    }
  >;
  error?: { code: string; message: string };
  durationMs: number;
}

export interface RunFileOptions {
  /** Path of the workflow file. */
  file: string;
  /** Inputs as given on the command line (`--input k=v` strings are coerced to the declared type). */
  inputs?: Record<string, unknown>;
  /** Overrides the configured max nodes in flight. */
  concurrency?: number;
  /** Extra sinks (progress display); the local JSONL log is always written. */
  sinks?: EventSink[];
  /** Abort to cancel the run (SIGINT): in-flight work is cancelled, final events written. */
  signal?: AbortSignal;
  /** Working directory used to find the project config; defaults to the workflow's directory. */
  cwd?: string;
  /** Do not write `.thaiyyal/runs/<runId>.jsonl` (benchmarks). */
  noLog?: boolean;
}

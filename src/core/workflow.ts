/**
 * The in-memory model of a workflow file (format v1), after parsing and validation.
 * Values are kept as written: strings that hold `${{ … }}` are templates, resolved by the engine.
 */
import type { Range } from './diagnostics.js';

export const WORKFLOW_API_VERSION = 'thaiyyal.dev/v1';

/** A JSON value as found in YAML after parsing (templates are strings). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type InputType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';

/** A declared workflow input. */
export interface InputSpec {
  type: InputType;
  description?: string;
  default?: Json;
  required: boolean;
  enum?: Json[];
  /** Marks an input whose value must be redacted like a secret. */
  secret?: boolean;
}

export type Backoff = 'exponential' | 'linear' | 'constant';

/** Retry policy of a node; `attempts` counts the first try (1 = no retry). */
export interface RetryPolicy {
  attempts: number;
  backoff: Backoff;
  /** First delay in ms. */
  delayMs: number;
  maxDelayMs: number;
  /** 0..1: the share of each delay that is randomised. */
  jitter: number;
  /** Error codes that are retried; empty means every retryable error. */
  on: string[];
}

/** What happens when a node fails after its retries. */
export type OnError = { action: 'fail' } | { action: 'continue' } | { action: 'fallback'; value: Json };

/** One node of the DAG, keyed by its id in `nodes:`. */
export interface NodeSpec {
  id: string;
  type: string;
  description?: string;
  /** The type's own options, exactly as written (templates unresolved). */
  options: Record<string, Json>;
  /** Explicit dependencies from `needs:`. */
  needs: string[];
  /** Run only when this template is truthy; else the node is skipped. */
  when?: Json;
  /** Fan out over the array this template yields; the node runs once per item. */
  foreach?: Json;
  /** Max items of a `foreach` in flight at once. */
  concurrency?: number;
  retry?: RetryPolicy;
  timeoutMs?: number;
  onError: OnError;
  /** When true the node still runs if a dependency was skipped (that dependency's output is null). */
  tolerateSkipped: boolean;
  /** `pure: true`: the author declares the node has no effects, whatever its type (optimiser). */
  pure?: boolean;
  /** `idempotent: true`: running it twice equals running it once (optimiser may merge copies). */
  idempotent?: boolean;
}

export interface WorkflowDefaults {
  timeoutMs?: number;
  retry?: RetryPolicy;
  /** Max nodes running at once in this workflow. */
  concurrency?: number;
}

/** Where each part of the workflow was written, for diagnostics at run time. */
export interface SourceMap {
  file: string;
  /** Range of a JSON path like `nodes.fetch.url`, when known. */
  rangeOf(path: readonly (string | number)[]): Range;
}

/** A parsed, validated workflow. */
export interface Workflow {
  apiVersion: string;
  kind: 'Workflow';
  name: string;
  description?: string;
  /** The semver version the file declares (`version:`), if any; see docs/versioning.md. */
  version?: string;
  owners: string[];
  labels: Record<string, string>;
  inputs: Record<string, InputSpec>;
  nodes: Record<string, NodeSpec>;
  /** Output name → template. */
  outputs: Record<string, Json>;
  defaults: WorkflowDefaults;
  /** Reserved for the scheduling capability; kept as written. */
  triggers?: Json;
  /** Reserved for the resources/quotas capability; kept as written. */
  resources?: Json;
  source: SourceMap;
}

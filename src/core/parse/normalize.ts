/**
 * Turns a schema-valid workflow document (plain JSON) into the {@link Workflow} model:
 * durations in ms, retry shorthands expanded, `needs` as a list, options split from the
 * common node keys. Pure; assumes the document passed validation.
 */
import { parseDuration } from '../duration.js';
import type {
  Backoff,
  InputSpec,
  InputType,
  Json,
  NodeSpec,
  OnError,
  RetryPolicy,
  SourceMap,
  Workflow,
  WorkflowDefaults,
} from '../workflow.js';
import { COMMON_NODE_KEYS } from '../schema/workflow-schema.js';

/** The retry policy a node gets for the fields neither it nor the workflow's `defaults.retry` sets. */
export const DEFAULT_RETRY: Readonly<RetryPolicy> = Object.freeze({
  attempts: 1,
  backoff: 'exponential',
  delayMs: 1000,
  maxDelayMs: 30_000,
  jitter: 0.2,
  on: [],
});

const COMMON = new Set<string>(COMMON_NODE_KEYS);

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A map keyed by user-chosen names with no prototype, so ids like `constructor` or
 * `__proto__` are plain keys and `id in map` means "declared".
 */
function table<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const [k, v] of entries) out[k] = v;
  return out;
}

/** Splits a node's keys: everything that is not a common key is an option of its type. */
export function nodeOptions(raw: Obj): Record<string, Json> {
  return Object.fromEntries(Object.entries(raw).filter(([k]) => !COMMON.has(k))) as Record<string, Json>;
}

function retryPart(raw: unknown): Partial<RetryPolicy> {
  if (typeof raw === 'number') return { attempts: raw };
  if (!isObj(raw)) return {};
  const out: Partial<RetryPolicy> = {};
  if (typeof raw.attempts === 'number') out.attempts = raw.attempts;
  if (typeof raw.backoff === 'string') out.backoff = raw.backoff as Backoff;
  if (raw.delay !== undefined) out.delayMs = parseDuration(raw.delay as string | number)!;
  if (raw.maxDelay !== undefined) out.maxDelayMs = parseDuration(raw.maxDelay as string | number)!;
  if (typeof raw.jitter === 'number') out.jitter = raw.jitter;
  if (Array.isArray(raw.on)) out.on = [...(raw.on as string[])];
  return out;
}

/**
 * The full retry policy from the built-in defaults, then the workflow's `defaults.retry`,
 * then the node's own `retry` (each field from the most specific place that sets it).
 */
export function resolveRetry(workflowDefault: unknown, own: unknown): RetryPolicy {
  return { ...DEFAULT_RETRY, on: [], ...retryPart(workflowDefault), ...retryPart(own) };
}

function onError(raw: unknown): OnError {
  if (raw === 'continue') return { action: 'continue' };
  if (isObj(raw) && 'fallback' in raw) return { action: 'fallback', value: raw.fallback as Json };
  return { action: 'fail' };
}

function input(raw: Obj): InputSpec {
  const spec: InputSpec = { type: raw.type as InputType, required: raw.required === true };
  if (typeof raw.description === 'string') spec.description = raw.description;
  if (raw.default !== undefined) spec.default = raw.default as Json;
  if (Array.isArray(raw.enum)) spec.enum = raw.enum as Json[];
  if (typeof raw.secret === 'boolean') spec.secret = raw.secret;
  return spec;
}

function node(id: string, raw: Obj, defaultsRetry: unknown): NodeSpec {
  const spec: NodeSpec = {
    id,
    type: raw.type as string,
    options: nodeOptions(raw),
    needs:
      raw.needs === undefined
        ? []
        : typeof raw.needs === 'string'
          ? [raw.needs]
          : [...(raw.needs as string[])],
    onError: onError(raw.onError),
    tolerateSkipped: raw.tolerateSkipped === true,
  };
  if (typeof raw.description === 'string') spec.description = raw.description;
  if (raw.when !== undefined) spec.when = raw.when as Json;
  if (raw.foreach !== undefined) spec.foreach = raw.foreach as Json;
  if (typeof raw.concurrency === 'number') spec.concurrency = raw.concurrency;
  if (raw.retry !== undefined) spec.retry = resolveRetry(defaultsRetry, raw.retry);
  if (raw.timeout !== undefined) spec.timeoutMs = parseDuration(raw.timeout as string | number)!;
  if (typeof raw.pure === 'boolean') spec.pure = raw.pure;
  if (typeof raw.idempotent === 'boolean') spec.idempotent = raw.idempotent;
  return spec;
}

/** Builds the model from a validated document. */
export function normalizeWorkflow(doc: Obj, source: SourceMap): Workflow {
  const rawDefaults = isObj(doc.defaults) ? doc.defaults : {};
  const defaults: WorkflowDefaults = {};
  if (rawDefaults.timeout !== undefined)
    defaults.timeoutMs = parseDuration(rawDefaults.timeout as string | number)!;
  if (rawDefaults.retry !== undefined) defaults.retry = resolveRetry(undefined, rawDefaults.retry);
  if (typeof rawDefaults.concurrency === 'number') defaults.concurrency = rawDefaults.concurrency;

  const wf: Workflow = {
    apiVersion: doc.apiVersion as string,
    kind: 'Workflow',
    name: doc.name as string,
    owners: Array.isArray(doc.owners) ? [...(doc.owners as string[])] : [],
    labels: isObj(doc.labels) ? ({ ...doc.labels } as Record<string, string>) : {},
    inputs: table(
      Object.entries(isObj(doc.inputs) ? doc.inputs : {}).map(([k, v]) => [k, input(v as Obj)] as const),
    ),
    nodes: table(
      Object.entries(doc.nodes as Obj).map(([id, v]) => [id, node(id, v as Obj, rawDefaults.retry)] as const),
    ),
    outputs: isObj(doc.outputs) ? ({ ...doc.outputs } as Record<string, Json>) : {},
    defaults,
    source,
  };
  if (typeof doc.description === 'string') wf.description = doc.description;
  if (typeof doc.version === 'string') wf.version = doc.version;
  if (doc.triggers !== undefined) wf.triggers = doc.triggers as Json;
  if (doc.resources !== undefined) wf.resources = doc.resources as Json;
  return wf;
}

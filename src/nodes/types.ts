/**
 * The contract every node type implements. One file per type in this folder, each
 * exporting a {@link NodeType}; `registry.ts` lists them explicitly.
 */
import type { ProjectConfig } from '../core/config.js';
import type { Json } from '../core/workflow.js';

/** A JSON Schema object (draft 2020-12 subset that ajv understands). */
export type JsonSchema = { [key: string]: unknown };

/** How a node touches the outside world; the optimiser only rewrites what this allows. */
export type Effect = 'pure' | 'read' | 'write';

export type NodeCategory = 'io' | 'data' | 'control' | 'flow';

/**
 * A failure of a node, of one shape whatever the type (execa style): a stable `code`,
 * a message that says why first, whether retrying may help, and structured details.
 * @example throw new NodeFailure('http.status', 'GET https://api/x answered 503', {retryable: true, details: {status: 503}})
 */
export class NodeFailure extends Error {
  override readonly name = 'NodeFailure';
  readonly code: string;
  readonly retryable: boolean;
  readonly details: Record<string, unknown> | undefined;
  constructor(
    code: string,
    message: string,
    opts: { retryable?: boolean; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.code = code;
    this.retryable = opts.retryable ?? false;
    this.details = opts.details;
  }
}

/** Stable failure codes used by the engine itself (node types add their own, prefixed with the type). */
export const FailureCode = {
  timeout: 'timeout',
  cancelled: 'cancelled',
  expression: 'expression',
  invalidOptions: 'invalid-options',
  skippedDependency: 'skipped-dependency',
  internal: 'internal',
} as const;

/** Response of the SSRF-safe HTTP adapter. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the response is JSON, else text. */
  body: unknown;
  /** Final URL after redirects. */
  url: string;
  /** True when the body was cut at the configured cap. */
  truncated: boolean;
}

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  timeoutMs: number;
  maxResponseBytes: number;
  maxRedirects: number;
  /** `json` parses JSON bodies (by content type), `text` keeps text. */
  responseType: 'auto' | 'json' | 'text';
}

/** The HTTP capability injected into nodes (adapters/http.ts implements it). */
export interface HttpClient {
  request(req: HttpRequest, signal: AbortSignal): Promise<HttpResponse>;
}

export interface ProcessRequest {
  command: string;
  args: string[];
  /** Run through a shell (`sh -c`); off unless a node asks. */
  shell: boolean;
  cwd: string;
  env: Record<string, string>;
  stdin?: string;
  timeoutMs: number;
  maxOutputBytes: number;
}

export interface ProcessResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** True when an output stream was cut at the cap. */
  truncated: boolean;
}

/** The process capability injected into nodes (adapters/process.ts implements it). */
export interface ProcessRunner {
  run(req: ProcessRequest, signal: AbortSignal): Promise<ProcessResult>;
}

/** A finished sub-workflow run, as the `workflow` node sees it. */
export interface SubRunResult {
  runId: string;
  status: 'succeeded' | 'failed' | 'cancelled';
  outputs: Record<string, unknown>;
  error?: { code: string; message: string };
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Everything a node may use while it executes. All I/O goes through here. */
export interface NodeContext {
  runId: string;
  nodeId: string;
  /** 1-based attempt number. */
  attempt: number;
  /** The current foreach item and its index, when the node fans out. */
  item?: unknown;
  index?: number;
  /** Aborted on node timeout, run timeout or cancellation; pass it to every wait and I/O call. */
  signal: AbortSignal;
  /** Directory of the workflow file; relative paths in options resolve against it. */
  workflowDir: string;
  config: ProjectConfig;
  /**
   * Evaluates one of the node's raw JSONata options (see {@link NodeType.expressionOptions})
   * against the run scope plus extra bindings, e.g. `{item, index}` or `{acc}`.
   */
  evaluate(optionName: string, bindings?: Record<string, unknown>): Promise<unknown>;
  /** Emits a log event for this node (redacted before it is written anywhere). */
  log(level: LogLevel, message: string, data?: Record<string, unknown>): void;
  /** The wall clock in epoch ms. Nodes read time only through here, so replay can stand it in. */
  now(): number;
  /** Uniform random in [0, 1). Nodes draw randomness only through here, so replay can stand it in. */
  random(): number;
  /** Sleeps, rejecting with a cancellation when the signal aborts. */
  sleep(ms: number): Promise<void>;
  http: HttpClient;
  process: ProcessRunner;
  /** Runs another workflow file (path relative to workflowDir) with inputs. */
  runWorkflow(file: string, inputs: Record<string, unknown>): Promise<SubRunResult>;
  /**
   * A store shared by all nodes of one run and nothing else (the original engine's variables,
   * counters, accumulators, caches and context values live here). Callers namespace their keys,
   * e.g. `original.variables`. Empty at the start of every run.
   */
  runStore: Map<string, unknown>;
}

/**
 * A node type: its options schema, its effects and how it executes.
 * Options arrive resolved (templates evaluated), except `expressionOptions`, which stay
 * raw JSONata text for the node to evaluate with {@link NodeContext.evaluate}.
 */
export interface NodeType<O = Record<string, unknown>> {
  /** The value of `type:` in YAML. */
  type: string;
  /** One line for `thaiyyal nodes`. */
  summary: string;
  category: NodeCategory;
  effects: Effect;
  /** JSON Schema of the node's own options (an object schema with `properties`). */
  optionsSchema: JsonSchema;
  /** Options that are raw JSONata (not `${{ }}` templates), evaluated by the node itself. */
  expressionOptions?: readonly string[];
  /** A short YAML example for `thaiyyal nodes TYPE` (also run by the docs tests). */
  example: string;
  execute(options: O, ctx: NodeContext): Promise<Json | unknown>;
}

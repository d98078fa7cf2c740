/**
 * Executes a plan: starts every ready node at once up to the concurrency limit, applies
 * `when`, `foreach`, retries, timeouts and `onError`, propagates skips, and emits the run
 * event log. All I/O goes through the injected {@link EngineServices}.
 */
import type { ProjectConfig } from '../core/config.js';
import { ExpressionEvalError, LIMITS, type Scope } from '../core/expr/template.js';
import { compileExpression } from '../core/expr/jsonata.js';
import { evaluateExpression } from '../core/expr/template.js';
import {
  FailureCode,
  NodeFailure,
  type HttpClient,
  type LogLevel,
  type NodeContext,
  type ProcessRunner,
  type SubRunResult,
} from '../nodes/types.js';
import {
  EVENT_LOG_VERSION,
  type ErrorInfo,
  type EventBody,
  type EventSink,
  type OptimizedRun,
  type RunEvent,
  type RunStatus,
} from './events.js';
import type { ExecutionPlan, PlanNode } from './plan.js';
import { createEffects, type EffectPorts, type EffectsMode } from './effects.js';
import { createRedactor, type Redactor } from './redact.js';
import { backoffDelay, shouldRetry } from './retry.js';

/** The outside world, as the engine sees it. */
export interface EngineServices {
  config: ProjectConfig;
  sink: EventSink;
  /** Wall clock in ms. */
  now(): number;
  /** Uniform random in [0, 1), for jitter. */
  random(): number;
  /** Lazily created so runs without HTTP nodes never load the HTTP stack. */
  http(): HttpClient;
  process(): ProcessRunner;
  /** Runs a sub-workflow (path as written, relative to the caller's directory) as a child run. */
  runWorkflow(
    file: string,
    inputs: Record<string, unknown>,
    parent: { runId: string; depth: number; signal: AbortSignal; workflowDir: string },
  ): Promise<SubRunResult>;
  /** Record nodes' effects in the log, or answer them from a recording (src/engine/effects.ts); absent: neither. */
  effects?: EffectsMode;
  /** A fork's recorded result for a node, reused instead of running the node. */
  reuse?(nodeId: string): ReusedResult | undefined;
}

/** A node's recorded final result, as a fork reuses it. */
export type ReusedResult = { attempts: number; durationMs: number } & (
  | { status: 'succeeded'; output: unknown }
  | { status: 'failed'; error: ErrorInfo; handled: boolean; output?: unknown }
  | { status: 'skipped'; reason: 'when' | 'dependency-skipped' | 'dependency-failed' }
);

export interface ExecuteOptions {
  runId: string;
  /** Path of the workflow file, as given. */
  file: string;
  workflowDir: string;
  inputs: Record<string, unknown>;
  secrets: Record<string, string>;
  /** More values to mask everywhere (secret inputs, a parent run's secrets); `secrets` are always masked. */
  redact?: readonly string[];
  env: Record<string, string>;
  /** Max nodes in flight. */
  concurrency: number;
  signal?: AbortSignal;
  parentRunId?: string;
  /** Nesting depth of sub-workflow calls (0 at the top). */
  depth?: number;
  /** A fork: the run and node it forks from (written to run.started). */
  forkOf?: { runId: string; node: string };
  /** Recorded on `run.started` when the plan was optimised (`run --optimize`). */
  optimized?: OptimizedRun;
}

/** What {@link executePlan} returns; the full per-node picture is in the event log. */
export interface ExecuteResult {
  status: RunStatus;
  outputs: Record<string, unknown>;
  error?: ErrorInfo;
  durationMs: number;
}

/**
 * Bounds of one expression evaluation: wall time and nesting depth. A node's `timeout` cannot
 * interrupt JSONata (its evaluation starves timers), so this is what stops a runaway expression.
 */
export const EXPRESSION_LIMITS = { timeMs: 10_000, maxDepth: 10_000 } as const;

type Outcome = 'pending' | 'running' | 'succeeded' | 'failed' | 'handled' | 'skipped' | 'cancelled';

class Cancelled extends Error {}

/** Converts anything thrown while running a node into an ErrorInfo plus a retryable flag. */
export function toErrorInfo(
  err: unknown,
  redact: Redactor,
): { info: ErrorInfo; retryable: boolean; retryAfterMs?: number } {
  if (err instanceof NodeFailure) {
    const info: ErrorInfo = { code: err.code, message: redact(err.message) };
    if (err.details) info.details = redact(err.details);
    const ra = err.details?.['retryAfterMs'];
    return typeof ra === 'number'
      ? { info, retryable: err.retryable, retryAfterMs: ra }
      : { info, retryable: err.retryable };
  }
  if (err instanceof ExpressionEvalError) {
    return { info: { code: FailureCode.expression, message: redact(err.message) }, retryable: false };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { info: { code: FailureCode.internal, message: redact(message) }, retryable: false };
}

/**
 * Runs the plan to completion (or cancellation) and returns the run's status and outputs.
 * Never throws for node failures: they are events and a `failed` status.
 */
export async function executePlan(
  plan: ExecutionPlan,
  opts: ExecuteOptions,
  services: EngineServices,
): Promise<ExecuteResult> {
  const { config, sink } = services;
  const redact = createRedactor([...Object.values(opts.secrets), ...(opts.redact ?? [])]);
  const started = services.now();
  /** One per run: see {@link NodeContext.runStore}. */
  const runStore = new Map<string, unknown>();
  let seq = 0;
  const emit = (body: EventBody): void => {
    const event = {
      v: EVENT_LOG_VERSION,
      seq: seq++,
      ts: services.now(),
      runId: opts.runId,
      ...redact(body),
    } as RunEvent;
    sink.write(event);
  };
  const fx = createEffects(services.effects, emit);
  const replaying = services.effects?.mode === 'replay';
  const startedAt =
    (replaying && services.effects?.mode === 'replay' && services.effects.startedAt) || started;

  // Cancellation: the caller's signal (SIGINT) and the run timeout both abort the run.
  const run = new AbortController();
  // One listener fans the run's abort out to every attempt in flight (not one listener each).
  const inflight = new Set<AbortController>();
  run.signal.addEventListener('abort', () => {
    for (const c of inflight) c.abort(run.signal.reason);
  });
  let cancelReason: 'signal' | 'timeout' | undefined;
  const onAbort = () => {
    cancelReason ??= 'signal';
    run.abort(new Cancelled('cancelled'));
  };
  if (opts.signal?.aborted) onAbort();
  else opts.signal?.addEventListener('abort', onAbort, { once: true });
  const runTimer = setTimeout(() => {
    cancelReason ??= 'timeout';
    run.abort(new Cancelled('run timeout'));
  }, config.limits.runTimeoutMs);
  runTimer.unref?.();

  const scope: Scope = {
    // Every evaluation of this run is bounded in time and depth (see EvaluationLimits).
    [LIMITS]: { now: services.now, ...EXPRESSION_LIMITS },
    inputs: opts.inputs,
    nodes: {},
    env: opts.env,
    secrets: opts.secrets,
    run: {
      id: opts.runId,
      workflow: plan.workflow.name,
      file: opts.file,
      startedAt: new Date(startedAt).toISOString(),
    },
  };

  emit({
    type: 'run.started',
    workflow: plan.workflow.name,
    file: opts.file,
    inputs: opts.inputs,
    plan: {
      nodes: plan.nodes.map((n) => n.id),
      types: plan.nodes.map((n) => n.spec.type),
      deps: plan.nodes.map((n) => n.deps),
    },
    ...(opts.parentRunId ? { parentRunId: opts.parentRunId } : {}),
    ...(opts.forkOf ? { forkOf: opts.forkOf } : {}),
    ...(opts.optimized ? { optimized: opts.optimized } : {}),
  });

  const outcome: Outcome[] = plan.nodes.map(() => 'pending');
  const waiting = plan.nodes.map((n) => n.deps.length);
  const ready: number[] = [];
  for (const n of plan.nodes) if (n.deps.length === 0) ready.push(n.index);
  let running = 0;
  let remaining = plan.nodes.length;
  let firstFailure: { node: string; info: ErrorInfo } | undefined;
  const concurrency = Math.max(1, opts.concurrency);

  await new Promise<void>((resolveAll) => {
    if (remaining === 0) return resolveAll();
    const finish = (n: PlanNode, result: Outcome) => {
      outcome[n.index] = result;
      remaining--;
      for (const d of n.dependents) {
        waiting[d] = waiting[d]! - 1;
        if (waiting[d] === 0) ready.push(d);
      }
      pump();
      if (remaining === 0) resolveAll();
    };
    const pump = () => {
      while (ready.length > 0 && (running < concurrency || run.signal.aborted)) {
        const n = plan.nodes[ready.shift()!]!;
        const blocked = blockedBy(n);
        if (run.signal.aborted) {
          emit({ type: 'node.cancelled', nodeId: n.id, durationMs: 0 });
          scope.nodes[n.id] = { output: null, status: 'cancelled' };
          finish(n, 'cancelled');
          continue;
        }
        if (blocked) {
          emit({ type: 'node.skipped', nodeId: n.id, reason: blocked });
          scope.nodes[n.id] = { output: null, status: 'skipped' };
          finish(n, 'skipped');
          continue;
        }
        running++;
        emit({ type: 'node.scheduled', nodeId: n.id });
        void runNode(n).then((result) => {
          running--;
          finish(n, result);
        });
      }
    };
    const blockedBy = (n: PlanNode): 'dependency-failed' | 'dependency-skipped' | undefined => {
      let skipped = false;
      for (const d of n.deps) {
        const o = outcome[d];
        if (o === 'failed') return 'dependency-failed';
        if (o === 'skipped' || o === 'cancelled') skipped = true;
      }
      return skipped && !n.spec.tolerateSkipped ? 'dependency-skipped' : undefined;
    };
    pump();
  });

  async function runNode(n: PlanNode): Promise<Outcome> {
    const t0 = services.now();
    let attempts = 0;
    const reused = services.reuse?.(n.id);
    if (reused) return reuse(n, reused);
    try {
      if (n.when) {
        const go = await n.when(scope);
        if (!truthy(go)) {
          emit({ type: 'node.skipped', nodeId: n.id, reason: 'when' });
          scope.nodes[n.id] = { output: null, status: 'skipped' };
          return 'skipped';
        }
      }
      let output: unknown;
      if (n.foreach) {
        const items = await n.foreach(scope);
        if (!Array.isArray(items)) {
          throw new NodeFailure(
            'foreach.not-array',
            `foreach of node "${n.id}" must give an array, got ${describe(items)}`,
          );
        }
        if (items.length > config.limits.maxForeachItems) {
          throw new NodeFailure(
            'foreach.too-many-items',
            `foreach of node "${n.id}" gives ${items.length} items, over the limit of ${config.limits.maxForeachItems} (limits.maxForeachItems in thaiyyal.config.yaml)`,
          );
        }
        const limit = n.spec.concurrency ?? config.limits.foreachConcurrency;
        output = await mapLimit(items, limit, async (item, index) => {
          const r = await attemptLoop(n, { ...scope, item, index }, { item, index });
          attempts = Math.max(attempts, r.attempts);
          return r.output;
        });
      } else {
        const r = await attemptLoop(n, scope, undefined);
        attempts = r.attempts;
        output = r.output;
      }
      if (output === undefined) output = null;
      scope.nodes[n.id] = { output, status: 'succeeded', attempts: Math.max(1, attempts) };
      emit({
        type: 'node.succeeded',
        nodeId: n.id,
        output,
        attempts: Math.max(1, attempts),
        durationMs: services.now() - t0,
      });
      return 'succeeded';
    } catch (err) {
      const failure = err instanceof AttemptsExhausted ? err : undefined;
      attempts = Math.max(attempts, failure?.attempts ?? 1);
      const durationMs = services.now() - t0;
      if (run.signal.aborted && (err instanceof Cancelled || failure?.info.code === FailureCode.cancelled)) {
        emit({ type: 'node.cancelled', nodeId: n.id, durationMs });
        scope.nodes[n.id] = { output: null, status: 'cancelled' };
        return 'cancelled';
      }
      const info = failure?.info ?? toErrorInfo(err, redact).info;
      const onError = n.spec.onError;
      if (onError.action === 'fail') {
        emit({ type: 'node.failed', nodeId: n.id, error: info, attempts, durationMs, handled: false });
        scope.nodes[n.id] = { output: null, status: 'failed', attempts, error: info };
        firstFailure ??= { node: n.id, info };
        return 'failed';
      }
      const output = onError.action === 'fallback' ? onError.value : null;
      emit({ type: 'node.failed', nodeId: n.id, error: info, attempts, durationMs, handled: true, output });
      scope.nodes[n.id] = { output, status: 'failed', attempts, error: info };
      return 'handled';
    }
  }

  /** A fork: the node's recorded result stands in for running it. */
  function reuse(n: PlanNode, r: ReusedResult): Outcome {
    const { attempts, durationMs } = r;
    if (r.status === 'skipped') {
      emit({ type: 'node.skipped', nodeId: n.id, reason: r.reason });
      scope.nodes[n.id] = { output: null, status: 'skipped' };
      return 'skipped';
    }
    if (r.status === 'succeeded') {
      emit({ type: 'node.succeeded', nodeId: n.id, output: r.output, attempts, durationMs });
      scope.nodes[n.id] = { output: r.output, status: 'succeeded', attempts };
      return 'succeeded';
    }
    const output = r.handled ? (r.output ?? null) : null;
    emit({
      type: 'node.failed',
      nodeId: n.id,
      error: r.error,
      attempts,
      durationMs,
      handled: r.handled,
      ...(r.handled ? { output } : {}),
    });
    scope.nodes[n.id] = { output, status: 'failed', attempts, error: r.error };
    if (r.handled) return 'handled';
    firstFailure ??= { node: n.id, info: r.error };
    return 'failed';
  }

  /** One item (or the whole node without foreach): resolve options, execute, retry. */
  async function attemptLoop(
    n: PlanNode,
    itemScope: Scope,
    item: { item: unknown; index: number } | undefined,
  ): Promise<{ output: unknown; attempts: number }> {
    for (let attempt = 1; ; attempt++) {
      if (run.signal.aborted) throw new Cancelled('cancelled');
      emit({ type: 'node.started', nodeId: n.id, attempt, ...(item ? { index: item.index } : {}) });
      try {
        const output = await attemptOnce(n, itemScope, item, attempt);
        return { output, attempts: attempt };
      } catch (err) {
        if (err instanceof Cancelled && run.signal.aborted) throw err;
        const { info, retryable, retryAfterMs } = toErrorInfo(err, redact);
        if (run.signal.aborted || !shouldRetry(n.retry, attempt, info, retryable)) {
          throw new AttemptsExhausted(info, attempt);
        }
        const delayMs = backoffDelay(n.retry, attempt, services.random, retryAfterMs);
        emit({
          type: 'node.retrying',
          nodeId: n.id,
          attempt,
          delayMs,
          error: info,
          ...(item ? { index: item.index } : {}),
        });
        // A replay answers from the recording: nothing to wait for.
        if (!replaying) await sleep(delayMs, run.signal);
      }
    }
  }

  async function attemptOnce(
    n: PlanNode,
    itemScope: Scope,
    item: { item: unknown; index: number } | undefined,
    attempt: number,
  ): Promise<unknown> {
    const options = (await n.options(itemScope)) as Record<string, unknown>;
    // Recorded for replay and `runs diff`; nodes without resolved options (raw expressions only) log nothing.
    if (services.effects && !isEmpty(options)) {
      emit({ type: 'node.options', nodeId: n.id, attempt, ...(item ? { index: item.index } : {}), options });
    }
    const attemptCtl = new AbortController();
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const abortWait = new Promise<never>((_, reject) => {
      attemptCtl.signal.addEventListener(
        'abort',
        () =>
          reject(
            timedOut
              ? new NodeFailure(
                  FailureCode.timeout,
                  `node "${n.id}" timed out after ${n.timeoutMs}ms (attempt ${attempt})${n.timeoutSetting ? `; raise ${n.timeoutSetting} in thaiyyal.config.yaml` : ''}`,
                  {
                    retryable: true,
                  },
                )
              : new Cancelled('cancelled'),
          ),
        { once: true },
      );
    });
    abortWait.catch(() => {});
    inflight.add(attemptCtl);
    if (run.signal.aborted) attemptCtl.abort(run.signal.reason);
    if (n.timeoutMs !== undefined) {
      timer = setTimeout(() => {
        timedOut = true;
        attemptCtl.abort(new NodeFailure(FailureCode.timeout, 'timeout'));
      }, n.timeoutMs);
    }
    const ctx = makeContext(n, itemScope, item, attempt, attemptCtl.signal);
    try {
      const work = n.type.execute(options as never, ctx);
      return await Promise.race([work, abortWait]);
    } finally {
      if (timer) clearTimeout(timer);
      inflight.delete(attemptCtl);
    }
  }

  function makeContext(
    n: PlanNode,
    itemScope: Scope,
    item: { item: unknown; index: number } | undefined,
    attempt: number,
    signal: AbortSignal,
  ): NodeContext {
    // Built on first use: most nodes never touch the world, and 10,000-node runs feel every closure.
    let built: EffectPorts | undefined;
    const ports = () =>
      (built ??= fx(n.id, item?.index, attempt, {
        now: () => services.now(),
        random: () => services.random(),
        http: () => services.http(),
        process: () => services.process(),
        runWorkflow: (file, inputs) =>
          services.runWorkflow(file, inputs, {
            runId: opts.runId,
            depth: (opts.depth ?? 0) + 1,
            signal,
            workflowDir: opts.workflowDir,
          }),
      }));
    const ctx: NodeContext = {
      runId: opts.runId,
      nodeId: n.id,
      attempt,
      signal,
      workflowDir: opts.workflowDir,
      config,
      evaluate(optionName, bindings) {
        const source = n.rawOptions[optionName];
        if (source === undefined) {
          return Promise.reject(
            new NodeFailure(
              FailureCode.internal,
              `option "${optionName}" of node "${n.id}" is not a raw expression`,
            ),
          );
        }
        const input = bindings ? { ...itemScope, ...bindings } : itemScope;
        return evaluateExpression(compileExpression(source), source, input, bindings);
      },
      log(level: LogLevel, message: string, data?: Record<string, unknown>) {
        emit({ type: 'node.log', nodeId: n.id, level, message, ...(data ? { data } : {}) });
      },
      now: () => ports().now(),
      random: () => ports().random(),
      // A replay answers from the recording: nothing to wait for.
      sleep: (ms) => (replaying ? Promise.resolve() : sleep(ms, signal)),
      get http() {
        return ports().http();
      },
      get process() {
        return ports().process();
      },
      runWorkflow: (file, inputs) => ports().runWorkflow(file, inputs),
      runStore,
    };
    if (item) {
      ctx.item = item.item;
      ctx.index = item.index;
    }
    return ctx;
  }

  // Outputs: all of them after success; after a failure, those whose nodes all succeeded.
  let status: RunStatus =
    run.signal.aborted && cancelReason === 'signal' ? 'cancelled' : firstFailure ? 'failed' : 'succeeded';
  let error: ErrorInfo | undefined;
  if (cancelReason === 'timeout') {
    status = 'failed';
    error = {
      code: 'run.timeout',
      message: `run timed out after ${config.limits.runTimeoutMs}ms (${config.limits.timeoutSettings?.run ?? 'limits.runTimeoutMs'} in thaiyyal.config.yaml)`,
    };
  } else if (status === 'cancelled') {
    error = { code: FailureCode.cancelled, message: 'run cancelled' };
  } else if (firstFailure) {
    error = {
      code: firstFailure.info.code,
      message: `node "${firstFailure.node}" failed: ${firstFailure.info.message}`,
    };
  }
  const outputs: Record<string, unknown> = {};
  for (const o of plan.outputs) {
    if (status !== 'succeeded' && !o.reads.every((id) => scope.nodes[id]?.status === 'succeeded')) continue;
    try {
      outputs[o.name] = await o.resolve(scope);
    } catch (err) {
      if (status === 'succeeded') {
        status = 'failed';
        error = {
          code: FailureCode.expression,
          message: `output "${o.name}": ${toErrorInfo(err, redact).info.message}`,
        };
      }
    }
  }
  clearTimeout(runTimer);
  opts.signal?.removeEventListener('abort', onAbort);
  const durationMs = services.now() - started;
  emit({ type: 'run.finished', status, outputs, ...(error ? { error } : {}), durationMs });
  return { status, outputs: redact(outputs), ...(error ? { error: redact(error) } : {}), durationMs };
}

class AttemptsExhausted extends Error {
  constructor(
    readonly info: ErrorInfo,
    readonly attempts: number,
  ) {
    super(info.message);
  }
}

/** JSONata truthiness for `when`: false, null, 0, '' and empty arrays/objects are false. */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.some(truthy);
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return `a ${typeof v}`;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted)
      return reject(signal.reason instanceof Error ? signal.reason : new Cancelled('cancelled'));
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason instanceof Error ? signal.reason : new Cancelled('cancelled'));
    };
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Maps with at most `limit` calls in flight; results keep the input order. After the first
 * error no new item starts; the calls in flight finish first, so a node's item events all
 * precede its final event; then the first error is thrown.
 */
async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let firstError: { err: unknown } | undefined;
  const worker = async () => {
    while (!firstError && next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i]!, i);
      } catch (err) {
        firstError ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  if (firstError) throw firstError.err;
  return out;
}

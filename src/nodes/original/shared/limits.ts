/**
 * The original engine's run-time limits (reference §5.3) for the `original/*` node types,
 * read from `ctx.config.original.limits` (defaults: `src/core/original-limits.ts`). Exceeding
 * one fails the node with code `original.limit` and a message that names the limit and the
 * setting that raises it. A limit of 0 means "no limit", as in the original.
 */
import { limitSetting, originalLimitsOf, type OriginalLimits } from '../../../core/original-limits.js';
import { NodeFailure, type NodeContext } from '../../types.js';

/** Run-store keys of the run-wide counters. */
export const NODE_EXECUTIONS_KEY = 'original.node-executions';
export const HTTP_CALLS_KEY = 'original.http-calls';

/** The limits in force for this node's run. */
export function originalLimits(ctx: Pick<NodeContext, 'config'>): OriginalLimits {
  return originalLimitsOf(ctx.config);
}

/** Fails with the original's message plus where to raise the limit. */
export function limitFailure(limit: keyof OriginalLimits, message: string, value: number): NodeFailure {
  return new NodeFailure('original.limit', `${message}; raise ${limitSetting(limit)}`, {
    details: { limit: limitSetting(limit).split(' ')[0], value },
  });
}

function bump(ctx: Pick<NodeContext, 'runStore'>, key: string): number {
  const n = ((ctx.runStore.get(key) as number | undefined) ?? 0) + 1;
  ctx.runStore.set(key, n);
  return n;
}

/**
 * Counts one node execution (loop bodies count each time); call it first in `execute`.
 * Fails `maximum node executions exceeded: N (limit: M)` over `maxNodeExecutions`.
 */
export function countNodeExecution(ctx: Pick<NodeContext, 'config' | 'runStore'>): number {
  const n = bump(ctx, NODE_EXECUTIONS_KEY);
  const max = originalLimits(ctx).maxNodeExecutions;
  if (max > 0 && n > max) {
    throw limitFailure('maxNodeExecutions', `maximum node executions exceeded: ${n} (limit: ${max})`, n);
  }
  return n;
}

/**
 * Counts one outbound HTTP call: fails when `allowHttp` is off (the original's AllowHTTP gate)
 * or over `maxHttpCallsPerExec`.
 */
export function countHttpCall(ctx: Pick<NodeContext, 'config' | 'runStore'>): number {
  const limits = originalLimits(ctx);
  if (!limits.allowHttp) {
    throw new NodeFailure(
      'original.http-not-allowed',
      `HTTP requests are not allowed (AllowHTTP=false); set ${limitSetting('allowHttp').replace(' in ', ': true in ')}`,
    );
  }
  const n = bump(ctx, HTTP_CALLS_KEY);
  if (limits.maxHttpCallsPerExec > 0 && n > limits.maxHttpCallsPerExec) {
    throw limitFailure(
      'maxHttpCallsPerExec',
      `maximum HTTP calls per execution exceeded: ${n} (limit: ${limits.maxHttpCallsPerExec})`,
      n,
    );
  }
  return n;
}

/** Fails when a loop would run `n` iterations, over `maxIterations`. */
export function checkIterations(ctx: Pick<NodeContext, 'config'>, n: number): void {
  const max = originalLimits(ctx).maxIterations;
  if (max > 0 && n > max) {
    throw limitFailure('maxIterations', `maximum iterations exceeded: ${n} (limit: ${max})`, n);
  }
}

/** Fails when a response body of `bytes` is over `maxResponseSize` (the original's message). */
export function checkResponseSize(ctx: Pick<NodeContext, 'config'>, bytes: number): void {
  const max = originalLimits(ctx).maxResponseSize;
  if (max > 0 && bytes > max) {
    throw limitFailure('maxResponseSize', `response too large (exceeds ${max} bytes limit)`, bytes);
  }
}

const encoder = new TextEncoder();

/** Nesting depth the original's way: a scalar is 1, a map or array 1 + its deepest element. */
export function valueDepth(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (Array.isArray(v)) return 1 + v.reduce((m: number, x) => Math.max(m, valueDepth(x)), 0);
  if (typeof v === 'object' && !(v instanceof Date)) {
    return 1 + Object.values(v).reduce((m: number, x) => Math.max(m, valueDepth(x)), 0);
  }
  return 1;
}

function validateValue(v: unknown, limits: OriginalLimits, path: string): void {
  if (v === null || v === undefined) return;
  if (typeof v === 'string' && limits.maxStringLength > 0) {
    const bytes = encoder.encode(v).length;
    if (bytes > limits.maxStringLength) {
      throw limitFailure(
        'maxStringLength',
        `${path}string too long: ${bytes} bytes (limit: ${limits.maxStringLength})`,
        bytes,
      );
    }
  }
  if (Array.isArray(v) && limits.maxArrayLength > 0) {
    if (v.length > limits.maxArrayLength) {
      throw limitFailure(
        'maxArrayLength',
        `${path}array too large: ${v.length} elements (limit: ${limits.maxArrayLength})`,
        v.length,
      );
    }
    v.forEach((x, i) => validateValue(x, limits, `${path}array element ${i}: `));
  }
  if (limits.maxContextDepth > 0) {
    const depth = valueDepth(v);
    if (depth > limits.maxContextDepth) {
      throw limitFailure(
        'maxContextDepth',
        `${path}value too deeply nested: ${depth} levels (limit: ${limits.maxContextDepth})`,
        depth,
      );
    }
  }
}

/**
 * The original's `ValidateValue`: string length (bytes), array length (recursively through
 * arrays) and nesting depth against `maxStringLength`, `maxArrayLength`, `maxContextDepth`.
 * @example checkValue(ctx, 'x'.repeat(2_000_000)) // throws "string too long: 2000000 bytes (limit: 1048576); raise …"
 */
export function checkValue(ctx: Pick<NodeContext, 'config'>, value: unknown): void {
  validateValue(value, originalLimits(ctx), '');
}

/** The `maxResponseSize` limit in bytes (0 = none: then the http config's cap alone applies). */
export function maxResponseSize(ctx: Pick<NodeContext, 'config'>): number {
  const max = originalLimits(ctx).maxResponseSize;
  return max > 0 ? max : Number.MAX_SAFE_INTEGER;
}

/**
 * Fails before a wait of `ms` that would outlast `maxNodeExecutionTime`. Waiting types are
 * pure, so the engine gives them no default node timeout: they bound their own waits.
 * @example checkWait(ctx, 60_000, 'delay of 1m0s') // throws "delay of 1m0s exceeds the node execution time limit (30000 ms); raise …"
 */
export function checkWait(ctx: Pick<NodeContext, 'config'>, ms: number, what: string): void {
  const max = originalLimits(ctx).maxNodeExecutionTimeMs;
  if (max > 0 && ms > max) {
    throw limitFailure(
      'maxNodeExecutionTimeMs',
      `${what} exceeds the node execution time limit (${max} ms)`,
      ms,
    );
  }
}

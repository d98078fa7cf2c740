/**
 * The original engine's run state (reference §2.3) in `ctx.runStore`: workflow variables, the
 * one accumulator and counter, the cache, context variables and constants, and the
 * rate-limiter and throttle windows. Everything lives for one run and nothing else. Keys are
 * prefixed `original.`; `original.variables` and `original.context` are what the expression
 * scope reads (`../shared/scope.ts`).
 */
import { ORIGINAL_CONTEXT, ORIGINAL_VARIABLES } from '../shared/scope.js';
import { checkValue, limitFailure, originalLimits } from '../shared/limits.js';
import type { NodeContext } from '../../types.js';

type Ctx = Pick<NodeContext, 'runStore' | 'config' | 'now'>;
type Store = Pick<NodeContext, 'runStore'>;

export const KEYS = {
  variables: ORIGINAL_VARIABLES,
  context: ORIGINAL_CONTEXT,
  contextVariables: 'original.context-variables',
  contextConstants: 'original.context-constants',
  accumulator: 'original.accumulator',
  counter: 'original.counter',
  cache: 'original.cache',
  rateLimiter: 'original.rate-limiter',
  throttle: 'original.throttle',
} as const;

function recordAt(ctx: Store, key: string): Record<string, unknown> {
  let r = ctx.runStore.get(key) as Record<string, unknown> | undefined;
  if (!r) {
    r = {};
    ctx.runStore.set(key, r);
  }
  return r;
}

// ── variables ────────────────────────────────────────────────────────────────

/** A workflow variable; `found: false` when it was never set in this run. */
export function getVariable(ctx: Store, name: string): { found: boolean; value: unknown } {
  const vars = recordAt(ctx, KEYS.variables);
  return Object.hasOwn(vars, name) ? { found: true, value: vars[name] } : { found: false, value: null };
}

/**
 * Sets a workflow variable after the original's checks: `ValidateValue` (string length, array
 * length, nesting depth) and `maxVariables` (a new name over the limit fails).
 */
export function setVariable(ctx: Ctx, name: string, value: unknown): void {
  checkValue(ctx, value);
  const vars = recordAt(ctx, KEYS.variables);
  const max = originalLimits(ctx).maxVariables;
  const count = Object.keys(vars).length;
  if (!Object.hasOwn(vars, name) && max > 0 && count >= max) {
    throw limitFailure('maxVariables', `maximum variables exceeded: ${count + 1} (limit: ${max})`, count + 1);
  }
  vars[name] = value;
}

// ── accumulator and counter ──────────────────────────────────────────────────

/** The run's one accumulator; undefined until a node set it. */
export function getAccumulator(ctx: Store): unknown {
  return ctx.runStore.get(KEYS.accumulator);
}

export function setAccumulator(ctx: Store, value: unknown): void {
  ctx.runStore.set(KEYS.accumulator, value);
}

/** The run's one counter (0 until set) and whether any counter node set it yet. */
export function getCounter(ctx: Store): { value: number; initialised: boolean } {
  const v = ctx.runStore.get(KEYS.counter) as number | undefined;
  return v === undefined ? { value: 0, initialised: false } : { value: v, initialised: true };
}

export function setCounter(ctx: Store, value: number): void {
  ctx.runStore.set(KEYS.counter, value);
}

// ── cache ────────────────────────────────────────────────────────────────────

interface CacheEntry {
  value: unknown;
  /** Epoch ms after which the entry is gone. */
  expires: number;
}

/** The cache map; its insertion order is the recency order (least recently used first). */
function cacheMap(ctx: Store): Map<string, CacheEntry> {
  let m = ctx.runStore.get(KEYS.cache) as Map<string, CacheEntry> | undefined;
  if (!m) {
    m = new Map();
    ctx.runStore.set(KEYS.cache, m);
  }
  return m;
}

/** A live cache entry (refreshing its recency), or `found: false` when absent or expired. */
export function cacheGet(ctx: Ctx, key: string): { found: boolean; value: unknown } {
  const m = cacheMap(ctx);
  const e = m.get(key);
  if (!e) return { found: false, value: null };
  if (ctx.now() > e.expires) {
    m.delete(key);
    return { found: false, value: null };
  }
  m.delete(key);
  m.set(key, e);
  return { found: true, value: e.value };
}

/**
 * Stores a value for `ttlMs`; then drops expired entries and, over `maxSize` entries (the
 * config's `maxCacheSize`, or less when `nodeMaxSize` says so), the least recently used.
 * Returns the keys evicted.
 */
export function cacheSet(
  ctx: Ctx,
  key: string,
  value: unknown,
  ttlMs: number,
  nodeMaxSize?: number,
): string[] {
  const m = cacheMap(ctx);
  const now = ctx.now();
  m.delete(key);
  m.set(key, { value, expires: now + ttlMs });
  for (const [k, e] of m) if (now > e.expires) m.delete(k);
  const limit = originalLimits(ctx).maxCacheSize;
  const sizes = [limit, nodeMaxSize ?? 0].filter((n) => n > 0);
  const max = sizes.length > 0 ? Math.min(...sizes) : Infinity;
  const evicted: string[] = [];
  for (const k of m.keys()) {
    if (m.size <= max) break;
    m.delete(k);
    evicted.push(k);
  }
  return evicted;
}

/** Removes an entry; true when a live one was there. */
export function cacheDelete(ctx: Ctx, key: string): boolean {
  const m = cacheMap(ctx);
  const e = m.get(key);
  m.delete(key);
  return e !== undefined && ctx.now() <= e.expires;
}

// ── context variables and constants ──────────────────────────────────────────

function refreshContext(ctx: Store): void {
  ctx.runStore.set(KEYS.context, {
    ...recordAt(ctx, KEYS.contextConstants),
    ...recordAt(ctx, KEYS.contextVariables),
  });
}

/** Sets a context variable; `context.<name>` then reads it (variables override constants). */
export function setContextVariable(ctx: Store, name: string, value: unknown): void {
  recordAt(ctx, KEYS.contextVariables)[name] = value;
  refreshContext(ctx);
}

/** Sets a context constant; a context variable of the same name still wins. */
export function setContextConstant(ctx: Store, name: string, value: unknown): void {
  recordAt(ctx, KEYS.contextConstants)[name] = value;
  refreshContext(ctx);
}

// ── rate limiter and throttle windows (per node id, per run) ─────────────────

/** The request log (epoch ms) of one rate_limiter node in this run. */
export function rateLog(ctx: Store, nodeId: string): number[] {
  let m = ctx.runStore.get(KEYS.rateLimiter) as Map<string, number[]> | undefined;
  if (!m) {
    m = new Map();
    ctx.runStore.set(KEYS.rateLimiter, m);
  }
  let log = m.get(nodeId);
  if (!log) {
    log = [];
    m.set(nodeId, log);
  }
  return log;
}

/** When one throttle node last let a call through in this run (epoch ms), if ever. */
export function throttleLast(ctx: Store, nodeId: string): number | undefined {
  const m = ctx.runStore.get(KEYS.throttle) as Map<string, number> | undefined;
  return m?.get(nodeId);
}

export function setThrottleLast(ctx: Store, nodeId: string, at: number): void {
  let m = ctx.runStore.get(KEYS.throttle) as Map<string, number> | undefined;
  if (!m) {
    m = new Map();
    ctx.runStore.set(KEYS.throttle, m);
  }
  m.set(nodeId, at);
}

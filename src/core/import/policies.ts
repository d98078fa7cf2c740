/**
 * The original `retry`, `try_catch` and `timeout` nodes as native policies on the node that
 * feeds them (contract: src/nodes/original/state/README.md), and Go durations.
 */
import { DURATION_PATTERN } from '../duration.js';
import { parseOriginalDuration } from '../go-duration.js';

const NATIVE = new RegExp(DURATION_PATTERN);

/**
 * A Go duration (`1.5s`, `1h30m`, `300ms`) or an integer (string) of milliseconds, in ms —
 * the original's `parseDuration`. Undefined when it is neither.
 */
export function goDurationMs(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return typeof value === 'string' ? parseOriginalDuration(value.trim()) : undefined;
}

/** A native duration for the YAML: the original text when thaiyyal reads it the same, else milliseconds. */
export function nativeDuration(value: unknown, fallbackMs: number): string | number {
  if (typeof value === 'string' && NATIVE.test(value.trim())) return value.trim();
  const ms = goDurationMs(value);
  return ms === undefined || ms < 0 ? fallbackMs : Math.round(ms);
}

/** What the importer writes on the upstream node of a guard (retry/try_catch/timeout) node. */
export interface UpstreamPolicy {
  retry?: Record<string, unknown>;
  timeout?: string | number;
  onError: 'continue';
}

const BACKOFFS = new Set(['exponential', 'linear', 'constant']);

/**
 * The policy a guard node puts on its upstream node, and the warnings it causes.
 * @example upstreamPolicy('retry', {max_attempts: 5}) // → {policy: {retry: {attempts: 5, …}, onError: 'continue'}}
 */
export function upstreamPolicy(
  type: 'retry' | 'try_catch' | 'timeout',
  data: Record<string, unknown>,
): { policy: UpstreamPolicy; warnings: string[] } {
  const warnings: string[] = [];
  if (type === 'try_catch') return { policy: { onError: 'continue' }, warnings };
  if (type === 'timeout') {
    return { policy: { timeout: nativeDuration(data.timeout, 30_000), onError: 'continue' }, warnings };
  }
  const attempts =
    typeof data.max_attempts === 'number' && data.max_attempts > 0 ? Math.trunc(data.max_attempts) : 3;
  const strategy = typeof data.backoff_strategy === 'string' ? data.backoff_strategy : 'exponential';
  if (!BACKOFFS.has(strategy))
    warnings.push(`backoff_strategy "${strategy}" is unknown: retries use a constant delay`);
  const multiplier = data.multiplier;
  if (typeof multiplier === 'number' && multiplier !== 2 && strategy === 'exponential') {
    warnings.push(`multiplier ${multiplier}: the native exponential backoff always doubles the delay`);
  }
  return {
    policy: {
      retry: {
        attempts,
        backoff: BACKOFFS.has(strategy) ? strategy : 'constant',
        delay: nativeDuration(data.initial_delay, 1000),
        maxDelay: nativeDuration(data.max_delay, 30_000),
        jitter: 0,
      },
      onError: 'continue',
    },
    warnings,
  };
}

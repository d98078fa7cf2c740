/**
 * Retry decisions, pure: whether an error is retried and how long to wait before the
 * next attempt. Randomness (jitter) is passed in so tests and replays are deterministic.
 */
import { cappedBackoff } from '../core/backoff.js';
import type { RetryPolicy } from '../core/workflow.js';
import type { ErrorInfo } from './events.js';

/**
 * True when another attempt should follow `attempt` (1-based) for this error.
 * With `on: []` only errors flagged retryable are retried; with codes listed, exactly those.
 */
export function shouldRetry(
  policy: RetryPolicy,
  attempt: number,
  error: ErrorInfo,
  retryable: boolean,
): boolean {
  if (attempt >= policy.attempts) return false;
  if (error.code === 'cancelled') return false;
  return policy.on.length === 0 ? retryable : policy.on.includes(error.code);
}

/**
 * Delay in ms before attempt `attempt + 1`, after `attempt` failed.
 * exponential: delay·2^(attempt-1); linear: delay·attempt; constant: delay — capped at
 * maxDelay, then the `jitter` share of it randomised (`random()` in [0,1)).
 * A server's Retry-After (ms) raises the delay to at least that.
 * @example backoffDelay({…, backoff: 'exponential', delayMs: 100, jitter: 0}, 3, Math.random) // 400
 */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  random: () => number,
  retryAfterMs?: number,
): number {
  const capped = cappedBackoff(policy, attempt);
  const jittered = capped * (1 - policy.jitter) + capped * policy.jitter * random();
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}

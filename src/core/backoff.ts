/**
 * The backoff of a retry policy, before jitter. One definition for the engine (which waits
 * it) and the linter (which adds it up). Pure.
 */
import type { RetryPolicy } from './workflow.js';

/**
 * Delay in ms before attempt `attempt + 1`, after `attempt` (1-based) failed, without jitter:
 * exponential delay·2^(attempt-1), linear delay·attempt, constant delay — capped at maxDelay.
 * @example cappedBackoff({…, backoff: 'exponential', delayMs: 100, maxDelayMs: 1000}, 3) // 400
 */
export function cappedBackoff(policy: RetryPolicy, attempt: number): number {
  const base =
    policy.backoff === 'exponential'
      ? policy.delayMs * 2 ** (attempt - 1)
      : policy.backoff === 'linear'
        ? policy.delayMs * attempt
        : policy.delayMs;
  return Math.min(base, policy.maxDelayMs);
}

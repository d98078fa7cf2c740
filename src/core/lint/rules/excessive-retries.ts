/**
 * `excessive-retries`: a retry policy with more than 10 attempts, or whose delays add up to
 * more than 10 minutes in the worst case (each delay by the backoff, capped by `maxDelay`,
 * jitter at its maximum). Such a node keeps a run alive long after the failure is clear,
 * and hides an outage behind a slow run instead of failing fast and alerting.
 */
import type { RetryPolicy } from '../../workflow.js';
import { formatDuration } from '../durations.js';
import { hasKey } from '../keys.js';
import { retryPolicies } from '../retry.js';
import type { Rule } from '../types.js';
import { cappedBackoff } from '../../backoff.js';

const MAX_ATTEMPTS = 10;
const MAX_TOTAL_DELAY_MS = 10 * 60_000;

/**
 * The longest the delays between all attempts can add up to (the engine's backoff with
 * jitter at its maximum). Attempts are bounded by the schema (≤ 100); the loop is capped anyway.
 */
function worstCaseDelayMs(p: RetryPolicy): number {
  let total = 0;
  for (let attempt = 1; attempt < Math.min(p.attempts, 10_000); attempt++) {
    total += cappedBackoff(p, attempt);
  }
  return total;
}

export const rule: Rule = {
  meta: {
    id: 'excessive-retries',
    category: 'reliability',
    severity: 'warning',
    fixable: false,
    description:
      'More than 10 attempts, or retry delays adding up to over 10 minutes, keep a failing run alive too long.',
  },
  check(ctx) {
    for (const { where, path, policy } of retryPolicies(ctx)) {
      const total = worstCaseDelayMs(policy);
      if (policy.attempts > MAX_ATTEMPTS) {
        ctx.report({
          message: `${where} makes ${policy.attempts} attempts (more than ${MAX_ATTEMPTS}); a failure that survives a few retries is rarely fixed by more: lower attempts and let the run fail and alert`,
          path: hasKey(ctx, [...path, 'attempts']) ? [...path, 'attempts'] : path,
        });
      } else if (total > MAX_TOTAL_DELAY_MS) {
        ctx.report({
          message: `${where} can wait ${formatDuration(total, 'seconds')} in total between its ${policy.attempts} attempts (${policy.backoff} from ${formatDuration(policy.delayMs, 'seconds')}, capped at ${formatDuration(policy.maxDelayMs, 'seconds')}), more than ${formatDuration(MAX_TOTAL_DELAY_MS, 'seconds')}; lower attempts, delay or maxDelay`,
          path,
        });
      }
    }
  },
};

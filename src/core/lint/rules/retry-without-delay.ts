/**
 * `retry-without-delay`: a retry policy with more than one attempt and no delay between
 * them (`delay: 0`, or `maxDelay: 0` capping every delay to nothing). The retries then
 * hammer a failing service back to back — usually within milliseconds, before it could
 * have recovered — and add load exactly when it is struggling.
 */
import { hasKey } from '../keys.js';
import { retryPolicies } from '../retry.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'retry-without-delay',
    category: 'reliability',
    severity: 'warning',
    fixable: false,
    description:
      'Retrying with no delay between attempts hammers a failing service instead of giving it time.',
  },
  check(ctx) {
    for (const { where, path, policy } of retryPolicies(ctx)) {
      if (policy.attempts <= 1 || Math.min(policy.delayMs, policy.maxDelayMs) > 0) continue;
      // Point at the field that zeroes the delay when it is written here, else at the policy.
      const field = policy.delayMs === 0 ? 'delay' : 'maxDelay';
      const own = hasKey(ctx, [...path, field]);
      const from = own || path[0] === 'defaults' ? '' : ' from defaults.retry';
      ctx.report({
        message: `${where} makes ${policy.attempts} attempts with no delay between them (${field} is 0${from}), which hammers a failing service; set a delay (e.g. "delay: 1s" with exponential backoff)`,
        path: own ? [...path, field] : path,
      });
    }
  },
};

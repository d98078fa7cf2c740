import { describe, expect, it } from 'vitest';
import { hasKey } from '../../../src/core/lint/keys.js';
import { retryPolicies } from '../../../src/core/lint/retry.js';
import { lintContext } from '../../helpers/lint-context.js';
import { wf } from '../../helpers/rule-tester.js';

const ctx = lintContext(
  wf(
    [
      'defaults:',
      '  retry: {attempts: 3}',
      'nodes:',
      '  a:',
      '    type: http',
      '    url: https://example.com',
      '    retry: {attempts: 2, delay: 0}',
      '  b: {type: log, message: hi}',
      '',
    ].join('\n'),
  ),
);

describe('hasKey', () => {
  it('tells written keys from missing ones', () => {
    expect(hasKey(ctx, ['nodes', 'a', 'retry', 'delay'])).toBe(true);
    expect(hasKey(ctx, ['nodes', 'a', 'retry', 'maxDelay'])).toBe(false);
    expect(hasKey(ctx, ['defaults'])).toBe(true);
    expect(hasKey(ctx, ['owners'])).toBe(false);
  });
});

describe('retryPolicies', () => {
  it('lists defaults.retry, then each node retry', () => {
    expect(retryPolicies(ctx).map((p) => [p.where, p.path.join('.'), p.policy.attempts])).toEqual([
      ['defaults.retry', 'defaults.retry', 3],
      ['retry of node "a"', 'nodes.a.retry', 2],
    ]);
  });
});

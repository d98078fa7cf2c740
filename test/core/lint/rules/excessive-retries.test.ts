import { rule } from '../../../../src/core/lint/rules/excessive-retries.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

const node = (retry: string) =>
  wf(`nodes:\n  get:\n    type: http\n    url: https://example.com\n    timeout: 5s\n    retry: ${retry}\n`);

testRule(rule, {
  valid: [
    node('10'),
    // 1+2+4+8+16+30·4 = 151 s
    node('{attempts: 10, delay: 1s, maxDelay: 30s}'),
    // 9 × 1 min = 9 min: at the limit but not over it
    node('{attempts: 10, backoff: constant, delay: 1m}'),
  ],
  invalid: [
    {
      name: 'too many attempts (shorthand)',
      code: node('11'),
      errors: [
        {
          line: 9,
          col: 12,
          message:
            'retry of node "get" makes 11 attempts (more than 10); a failure that survives a few retries is rarely fixed by more: lower attempts and let the run fail and alert',
        },
      ],
      output: null,
    },
    {
      name: 'too many attempts: reported at attempts',
      code: node('{delay: 1s, attempts: 50}'),
      errors: [{ line: 9, col: 34, message: /makes 50 attempts/ }],
    },
    {
      name: 'total backoff over 10 minutes',
      code: node('{attempts: 8, backoff: linear, delay: 30s, maxDelay: 5m}'),
      errors: [
        {
          line: 9,
          col: 5,
          message:
            'retry of node "get" can wait 14m in total between its 8 attempts (linear from 30s, capped at 5m), more than 10m; lower attempts, delay or maxDelay',
        },
      ],
    },
    {
      name: 'defaults.retry is checked too',
      code: wf(
        'defaults:\n  retry: {attempts: 6, delay: 1m, maxDelay: 10m}\nnodes:\n  t: {type: transform, value: 1}\n',
      ),
      errors: [
        {
          line: 5,
          col: 3,
          message: /^defaults.retry can wait 25m in total between its 6 attempts \(exponential from 1m/,
        },
      ],
    },
  ],
});

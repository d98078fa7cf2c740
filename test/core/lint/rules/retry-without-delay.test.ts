import { rule } from '../../../../src/core/lint/rules/retry-without-delay.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

const node = (extra: string) =>
  wf(`nodes:\n  get:\n    type: http\n    url: https://example.com\n    timeout: 5s\n${extra}`);

testRule(rule, {
  valid: [
    node('    retry: 3\n'),
    node('    retry: {attempts: 3, delay: 500ms}\n'),
    { name: 'one attempt never waits', code: node('    retry: {attempts: 1, delay: 0}\n') },
    {
      name: 'a node delay overrides a zero default',
      code: `${node('    retry: {delay: 1s}\n')}defaults:\n  retry: {attempts: 1, delay: 0}\n`,
    },
  ],
  invalid: [
    {
      name: 'delay 0 on the node: reported at the delay',
      code: node('    retry: {attempts: 4, delay: 0}\n'),
      errors: [
        {
          line: 9,
          col: 33,
          message:
            'retry of node "get" makes 4 attempts with no delay between them (delay is 0), which hammers a failing service; set a delay (e.g. "delay: 1s" with exponential backoff)',
        },
      ],
      output: null,
    },
    {
      name: 'maxDelay 0 caps every delay to nothing',
      code: node('    retry:\n      attempts: 2\n      maxDelay: 0ms\n'),
      errors: [{ line: 11, col: 17, message: /\(maxDelay is 0\)/ }],
    },
    {
      name: 'inherited from defaults: the default and the node retry are both reported',
      code: `defaults:\n  retry: {attempts: 2, delay: 0}\n${node('    retry: 5\n').slice(wf('').length)}`.replace(
        /^/,
        wf(''),
      ),
      errors: [
        { line: 5, col: 31, message: /^defaults.retry makes 2 attempts/ },
        {
          line: 11,
          col: 12,
          message: /^retry of node "get" makes 5 attempts .*\(delay is 0 from defaults.retry\)/,
        },
      ],
    },
  ],
});

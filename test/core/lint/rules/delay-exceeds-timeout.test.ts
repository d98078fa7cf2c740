import { rule } from '../../../../src/core/lint/rules/delay-exceeds-timeout.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

const delay = (duration: string, extra = '') =>
  wf(`nodes:\n  wait:\n    type: delay\n    duration: ${duration}\n${extra}`);

testRule(rule, {
  valid: [
    delay('1h'),
    delay('2s', '    timeout: 5s\n'),
    delay('1000', '    timeout: 1001ms\n'),
    { name: 'a template duration is not judged', code: delay("'${{ 5000 }}'", '    timeout: 1s\n') },
    {
      name: "the node's timeout wins over defaults",
      code: `${delay('2m', '    timeout: 3m\n')}defaults:\n  timeout: 1m\n`,
    },
  ],
  invalid: [
    {
      name: 'duration over its own timeout',
      code: delay('5m', '    timeout: 30s\n'),
      errors: [
        {
          line: 7,
          col: 15,
          message:
            'delay node "wait" waits 5m but its timeout is 30s, so it always times out; shorten duration or set a timeout longer than the wait',
        },
      ],
      output: null,
    },
    {
      name: 'equal to defaults.timeout (a number of ms)',
      code: `${delay('30000')}defaults:\n  timeout: 30s\n`,
      errors: [{ line: 7, col: 15, message: /waits 30s but its timeout \(defaults.timeout\) is 30s/ }],
    },
    {
      name: 'sub-second durations are shown in ms',
      code: delay('1500ms', '    timeout: 1s\n'),
      errors: [{ line: 7, message: /waits 1500ms but its timeout is 1s/ }],
    },
  ],
});

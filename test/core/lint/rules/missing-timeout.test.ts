import { rule } from '../../../../src/core/lint/rules/missing-timeout.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    wf('nodes:\n  get:\n    type: http\n    url: https://example.com\n    timeout: 5s\n'),
    wf('defaults:\n  timeout: 10s\nnodes:\n  get:\n    type: http\n    url: https://example.com\n'),
    wf('nodes:\n  t:\n    type: transform\n    expression: "1"\n'),
  ],
  invalid: [
    {
      name: 'http without timeout gets one after its type line',
      code: wf('nodes:\n  get:\n    type: http\n    url: https://example.com\n'),
      errors: [{ line: 5, col: 3, message: /http node "get" has no timeout/ }],
      output: wf('nodes:\n  get:\n    type: http\n    timeout: 30s\n    url: https://example.com\n'),
    },
    {
      name: 'flow-style nodes are reported without a fix',
      code: wf('nodes:\n  run: {type: exec, command: "true"}\n'),
      errors: [{ line: 5 }],
      output: null,
    },
  ],
});

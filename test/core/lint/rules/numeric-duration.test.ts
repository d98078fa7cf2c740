import { rule } from '../../../../src/core/lint/rules/numeric-duration.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    wf('defaults:\n  timeout: 30s\nnodes:\n  d:\n    type: delay\n    duration: 250ms\n'),
    wf('nodes:\n  t:\n    type: transform\n    expression: "30000"\n'),
  ],
  invalid: [
    {
      name: 'node timeout, retry delays and a delay duration',
      code: wf(
        'nodes:\n  d:\n    type: delay\n    duration: 1500\n    timeout: 30000\n    retry:\n      attempts: 2\n      delay: 250\n',
      ),
      errors: [
        { line: 7, col: 15, message: /nodes\.d\.duration is 1500.*"1500ms"/ },
        { line: 8, col: 14, message: /"30s"/ },
        { line: 11, col: 14, message: /"250ms"/ },
      ],
      output: wf(
        'nodes:\n  d:\n    type: delay\n    duration: 1500ms\n    timeout: 30s\n    retry:\n      attempts: 2\n      delay: 250ms\n',
      ),
    },
    {
      name: 'defaults',
      code: wf('defaults:\n  timeout: 90000\nnodes:\n  a:\n    type: transform\n    expression: "1"\n'),
      errors: [{ line: 5, col: 12 }],
      output: wf('defaults:\n  timeout: 1m30s\nnodes:\n  a:\n    type: transform\n    expression: "1"\n'),
    },
  ],
});

import { rule } from '../../../../src/core/lint/rules/expression-spacing.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    wf(
      'nodes:\n  l:\n    type: log\n    message: "a ${{ 1 }} b ${{ inputs.x }}"\ninputs:\n  x: {type: string, default: x}\n',
    ),
    {
      name: 'multi-line templates keep their layout',
      code: wf('nodes:\n  l:\n    type: log\n    message: |-\n      ${{\n        1 + 2\n      }}\n'),
    },
    {
      name: 'raw expression options have no braces',
      code: wf('nodes:\n  t:\n    type: transform\n    expression: "1+2"\n'),
    },
  ],
  invalid: [
    {
      name: 'no spaces: both sides get one',
      code: wf('nodes:\n  l:\n    type: log\n    message: ${{1}}\n'),
      errors: [{ line: 7, col: 14, message: 'put exactly one space inside the braces: write "${{ 1 }}"' }],
      output: wf('nodes:\n  l:\n    type: log\n    message: ${{ 1 }}\n'),
    },
    {
      name: 'extra spaces on one side, two templates in one quoted string',
      code: wf("nodes:\n  l:\n    type: log\n    message: 'a ${{   1 }} b ${{ 2}}'\n"),
      errors: [
        { line: 7, col: 17 },
        { line: 7, col: 30 },
      ],
      output: wf("nodes:\n  l:\n    type: log\n    message: 'a ${{ 1 }} b ${{ 2 }}'\n"),
    },
    {
      name: 'an escaped double-quoted string is reported without a fix',
      code: wf('nodes:\n  l:\n    type: log\n    message: "\\t${{1}}"\n'),
      errors: [{ line: 7 }],
      output: null,
    },
  ],
});

import { rule } from '../../../../src/core/lint/rules/redundant-expression.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    wf(
      'inputs:\n  x: {type: number, default: 1}\nnodes:\n  l:\n    type: log\n    message: "n=${{ 1 }}"\n    data: ${{ inputs.x }}\noutputs:\n  a: ${{ 1 + 1 }}\n',
    ),
    {
      name: 'when is left to constant-when',
      code: wf('nodes:\n  l:\n    type: log\n    when: ${{ true }}\n    message: hi\n'),
    },
  ],
  invalid: [
    {
      name: 'a number',
      code: wf('nodes:\n  l:\n    type: log\n    message: hi\noutputs:\n  n: ${{ 42 }}\n'),
      errors: [{ line: 9, col: 6, message: '"${{ 42 }}" is a constant: write 42 directly, without ${{ }}' }],
      output: wf('nodes:\n  l:\n    type: log\n    message: hi\noutputs:\n  n: 42\n'),
    },
    {
      name: 'strings are quoted when YAML would read them as another type; quotes around the template go too',
      code: wf(
        "nodes:\n  l:\n    type: log\n    message: '${{ \"plain text\" }}'\n    level: ${{ 'warn' }}\noutputs:\n  a: \"${{ '12' }}\"\n  b: ${{ 'yes' }}\n  c: ${{ null }}\n  d: '${{ false }}' # keep\n",
      ),
      errors: [
        { line: 7, col: 15 },
        { line: 8, col: 12 },
        { line: 10, col: 7 },
        { line: 11, col: 6 },
        { line: 12, col: 6 },
        { line: 13, col: 7 },
      ],
      output: wf(
        'nodes:\n  l:\n    type: log\n    message: plain text\n    level: warn\noutputs:\n  a: "12"\n  b: "yes"\n  c: null\n  d: false # keep\n',
      ),
    },
    {
      name: 'a block scalar is reported without a fix',
      code: wf('nodes:\n  l:\n    type: log\n    message: |-\n      ${{ "hi" }}\n'),
      errors: [{ line: 8 }],
      output: null,
    },
  ],
});

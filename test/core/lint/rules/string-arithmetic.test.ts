import { rule } from '../../../../src/core/lint/rules/string-arithmetic.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

const inputs = 'inputs:\n  n: {type: number, default: 1}\n  name: {type: string, default: a}\n';

testRule(rule, {
  valid: [
    wf(
      `${inputs}nodes:\n  l:\n    type: log\n    message: \${{ inputs.n + 1 }} \${{ inputs.name & "!" }} \${{ $number(inputs.name) * 2 }}\n`,
    ),
    wf("nodes:\n  t:\n    type: transform\n    expression: '-1 * 2 % 3'\n"),
    {
      name: 'types that are not known are not guessed',
      code: wf("nodes:\n  t:\n    type: transform\n    expression: '$item.a + 1'\n"),
    },
  ],
  invalid: [
    {
      name: 'a string input added to a number (at the operator)',
      code: wf(`${inputs}nodes:\n  l:\n    type: log\n    message: "n=\${{ inputs.name + 1 }}"\n`),
      errors: [
        {
          line: 10,
          col: 33,
          message:
            /"\+" on a string fails at run time: inputs\.name \(a string input\) is a string.*use & to join strings/,
        },
      ],
      output: null,
    },
    {
      name: 'a string literal in a raw expression option',
      code: wf('nodes:\n  t:\n    type: transform\n    expression: \'"a" * 2\'\n'),
      errors: [{ line: 7, col: 22, message: /"\*" on a string.*"a" is a string.*\$number/ }],
    },
    {
      name: 'env values in a when and an output',
      code: wf(
        'nodes:\n  l:\n    type: log\n    when: ${{ env.RETRIES - 1 > 0 }}\n    message: hi\noutputs:\n  next: ${{ 2 % secrets.N }}\n',
      ),
      errors: [
        { line: 7, col: 27, message: /env\.RETRIES \(always a string\)/ },
        { line: 10, col: 15, message: /secrets\.N/ },
      ],
    },
  ],
});

import { rule } from '../../../../src/core/lint/rules/comparison-type-mismatch.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

const inputs =
  'inputs:\n  count: {type: integer, default: 1}\n  env: {type: string, default: dev}\n  flag: {type: boolean, default: false}\n  obj: {type: object, default: {}}\n';

testRule(rule, {
  valid: [
    wf(
      `${inputs}nodes:\n  c:\n    type: condition\n    if: \${{ inputs.count = 3 and inputs.env = 'prod' and inputs.flag = true }}\n`,
    ),
    wf(
      `${inputs}nodes:\n  c:\n    type: condition\n    if: \${{ inputs.env = null or inputs.obj = "a" or $number(inputs.env) > 2 }}\n`,
    ),
    wf('nodes:\n  t:\n    type: transform\n    expression: \'1 = 1 and "a" < "b"\'\n'),
    wf(
      'nodes:\n  h:\n    type: http\n    url: https://example.com\n  c:\n    type: condition\n    if: ${{ nodes.h.output.status = "200" }}\n',
    ),
    {
      name: 'string concatenation is not a comparison',
      code: wf('nodes:\n  l:\n    type: log\n    message: ${{ "n=" & 3 }}\n'),
    },
  ],
  invalid: [
    {
      name: 'number input compared with a numeric string (at the operator)',
      code: wf(`${inputs}nodes:\n  c:\n    type: condition\n    if: \${{ inputs.count = "3" }}\n`),
      errors: [
        {
          line: 12,
          col: 26,
          message:
            /comparing a number with a string is always false: inputs\.count \(an integer input\) = "3"; write 3 without quotes/,
        },
      ],
      output: null,
    },
    {
      name: 'ordering literals of two types in a raw expression option',
      code: wf('nodes:\n  t:\n    type: transform\n    expression: \'1 < "2"\'\n'),
      errors: [{ line: 7, col: 20, message: /fails at run time/ }],
    },
    {
      name: 'env values are strings',
      code: wf('nodes:\n  c:\n    type: condition\n    if: ${{ env.PORT != 8080 }}\n'),
      errors: [
        {
          line: 7,
          col: 22,
          message: /is always true: env\.PORT \(always a string\) != 8080; write "8080" in quotes/,
        },
      ],
    },
    {
      name: 'boolean input against a string, in an output; every comparison is reported',
      code: wf(
        `${inputs}nodes:\n  l:\n    type: log\n    message: hi\noutputs:\n  a: \${{ inputs.flag = "true" }}\n  b: '\${{ inputs.env >= 2 }}'\n`,
      ),
      errors: [
        { line: 14, col: 22, message: /comparing a boolean with a string.*write true without quotes/ },
        { line: 15, col: 22, message: /comparing a string with a number fails at run time/ },
      ],
    },
    {
      name: 'inside a template embedded in text, after another template',
      code: wf('nodes:\n  l:\n    type: log\n    message: "a ${{ 1 }} b ${{ 2 = \'2\' }}"\n'),
      errors: [{ line: 7, col: 34, message: /2 = "2"; write 2 without quotes/ }],
    },
  ],
});

import { rule } from '../../../../src/core/lint/rules/unknown-output-field.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

const nodes =
  'nodes:\n  get:\n    type: http\n    url: https://example.com\n  run:\n    type: exec\n    command: "true"\n  c:\n    type: condition\n    if: true\n';

testRule(rule, {
  valid: [
    wf(
      `${nodes}outputs:\n  a: \${{ nodes.get.output.body.anything }}\n  b: \${{ nodes.run.output.exitCode }}\n  c: \${{ nodes.c.output.branch }}\n`,
    ),
    {
      name: 'unknown shapes (transform, workflow) are not checked',
      code: wf(
        'nodes:\n  t:\n    type: transform\n    expression: \'{"a": 1}\'\noutputs:\n  a: ${{ nodes.t.output.b }}\n',
      ),
    },
    {
      name: 'fields of an onError fallback are known',
      code: wf(
        'nodes:\n  get:\n    type: http\n    url: https://example.com\n    onError: {fallback: {cached: true}}\noutputs:\n  a: ${{ nodes.get.output.cached }}\n',
      ),
    },
    {
      name: 'a foreach output maps over items: item fields are fine',
      code: wf(
        'nodes:\n  get:\n    type: http\n    foreach: [a, b]\n    url: https://example.com/${{ item }}\noutputs:\n  a: ${{ nodes.get.output.status }}\n  b: ${{ nodes.get.output[0].body }}\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'a typo gets a suggestion, at the field',
      code: wf(`${nodes}outputs:\n  a: \${{ nodes.get.output.stauts }}\n`),
      errors: [
        {
          line: 15,
          col: 27,
          message:
            /the output of http node "get" has no field "stauts" \(it has status, headers, body, url, truncated\).*did you mean "status"\?/,
        },
      ],
      output: null,
    },
    {
      name: 'a raw expression, a path after $$ and a backticked id',
      code: wf(
        'nodes:\n  my-run:\n    type: exec\n    command: "true"\n  t:\n    type: transform\n    expression: \'$$.nodes.`my-run`.output.exitcode\'\n',
      ),
      errors: [
        { line: 10, col: 43, message: /exec node "my-run" has no field "exitcode".*did you mean "exitCode"/ },
      ],
    },
    {
      name: 'foreach items, without a close field',
      code: wf(
        'nodes:\n  get:\n    type: http\n    foreach: [a]\n    url: https://example.com/${{ item }}\noutputs:\n  a: ${{ $sum(nodes.get.output.price) }}\n',
      ),
      errors: [
        {
          line: 10,
          col: 32,
          message:
            /each item of the output of foreach node "get" has no field "price".*read one of those fields/,
        },
      ],
    },
  ],
});

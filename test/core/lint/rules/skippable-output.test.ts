import { rule } from '../../../../src/core/lint/rules/skippable-output.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

const BASE =
  'inputs:\n  on: {type: boolean}\nnodes:\n  maybe:\n    type: transform\n    when: ${{ inputs.on }}\n    value: 1\n';

testRule(rule, {
  valid: [
    wf(`${BASE}  always: {type: transform, value: 2}\noutputs:\n  o: \${{ nodes.always.output }}\n`),
    {
      name: 'the output checks the status',
      code: wf(`${BASE}outputs:\n  o: "\${{ nodes.maybe.status = 'skipped' ? 0 : nodes.maybe.output }}"\n`),
    },
    {
      name: 'tolerateSkipped stops the skip',
      code: wf(
        `${BASE}  next:\n    type: transform\n    tolerateSkipped: true\n    value: \${{ nodes.maybe.output }}\noutputs:\n  o: \${{ nodes.next.output }}\n`,
      ),
    },
  ],
  invalid: [
    {
      name: 'a node with when, at the node name inside the output',
      code: wf(`${BASE}outputs:\n  o: 'total: \${{ nodes.maybe.output }}'\n`),
      errors: [
        {
          line: 12,
          col: 24,
          message:
            'output "o" reads node "maybe", which may be skipped (it has a when); after a skip the output is null: handle that case (e.g. check nodes.maybe.status = \'skipped\')',
        },
      ],
      output: null,
    },
    {
      name: 'transitively, naming the chain',
      code: wf(
        `${BASE}  mid:\n    type: transform\n    value: \${{ nodes.maybe.output }}\n  last:\n    type: transform\n    needs: [mid]\n    value: 3\noutputs:\n  o: \${{ nodes.last.output }}\n`,
      ),
      errors: [
        {
          line: 19,
          col: 16,
          message:
            /reads node "last", which may be skipped \(it depends on "mid", which depends on "maybe", which has a when\).*or set tolerateSkipped on the nodes between "last" and "maybe"$/,
        },
      ],
    },
  ],
});

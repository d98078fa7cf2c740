import { rule } from '../../../../src/core/lint/rules/dynamic-node-reference.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

const A = '  a: {type: transform, value: 1}\n';

testRule(rule, {
  valid: [
    wf(`nodes:\n${A}  b:\n    type: transform\n    value: \${{ nodes.a.output }}\n`),
    {
      name: 'a node with needs is trusted',
      code: wf(
        `inputs:\n  k: {type: string}\nnodes:\n${A}  b:\n    type: transform\n    needs: [a]\n    value: \${{ $lookup(nodes, inputs.k).output }}\n`,
      ),
    },
    {
      name: 'outputs run after every node',
      code: wf(`nodes:\n${A}outputs:\n  all: \${{ $keys(nodes) }}\n`),
    },
  ],
  invalid: [
    {
      name: '$lookup(nodes, …) in a template: points at nodes',
      code: wf(
        `inputs:\n  k: {type: string}\nnodes:\n${A}  b:\n    type: transform\n    value: \${{ $lookup(nodes, inputs.k).output }}\n`,
      ),
      errors: [
        {
          line: 10,
          col: 24,
          message:
            'node "b" reads nodes dynamically, so its dependencies cannot be inferred and the nodes it reads may not have finished; list them in "needs:"',
        },
      ],
      output: null,
    },
    {
      name: 'nodes[…] in a raw expression',
      code: wf(`nodes:\n${A}  b:\n    type: transform\n    expression: $count($keys(nodes))\n`),
      errors: [{ line: 8, col: 30 }],
    },
    {
      name: 'in when, once per node',
      code: wf(
        `nodes:\n${A}  b:\n    type: log\n    when: \${{ $count(nodes.*) > 0 }}\n    message: \${{ $string(nodes) }}\n`,
      ),
      errors: [{ line: 8, col: 22 }],
    },
  ],
});

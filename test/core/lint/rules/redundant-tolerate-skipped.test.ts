import { rule } from '../../../../src/core/lint/rules/redundant-tolerate-skipped.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

const gate = '  gate:\n    type: transform\n    when: ${{ inputs.go }}\n    expression: "1"\n';
const inputs = 'inputs:\n  go: {type: boolean, default: true}\n';

testRule(rule, {
  valid: [
    {
      name: 'a dependency with when',
      code: wf(
        `${inputs}nodes:\n${gate}  after:\n    type: transform\n    tolerateSkipped: true\n    expression: nodes.gate.output\n`,
      ),
    },
    {
      name: 'a dependency that depends on a node with when',
      code: wf(
        `${inputs}nodes:\n${gate}  mid:\n    type: transform\n    expression: nodes.gate.output\n  after:\n    type: transform\n    tolerateSkipped: true\n    expression: nodes.mid.output\n`,
      ),
    },
    wf('nodes:\n  a:\n    type: transform\n    expression: "1"\n'),
  ],
  invalid: [
    {
      name: 'no dependency can be skipped: the line is removed',
      code: wf(
        'nodes:\n  a:\n    type: transform\n    expression: "1"\n  b:\n    type: transform\n    tolerateSkipped: true  # just in case\n    expression: nodes.a.output\n',
      ),
      errors: [
        {
          line: 10,
          col: 5,
          message: /node "b" tolerates skipped dependencies, but none of them can be skipped/,
        },
      ],
      output: wf(
        'nodes:\n  a:\n    type: transform\n    expression: "1"\n  b:\n    type: transform\n    expression: nodes.a.output\n',
      ),
    },
    {
      name: 'a dependency whose own skip is tolerated upstream cannot propagate one',
      code: wf(
        `${inputs}nodes:\n${gate}  mid:\n    type: transform\n    tolerateSkipped: true\n    expression: nodes.gate.output\n  after:\n    type: transform\n    tolerateSkipped: true\n    expression: nodes.mid.output\n`,
      ),
      errors: [{ line: 17 }],
    },
    {
      name: 'flow style: reported without a fix',
      code: wf('nodes:\n  a: {type: transform, expression: "1", tolerateSkipped: true}\n'),
      errors: [{ line: 5 }],
      output: null,
    },
  ],
});

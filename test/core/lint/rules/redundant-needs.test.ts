import { rule } from '../../../../src/core/lint/rules/redundant-needs.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

const AB = '  a: {type: transform, value: 1}\n  b: {type: transform, value: 2}\n';

testRule(rule, {
  valid: [
    wf(`nodes:\n${AB}  c:\n    type: log\n    needs: [a, b]\n    message: hi\n`),
    wf(`nodes:\n${AB}  c:\n    type: log\n    needs: a\n    message: \${{ nodes.b.output }}\n`),
  ],
  invalid: [
    {
      name: 'implied by an expression: removed from a flow list',
      code: wf(
        `nodes:\n${AB}  c:\n    type: log\n    needs: [a, b]  # order\n    message: \${{ nodes.a.output }}\n`,
      ),
      errors: [
        {
          line: 9,
          col: 13,
          message: 'node "c" already depends on "a" because its message reads nodes.a; remove it from needs',
        },
      ],
      output: wf(
        `nodes:\n${AB}  c:\n    type: log\n    needs: [b]  # order\n    message: \${{ nodes.a.output }}\n`,
      ),
    },
    {
      name: 'the last entry of a flow list takes the separator before it',
      code: wf(
        `nodes:\n${AB}  c:\n    type: log\n    needs: [a, 'b']\n    message: \${{ nodes.b.output }}\n`,
      ),
      errors: [{ line: 9, col: 16, message: /already depends on "b"/ }],
      output: wf(`nodes:\n${AB}  c:\n    type: log\n    needs: [a]\n    message: \${{ nodes.b.output }}\n`),
    },
    {
      name: 'reachable through another dependency: the block-list line goes',
      code: wf(
        `nodes:\n  a: {type: transform, value: 1}\n  b: {type: transform, value: '\${{ nodes.a.output }}'}\n  c:\n    type: log\n    needs:\n      - a  # first\n      - b\n    message: hi\n`,
      ),
      errors: [
        {
          line: 10,
          col: 9,
          message: 'node "c" already waits for "a" through its dependency "b"; remove "a" from needs',
        },
      ],
      output: wf(
        `nodes:\n  a: {type: transform, value: 1}\n  b: {type: transform, value: '\${{ nodes.a.output }}'}\n  c:\n    type: log\n    needs:\n      - b\n    message: hi\n`,
      ),
    },
    {
      name: 'every entry redundant: the whole needs goes',
      code: wf(
        `nodes:\n${AB}  c:\n    type: log\n    needs: [a, b]\n    message: \${{ nodes.a.output & nodes.b.output }}\n`,
      ),
      errors: [
        { line: 9, col: 13 },
        { line: 9, col: 16 },
      ],
      output: wf(`nodes:\n${AB}  c:\n    type: log\n    message: \${{ nodes.a.output & nodes.b.output }}\n`),
    },
    {
      name: 'a string needs',
      code: wf(
        `nodes:\n${AB}  c:\n    type: log\n    needs: b\n    when: \${{ nodes.b.output > 1 }}\n    message: hi\n`,
      ),
      errors: [{ line: 9, col: 12, message: /because its when reads nodes.b/ }],
      output: wf(`nodes:\n${AB}  c:\n    type: log\n    when: \${{ nodes.b.output > 1 }}\n    message: hi\n`),
    },
    {
      name: 'a block list at the key indentation',
      code: wf(
        `nodes:\n${AB}  c:\n    type: log\n    needs:\n    - a\n    - b\n    message: \${{ nodes.a.output }}\n`,
      ),
      errors: [{ line: 10, col: 7 }],
      output: wf(
        `nodes:\n${AB}  c:\n    type: log\n    needs:\n    - b\n    message: \${{ nodes.a.output }}\n`,
      ),
    },
    {
      name: 'flow-style node: the flow list is edited',
      code: wf(`nodes:\n${AB}  c: {type: log, needs: [b, a], message: '\${{ nodes.a.output }}'}\n`),
      errors: [{ line: 7, col: 29 }],
      output: wf(`nodes:\n${AB}  c: {type: log, needs: [b], message: '\${{ nodes.a.output }}'}\n`),
    },
  ],
});

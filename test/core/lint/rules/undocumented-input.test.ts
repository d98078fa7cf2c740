import { rule } from '../../../../src/core/lint/rules/undocumented-input.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

const NODES = 'nodes:\n  t:\n    type: transform\n    expression: inputs.a & inputs.b\n';

testRule(rule, {
  valid: [
    wf(NODES.replace('inputs.a & inputs.b', '"x"')),
    wf(
      `inputs:\n  a: {type: string, description: First}\n  b:\n    type: string\n    description: Second\n${NODES}`,
    ),
  ],
  invalid: [
    {
      name: 'each input without a description, at its key',
      code: wf(`inputs:\n  a: {type: string}\n  b:\n    type: string\n    description: Second\n${NODES}`),
      errors: [{ line: 5, col: 3, message: /^input "a" has no description; add "description:"/ }],
      output: null,
    },
    {
      name: 'an empty description counts as none',
      code: wf(`inputs:\n  a: {type: string, description: ''}\n  b: {type: string}\n${NODES}`),
      errors: [
        { line: 5, col: 3, message: /input "a"/ },
        { line: 6, col: 3, message: /input "b"/ },
      ],
    },
  ],
});

import { rule } from '../../../../src/core/lint/rules/missing-description.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

const NODES = 'nodes:\n  t:\n    type: transform\n    value: 1\n';

testRule(rule, {
  valid: [wf(`description: Adds one\n${NODES}`)],
  invalid: [
    {
      name: 'no description: reported at the name',
      code: wf(NODES),
      errors: [
        { line: 3, col: 1, message: /workflow "test" has no description; add a top-level "description:"/ },
      ],
      output: null,
    },
    {
      name: 'a blank description is reported at its key',
      code: wf(`description: ' '\n${NODES}`),
      errors: [{ line: 4, col: 1, message: /has an empty description/ }],
      output: null,
    },
  ],
});

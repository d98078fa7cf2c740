import { rule } from '../../../../src/core/lint/rules/missing-owners.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

const NODES = 'nodes:\n  t:\n    type: transform\n    value: 1\n';

testRule(rule, {
  valid: [wf(`owners: [team-platform]\n${NODES}`), wf(`owners:\n  - alice\n${NODES}`)],
  invalid: [
    {
      name: 'no owners: reported at the name',
      code: wf(NODES),
      errors: [{ line: 3, col: 1, message: /workflow "test" has no owners; add "owners: \[team-name\]"/ }],
      output: null,
    },
    {
      name: 'an empty list is reported at its key',
      code: wf(`owners: []\n${NODES}`),
      errors: [{ line: 4, col: 1, message: /has an empty owners list/ }],
      output: null,
    },
  ],
});

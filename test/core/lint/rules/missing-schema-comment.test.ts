import { rule, WORKFLOW_SCHEMA_URL } from '../../../../src/core/lint/rules/missing-schema-comment.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

const body = 'nodes:\n  a:\n    type: transform\n    expression: "1"\n';

testRule(rule, {
  valid: [
    `# yaml-language-server: $schema=../schemas/workflow.schema.json\n${wf(body)}`,
    `# Nightly report\n#yaml-language-server: $schema=${WORKFLOW_SCHEMA_URL}\n\n${wf(body)}`,
  ],
  invalid: [
    {
      name: 'adds the line at the top, keeping existing comments below it',
      code: `# Nightly report\n${wf(body)}`,
      errors: [{ line: 1, col: 1, message: /yaml-language-server/ }],
      output: `# yaml-language-server: $schema=${WORKFLOW_SCHEMA_URL}\n# Nightly report\n${wf(body)}`,
    },
    {
      name: 'a directive after the first content line does not count',
      code: `${wf(body)}# yaml-language-server: $schema=x.json\n`,
      errors: [{ line: 1 }],
    },
  ],
});

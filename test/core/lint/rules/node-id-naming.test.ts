import { rule } from '../../../../src/core/lint/rules/node-id-naming.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

/** A workflow whose nodes are transforms with these ids. */
const nodes = (...ids: string[]) =>
  wf(`nodes:\n${ids.map((id) => `  ${id}: {type: transform, value: 1}\n`).join('')}`);

testRule(rule, {
  valid: [
    nodes('fetch', 'parseBody', 'sendMail'),
    nodes('fetch', 'parse-body', 'send-mail'),
    nodes('fetch', 'parse', 'a1'),
    { name: 'a tie leaves the camelCase id alone', code: nodes('parseBody', 'fetch') },
  ],
  invalid: [
    {
      name: 'snake_case and a capital are always reported, with a camelCase suggestion',
      code: nodes('fetch_user', 'Parse', 'sendMail'),
      errors: [
        {
          line: 5,
          col: 3,
          message: 'node id "fetch_user" contains "_"; rename it to "fetchUser" and update its references',
        },
        { line: 6, col: 3, message: /^node id "Parse" starts with a capital letter; rename it to "parse"/ },
      ],
      output: null,
    },
    {
      name: 'the minority style is reported (kebab majority)',
      code: nodes('get-user', 'send-mail', 'parseBody'),
      errors: [
        {
          line: 7,
          col: 3,
          message:
            /^node id "parseBody" is not kebab-case like the other ids of this workflow; rename it to "parse-body"/,
        },
      ],
    },
    {
      name: 'a tie counts as camelCase',
      code: nodes('get-user', 'sendMail'),
      errors: [{ line: 5, col: 3, message: /"get-user" is not camelCase .*"getUser"/ }],
    },
    {
      name: 'snake_case in a kebab workflow gets a kebab suggestion',
      code: nodes('get-user', 'send_mail'),
      errors: [{ line: 6, col: 3, message: /"send_mail" contains "_"; rename it to "send-mail"/ }],
    },
  ],
});

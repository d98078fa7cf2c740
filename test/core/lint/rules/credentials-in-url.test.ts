import { rule } from '../../../../src/core/lint/rules/credentials-in-url.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

const http = (url: string) => wf(`nodes:\n  get:\n    type: http\n    url: ${url}\n`);

testRule(rule, {
  valid: [
    http('https://api.example.com/users/@me'),
    http("'https://example.com/?email=a@b.c'"),
    {
      name: 'an @ inside a template value is not userinfo',
      code: http('\'https://example.com/${{ "a@b" }}\''),
    },
  ],
  invalid: [
    {
      name: 'user and password: at the userinfo, pointing to auth',
      code: http('https://bob:hunter2@api.example.com/'),
      errors: [
        {
          line: 7,
          col: 18,
          message: /the url of http node "get" has credentials in it.*http\.invalid-url.*auth: \{basic:/,
        },
      ],
      output: null,
    },
    {
      name: 'credentials written with templates are refused too',
      code: http("'https://${{ secrets.USER }}:${{ secrets.PASS }}@api.example.com/'"),
      errors: [{ line: 7, col: 19 }],
    },
  ],
});

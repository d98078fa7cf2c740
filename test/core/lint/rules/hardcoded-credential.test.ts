import { rule } from '../../../../src/core/lint/rules/hardcoded-credential.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

const GH = `ghp_${'a1B2'.repeat(9)}`;
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig';

testRule(rule, {
  valid: [
    wf(
      "nodes:\n  get:\n    type: http\n    url: https://api.github.com/\n    headers:\n      Authorization: 'Bearer ${{ secrets.GITHUB_TOKEN }}'\n    auth:\n      basic: {username: bob, password: '${{ secrets.PASSWORD }}'}\n",
    ),
    {
      name: 'templates are never flagged',
      code: wf(
        `nodes:\n  l:\n    type: log\n    message: '\${{ "${GH}" = inputs.t }}'\ninputs:\n  t: {type: string, default: x}\n`,
      ),
    },
    {
      name: 'words that only look like prefixes',
      code: wf(
        'nodes:\n  l:\n    type: log\n    message: "ghp_ and sk_live_ are token prefixes; Bearer tokens go in auth"\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'a GitHub token in a header: at the token, without repeating it',
      code: wf(
        `nodes:\n  get:\n    type: http\n    url: https://api.github.com/\n    headers:\n      Authorization: token ${GH}\n`,
      ),
      errors: [
        {
          line: 9,
          col: 28,
          message:
            /^nodes\.get\.headers\.Authorization holds a GitHub token: .*\$\{\{ secrets\.GITHUB_TOKEN \}\}'$/,
        },
      ],
      output: null,
    },
    {
      name: 'AWS key id in exec env, JWT in an input default, Slack token in text around a template',
      code: wf(
        `inputs:\n  t: {type: string, default: "${JWT}"}\nnodes:\n  run:\n    type: exec\n    command: deploy\n    env:\n      AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE\n  l:\n    type: log\n    message: 'to \${{ inputs.t }} via xoxb-0123456789-abcdef'\n`,
      ),
      errors: [
        { line: 5, col: 31, message: /inputs\.t\.default holds a JWT/ },
        { line: 11, col: 26, message: /an AWS access key id/ },
        { line: 14, col: 38, message: /a Slack token/ },
      ],
    },
    {
      name: 'literal auth fields and a Bearer header',
      code: wf(
        'nodes:\n  get:\n    type: http\n    url: https://api.example.com/\n    headers:\n      Authorization: Bearer 0123456789abcdef\n    auth:\n      basic: {username: bob, password: hunter2}\n  put:\n    type: http\n    url: https://api.example.com/\n    auth:\n      bearer: not-from-a-secret\n',
      ),
      errors: [
        { line: 9, col: 29, message: /a literal Bearer token/ },
        {
          line: 11,
          col: 40,
          message: /nodes\.get\.auth\.basic\.password holds a literal password.*secrets\.API_PASSWORD/,
        },
        { line: 16, col: 15, message: /a literal bearer token/ },
      ],
    },
    {
      name: 'a private key block',
      code: wf(
        'nodes:\n  run:\n    type: exec\n    command: ssh-add\n    stdin: |\n      -----BEGIN OPENSSH PRIVATE KEY-----\n      b3BlbnNzaC1rZXktdjEAAAAA\n      -----END OPENSSH PRIVATE KEY-----\n',
      ),
      errors: [{ line: 9, col: 7, message: /a private key/ }],
    },
  ],
});

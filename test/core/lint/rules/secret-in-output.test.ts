import { rule } from '../../../../src/core/lint/rules/secret-in-output.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

const node = 'nodes:\n  l:\n    type: log\n    message: hi\n';

testRule(rule, {
  valid: [
    wf(`${node}outputs:\n  msg: \${{ nodes.l.output.message }}\n  fixed: 1\n`),
    {
      name: 'secrets used by nodes are fine',
      code: wf(
        "nodes:\n  get:\n    type: http\n    url: https://example.com\n    auth: {bearer: '${{ secrets.T }}'}\noutputs:\n  status: ${{ nodes.get.output.status }}\n",
      ),
    },
  ],
  invalid: [
    {
      name: 'an output that is a secret: at secrets.NAME',
      code: wf(`${node}outputs:\n  token: \${{ secrets.GITHUB_TOKEN }}\n`),
      errors: [
        { line: 9, col: 14, message: /^output "token" returns secrets\.GITHUB_TOKEN: outputs are printed/ },
      ],
      output: null,
    },
    {
      name: 'inside text and structures; secret inputs',
      code: wf(
        `inputs:\n  pw: {type: string, secret: true, default: x}\n${node}outputs:\n  conn:\n    url: 'postgres://app:\${{ inputs.pw }}@db/app'\n`,
      ),
      errors: [{ line: 12, col: 30, message: /output "conn" returns inputs\.pw/ }],
    },
  ],
});

import { rule } from '../../../../src/core/lint/rules/secret-in-log.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    wf(
      "nodes:\n  l:\n    type: log\n    message: 'token set: ${{ $exists(nodes.get.output) }}'\n  get:\n    type: http\n    url: https://example.com\n    auth: {bearer: '${{ secrets.TOKEN }}'}\n",
    ),
    {
      name: 'non-secret inputs may be logged',
      code: wf(
        'inputs:\n  who: {type: string, default: x}\nnodes:\n  l:\n    type: log\n    message: hello ${{ inputs.who }}\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'a secret in the message: at secrets.NAME',
      code: wf("nodes:\n  l:\n    type: log\n    message: 'using ${{ secrets.API_TOKEN }}'\n"),
      errors: [
        {
          line: 7,
          col: 25,
          message: /^log node "l" writes secrets\.API_TOKEN to the run log: do not log secrets/,
        },
      ],
      output: null,
    },
    {
      name: 'data, nested; secret inputs; $$ paths; the whole secrets object',
      code: wf(
        "inputs:\n  key: {type: string, secret: true, default: x}\nnodes:\n  l:\n    type: log\n    message: hi\n    data:\n      auth: {k: '${{ $$.inputs.key }}', all: '${{ $keys(secrets) }}'}\n",
      ),
      errors: [
        { line: 11, col: 25, message: /writes inputs\.key/ },
        { line: 11, col: 57, message: /writes secrets to/ },
      ],
    },
  ],
});

import { rule } from '../../../../src/core/lint/rules/unbounded-foreach.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

const INPUTS = 'inputs:\n  urls: {type: array}\n';

testRule(rule, {
  valid: [
    wf(
      `${INPUTS}nodes:\n  get:\n    type: http\n    foreach: \${{ inputs.urls }}\n    concurrency: 4\n    url: \${{ item }}\n`,
    ),
    wf(
      `${INPUTS}nodes:\n  get:\n    type: http\n    foreach: \${{ inputs.urls }}\n    concurrency: 32\n    url: \${{ item }}\n`,
    ),
    {
      name: 'pure nodes are not reported',
      code: wf(
        `${INPUTS}nodes:\n  t:\n    type: transform\n    foreach: \${{ inputs.urls }}\n    value: \${{ item }}\n`,
      ),
    },
    {
      name: 'a literal list of 4 items never has more in flight',
      code: wf(
        "nodes:\n  run:\n    type: exec\n    foreach: [a, b, c, d]\n    command: echo\n    args: ['${{ item }}']\n",
      ),
    },
  ],
  invalid: [
    {
      name: 'no concurrency: concurrency: 4 is inserted after foreach',
      code: wf(
        `${INPUTS}nodes:\n  get:\n    type: http\n    foreach: \${{ inputs.urls }}  # one per URL\n    url: \${{ item }}\n`,
      ),
      errors: [
        {
          line: 9,
          col: 5,
          message:
            'http node "get" runs foreach without concurrency, so limits.foreachConcurrency (8 by default) items run at once against the target; set "concurrency:" to what it can take (e.g. 4)',
        },
      ],
      output: wf(
        `${INPUTS}nodes:\n  get:\n    type: http\n    foreach: \${{ inputs.urls }}  # one per URL\n    concurrency: 4\n    url: \${{ item }}\n`,
      ),
    },
    {
      name: 'a block list under foreach: inserted after the list',
      code: wf(
        'nodes:\n  run:\n    type: workflow\n    foreach:\n      - a\n      - b\n      - c\n      - d\n      - e\n    file: child.yaml\n',
      ),
      errors: [{ line: 7, col: 5 }],
      output: wf(
        'nodes:\n  run:\n    type: workflow\n    foreach:\n      - a\n      - b\n      - c\n      - d\n      - e\n    concurrency: 4\n    file: child.yaml\n',
      ),
    },
    {
      name: 'a list at the key indentation is reported without a fix',
      code: wf(
        'nodes:\n  run:\n    type: exec\n    command: echo\n    foreach:\n    - a\n    - b\n    - c\n    - d\n    - e\n',
      ),
      errors: [{ line: 8 }],
      output: null,
    },
    {
      name: 'flow-style nodes are reported without a fix',
      code: wf(`${INPUTS}nodes:\n  get: {type: http, foreach: '\${{ inputs.urls }}', url: '\${{ item }}'}\n`),
      errors: [{ line: 7, col: 21 }],
      output: null,
    },
    {
      name: 'concurrency over 32',
      code: wf(
        `${INPUTS}nodes:\n  get:\n    type: http\n    foreach: \${{ inputs.urls }}\n    concurrency: 100\n    url: \${{ item }}\n`,
      ),
      errors: [
        { line: 10, col: 18, message: /^http node "get" runs 100 foreach items at once \(more than 32\)/ },
      ],
      output: null,
    },
  ],
});

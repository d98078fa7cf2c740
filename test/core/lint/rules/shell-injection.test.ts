import { rule } from '../../../../src/core/lint/rules/shell-injection.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

const inputs = 'inputs:\n  word: {type: string, default: x}\n';

testRule(rule, {
  valid: [
    {
      name: 'values passed as args',
      code: wf(
        `${inputs}nodes:\n  s:\n    type: exec\n    shell: true\n    command: 'printf "%s" "$1"'\n    args: ['\${{ inputs.word }}']\n`,
      ),
    },
    {
      name: 'no shell: templates in command are one argv entry',
      code: wf(`${inputs}nodes:\n  s:\n    type: exec\n    command: '\${{ inputs.word }}'\n`),
    },
    {
      name: 'constant templates cannot inject',
      code: wf('nodes:\n  s:\n    type: exec\n    shell: true\n    command: "sleep ${{ 2 }}"\n'),
    },
    {
      name: 'sh -c with the value as a positional argument',
      code: wf(
        `${inputs}nodes:\n  s:\n    type: exec\n    command: sh\n    args: ['-c', 'echo "$1"', sh, '\${{ inputs.word }}']\n`,
      ),
    },
  ],
  invalid: [
    {
      name: 'shell: true with a template in the script: at the template',
      code: wf(
        `${inputs}nodes:\n  s:\n    type: exec\n    shell: true\n    command: 'echo \${{ inputs.word }} | tr a-z A-Z'\n`,
      ),
      errors: [
        {
          line: 10,
          col: 20,
          message:
            /exec node "s" splices \$\{\{ inputs\.word \}\} into its shell: true command.*pass it in args and refer to it as "\$1"/,
        },
      ],
      output: null,
    },
    {
      name: 'every template of the script, and the -c script of an explicit shell',
      code: wf(
        `${inputs}nodes:\n  a:\n    type: exec\n    shell: true\n    command: \${{ inputs.word }} && \${{ secrets.CMD }}\n  b:\n    type: exec\n    command: bash\n    args: ['-c', 'rm -rf \${{ inputs.word }}']\n`,
      ),
      errors: [
        { line: 10, col: 14 },
        { line: 10, col: 36 },
        { line: 14, col: 26, message: /the script it passes to bash -c/ },
      ],
    },
  ],
});

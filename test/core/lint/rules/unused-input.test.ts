import { rule } from '../../../../src/core/lint/rules/unused-input.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

const INPUTS = 'inputs:\n  used: {type: string}\n  other: {type: number}\n';

testRule(rule, {
  valid: [
    wf(
      `${INPUTS}nodes:\n  a:\n    type: log\n    message: \${{ inputs.used }}\n    when: \${{ inputs.other > 1 }}\n`,
    ),
    {
      name: 'read in a raw expression and an output',
      code: wf(
        `${INPUTS}nodes:\n  a:\n    type: transform\n    expression: inputs.used\noutputs:\n  o: \${{ inputs.other }}\n`,
      ),
    },
    {
      name: 'read in foreach',
      code: wf(
        `${INPUTS}nodes:\n  a:\n    type: transform\n    foreach: \${{ [inputs.used, inputs.other] }}\n    value: \${{ item }}\n`,
      ),
    },
    {
      name: 'inputs read as a whole: any may be used',
      code: wf(`${INPUTS}nodes:\n  a:\n    type: transform\n    expression: $lookup(inputs, "used")\n`),
    },
    { name: 'no inputs', code: wf('nodes:\n  a: {type: transform, value: 1}\n') },
  ],
  invalid: [
    {
      name: 'an input nothing reads, at its key',
      code: wf(
        `${INPUTS}nodes:\n  a:\n    type: log\n    message: '\${{ inputs.used }} and \${{ $$.inputs.used }}'\n`,
      ),
      errors: [
        {
          line: 6,
          col: 3,
          message:
            'input "other" is declared but never read; remove it, or use it (e.g. ${{ inputs.other }})',
        },
      ],
      output: null,
    },
    {
      name: 'a name inside a text is not a read',
      code: wf(`${INPUTS}nodes:\n  a:\n    type: log\n    message: inputs.used and inputs.other\n`),
      errors: [
        { line: 5, col: 3 },
        { line: 6, col: 3 },
      ],
    },
  ],
});

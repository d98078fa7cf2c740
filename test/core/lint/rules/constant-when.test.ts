import { rule } from '../../../../src/core/lint/rules/constant-when.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

const when = (w: string) =>
  wf(`inputs:\n  env: {type: string}\nnodes:\n  say:\n    type: log\n    when: ${w}\n    message: hi\n`);

testRule(rule, {
  valid: [
    when("${{ inputs.env = 'prod' }}"),
    when('${{ $now() > "2030" }}'),
    when('${{ $random() < 0.5 }}'),
    when('${{ run.attempt > 1 }}'),
    { name: 'no when at all', code: wf('nodes:\n  say: {type: log, message: hi}\n') },
  ],
  invalid: [
    {
      name: 'literal true: the when line is removed',
      code: when('true  # for now'),
      errors: [
        {
          line: 9,
          col: 11,
          message: 'when of node "say" is always true, so the node always runs; remove it',
        },
      ],
      output: wf('inputs:\n  env: {type: string}\nnodes:\n  say:\n    type: log\n    message: hi\n'),
    },
    {
      name: 'a constant template that is true',
      code: when('${{ 1 = 1 }}'),
      errors: [{ line: 9, col: 11, message: /always true/ }],
      output: wf('inputs:\n  env: {type: string}\nnodes:\n  say:\n    type: log\n    message: hi\n'),
    },
    {
      name: 'a quoted "false" is a truthy string',
      code: when('"false"'),
      errors: [
        {
          line: 9,
          message:
            /always true \(the string "false" is truthy\), so the node always runs; remove it, or write a \$\{\{ \}\} condition/,
        },
      ],
    },
    {
      name: 'always false: no fix, the message says the node never runs',
      code: when("${{ false and inputs.env = 'prod' or 2 < 1 }}".replace(" and inputs.env = 'prod'", '')),
      errors: [
        {
          line: 9,
          col: 11,
          message:
            'when of node "say" is always false, so the node never runs and the nodes that depend on it are skipped; remove the node, or make the condition depend on inputs or nodes',
        },
      ],
      output: null,
    },
    {
      name: 'constant but not computed here',
      code: when('${{ $string(1) }}'),
      errors: [
        { line: 9, message: /^when of node "say" reads no inputs or nodes, so it is the same on every run/ },
      ],
      output: null,
    },
    {
      name: 'flow-style node: reported without a fix',
      code: wf('nodes:\n  say: {type: log, when: true, message: hi}\n'),
      errors: [{ line: 5, col: 26 }],
      output: null,
    },
  ],
});

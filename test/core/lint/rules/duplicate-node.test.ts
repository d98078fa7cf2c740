import { rule } from '../../../../src/core/lint/rules/duplicate-node.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    wf('nodes:\n  a: {type: transform, value: {x: 1}}\n  b: {type: transform, value: {x: 2}}\n'),
    {
      name: 'same options but a different when',
      code: wf('nodes:\n  a: {type: transform, value: 1}\n  b: {type: transform, value: 1, when: false}\n'),
    },
    {
      name: 'same options but another type',
      code: wf(
        'nodes:\n  a: {type: format, value: 1, format: json}\n  b: {type: parse, input: "1", format: json}\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'key order does not matter; each duplicate after the first is reported',
      code: wf(
        'nodes:\n  a: {type: transform, value: {x: 1, y: [1, 2]}}\n  b: {type: transform, value: {y: [1, 2], x: 1}}\n  c:\n    type: transform\n    value: {x: 1, y: [1, 2]}\n',
      ),
      errors: [
        {
          line: 6,
          col: 3,
          message:
            'node "b" repeats node "a" (same type, options, when and foreach); read nodes.a.output instead, or let "thaiyyal optimize" merge them (common-subexpression elimination)',
        },
        { line: 7, col: 3, message: /^node "c" repeats node "a"/ },
      ],
      output: null,
    },
    {
      name: 'nodes with effects: the message says the effect happens twice',
      code: wf('nodes:\n  say-hi: {type: log, message: hi}\n  again: {type: log, message: hi}\n'),
      errors: [
        { line: 6, col: 3, message: /^node "again" repeats node "say-hi" .*repeated log call.*never merges/ },
      ],
    },
    {
      name: 'ids with a dash are quoted with backticks in the advice',
      code: wf(
        'nodes:\n  sum-a: {type: transform, expression: "1 + 1"}\n  sum-b: {type: transform, expression: "1 + 1"}\n',
      ),
      errors: [{ line: 6, message: /read nodes\.`sum-a`\.output instead/ }],
    },
  ],
});

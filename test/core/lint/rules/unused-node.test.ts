import { rule } from '../../../../src/core/lint/rules/unused-node.js';
import { testRule, wf } from '../../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    wf('nodes:\n  a: {type: transform, value: 1}\n  b:\n    type: log\n    message: ${{ nodes.a.output }}\n'),
    {
      name: 'read by an output',
      code: wf('nodes:\n  a: {type: transform, value: 1}\noutputs:\n  o: ${{ nodes.a.output }}\n'),
    },
    {
      name: 'needed by another node',
      code: wf('nodes:\n  wait: {type: delay, duration: 1}\n  b: {type: log, message: hi, needs: wait}\n'),
    },
    {
      name: 'nodes with effects are never unused',
      code: wf('nodes:\n  say: {type: log, message: hi}\n  stop: {type: fail, message: no, when: false}\n'),
    },
    {
      name: 'a dynamic read may read any node',
      code: wf(
        'nodes:\n  a: {type: transform, value: 1}\n  b: {type: log, message: "${{ $keys(nodes) }}"}\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'the unused block is deleted; comments around it stay',
      code: wf(
        'nodes:\n  # the answer\n  a:\n    type: transform\n    # computed\n    value: 42\n\n  # say it\n  b:\n    type: log\n    message: hi\n',
      ),
      errors: [
        {
          line: 6,
          col: 3,
          message:
            'transform node "a" is not used: no node depends on it and no output reads it; remove it, or read its output where it is needed',
        },
      ],
      output: wf('nodes:\n  # the answer\n\n  # say it\n  b:\n    type: log\n    message: hi\n'),
    },
    {
      name: 'several, one-line entries; the last node is kept',
      code: wf(
        'nodes:\n  a: {type: transform, value: 1}\n  b: {type: map, items: [1], expression: $item}\n  c: {type: log, message: hi}\n',
      ),
      errors: [
        { line: 5, col: 3 },
        { line: 6, col: 3, message: /^map node "b"/ },
      ],
      output: wf('nodes:\n  c: {type: log, message: hi}\n'),
    },
    {
      name: 'a node reading itself is not a use; no fix when every node would go',
      code: wf('nodes:\n  only: {type: transform, value: 1}\n'),
      errors: [{ line: 5, col: 3 }],
      output: null,
    },
    {
      name: 'flow-style nodes map: reported without a fix',
      code: wf('nodes: {a: {type: transform, value: 1}, b: {type: log, message: hi}}\n'),
      errors: [{ line: 4, col: 9 }],
      output: null,
    },
  ],
});

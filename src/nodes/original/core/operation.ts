/** `original/operation`: the original `operation` node — arithmetic on inputs[0] and inputs[1]. */
import { defineOriginal, inputsOf, originalFailure } from '../shared/node.js';

export const operation = defineOriginal<{ op: string }>({
  name: 'operation',
  summary: 'Original engine: inputs[0] add|subtract|multiply|divide inputs[1] (both numbers).',
  category: 'data',
  effects: 'pure',
  properties: {
    op: {
      type: 'string',
      description: 'add, subtract, multiply or divide (anything else fails at run time, as in the original).',
    },
  },
  required: ['op'],
  example: `sum:
  type: original/operation
  op: add
  inputs: ['\${{ nodes.a.output }}', '\${{ nodes.b.output }}']
`,
  execute(options) {
    if (typeof options.op !== 'string') throw originalFailure('missing-op', 'operation node missing op');
    const inputs = inputsOf(options);
    if (inputs.length < 2)
      throw originalFailure('no-input', `operation needs 2 inputs, got ${inputs.length}`);
    const [left, right] = inputs;
    if (typeof left !== 'number' || typeof right !== 'number')
      throw originalFailure('not-number', 'operation inputs must be numbers');
    switch (options.op) {
      case 'add':
        return Promise.resolve(left + right);
      case 'subtract':
        return Promise.resolve(left - right);
      case 'multiply':
        return Promise.resolve(left * right);
      case 'divide':
        if (right === 0) throw originalFailure('division-by-zero', 'division by zero');
        return Promise.resolve(left / right);
      default:
        throw originalFailure('unknown-op', `unknown operation: ${options.op}`);
    }
  },
});

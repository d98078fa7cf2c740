/** `original/join`: the original `join` node — combines its inputs: all, any or first. */
import { defineOriginal, inputsOf, originalFailure } from '../shared/node.js';

export const join = defineOriginal<{ join_strategy?: string }>({
  name: 'join',
  summary: 'Original engine: all → {strategy, values, count}; any/first → {strategy, value[, count]}.',
  category: 'control',
  effects: 'pure',
  properties: {
    join_strategy: { enum: ['all', 'any', 'first'], description: 'Default all.' },
  },
  example: `merged:
  type: original/join
  join_strategy: all
  inputs: [a, b]
`,
  execute(options) {
    const inputs = inputsOf(options);
    const strategy = options.join_strategy ?? 'all';
    switch (strategy) {
      case 'all':
        if (inputs.length === 0) {
          throw originalFailure('no-input', "join node with 'all' strategy requires at least one input");
        }
        return Promise.resolve({ strategy: 'all', values: [...inputs], count: inputs.length });
      case 'any':
        if (inputs.length === 0)
          throw originalFailure('no-input', "join node with 'any' strategy has no inputs");
        return Promise.resolve({ strategy: 'any', value: inputs[0], count: inputs.length });
      case 'first':
        if (inputs.length === 0)
          throw originalFailure('no-input', "join node with 'first' strategy has no inputs");
        return Promise.resolve({ strategy: 'first', value: inputs[0] });
      default:
        throw originalFailure(
          'invalid-strategy',
          `unsupported join strategy: ${strategy} (use all, any, or first)`,
        );
    }
  },
});

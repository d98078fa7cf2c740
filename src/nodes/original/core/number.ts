/** `original/number`: the original `number` node — outputs its `value`. */
import { defineOriginal, originalFailure } from '../shared/node.js';

export const number = defineOriginal<{ value: number }>({
  name: 'number',
  summary: 'Original engine: outputs the number `value` (float64).',
  category: 'data',
  effects: 'pure',
  properties: { value: { type: 'number', description: 'The number to output.' } },
  required: ['value'],
  example: `n1:
  type: original/number
  value: 10
`,
  execute(options) {
    if (typeof options.value !== 'number')
      throw originalFailure('missing-value', 'number node missing value');
    return Promise.resolve(options.value);
  },
});

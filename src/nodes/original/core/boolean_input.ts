/** `original/boolean_input`: the original `boolean_input` node — outputs its `boolean_value`. */
import { defineOriginal } from '../shared/node.js';

export const booleanInput = defineOriginal<{ boolean_value: boolean }>({
  name: 'boolean_input',
  summary: 'Original engine: outputs the boolean `boolean_value`.',
  category: 'data',
  effects: 'pure',
  properties: { boolean_value: { type: 'boolean', description: 'The boolean to output.' } },
  required: ['boolean_value'],
  example: `enabled:
  type: original/boolean_input
  boolean_value: true
`,
  execute(options) {
    // The original falls back to false when the value is unset.
    return Promise.resolve(options.boolean_value === true);
  },
});

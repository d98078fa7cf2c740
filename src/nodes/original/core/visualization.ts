/** `original/visualization`: the original `visualization` node — passes inputs[0] through. */
import { defineOriginal, firstInput } from '../shared/node.js';

export const visualization = defineOriginal<{ mode?: string }>({
  name: 'visualization',
  summary: 'Original engine: passes its input through (the original UI drew it); fails without input.',
  category: 'data',
  effects: 'pure',
  properties: {
    mode: {
      type: 'string',
      description: 'How the original UI showed the value (table, chart, json, text…); no effect here.',
    },
  },
  example: `show:
  type: original/visualization
  mode: table
  inputs: ['\${{ nodes.n1.output }}']
`,
  execute(options) {
    return Promise.resolve(firstInput(options, 'visualization') ?? null);
  },
});

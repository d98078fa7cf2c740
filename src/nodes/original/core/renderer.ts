/** `original/renderer`: the original `renderer` node — passes inputs[0] through, null without input. */
import { defineOriginal, inputsOf } from '../shared/node.js';

export const renderer = defineOriginal<{ mode?: string }>({
  name: 'renderer',
  summary: 'Original engine: passes its input through (the original UI rendered it); null without input.',
  category: 'data',
  effects: 'pure',
  properties: {
    mode: { type: 'string', description: 'How the original UI rendered the value; no effect here.' },
  },
  example: `render:
  type: original/renderer
  inputs: ['\${{ nodes.n1.output }}']
`,
  execute(options) {
    return Promise.resolve(inputsOf(options)[0] ?? null);
  },
});

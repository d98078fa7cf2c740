/** `original/reverse`: the original `reverse` node — the array in reverse order. */
import { notArrayResult } from '../shared/arrays.js';
import { defineOriginal, firstInput } from '../shared/node.js';

export const reverse = defineOriginal<Record<string, never>>({
  name: 'reverse',
  summary: 'Original engine: reverses an array → {reversed, count}.',
  category: 'data',
  effects: 'pure',
  properties: {},
  example: `backwards:
  type: original/reverse
  inputs: ['\${{ nodes.items.output }}']
`,
  execute(options) {
    const input = firstInput(options, 'reverse');
    if (!Array.isArray(input)) return Promise.resolve(notArrayResult(input));
    const reversed = [...(input as unknown[])].reverse();
    return Promise.resolve({ reversed, count: reversed.length });
  },
});

/** `original/chunk`: the original `chunk` node — splits an array into chunks of `size`. */
import { notArrayResult } from '../shared/arrays.js';
import { asNumber, goInt } from '../shared/go.js';
import { defineOriginal, firstInput, originalFailure } from '../shared/node.js';

export const chunk = defineOriginal<{ size: unknown }>({
  name: 'chunk',
  summary:
    'Original engine: splits an array into chunks of `size` → {chunks, input_count, chunk_count, chunk_size}.',
  category: 'data',
  effects: 'pure',
  properties: {
    size: { description: 'Items per chunk, > 0 (10 when not a number).' },
  },
  required: ['size'],
  example: `pages:
  type: original/chunk
  size: 2
  inputs: ['\${{ nodes.items.output }}']
`,
  execute(options) {
    const input = firstInput(options, 'chunk');
    if (!Array.isArray(input)) return Promise.resolve(notArrayResult(input));
    const arr: unknown[] = input;
    const n = asNumber(options.size);
    const size = n === undefined ? 10 : goInt(n);
    if (size <= 0) throw originalFailure('invalid-size', `chunk size must be greater than 0, got ${size}`);
    const chunks: unknown[][] = [];
    for (let i = 0; i < arr.length; i += size) chunks.push(arr.slice(i, i + size));
    return Promise.resolve({ chunks, input_count: arr.length, chunk_count: chunks.length, chunk_size: size });
  },
});

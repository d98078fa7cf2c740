/** `original/slice`: the original `slice` node — a part of an array by start/end or length. */
import { notArrayResult } from '../shared/arrays.js';
import { asNumber, goInt } from '../shared/go.js';
import { defineOriginal, firstInput } from '../shared/node.js';

interface SliceOptions {
  start?: unknown;
  end?: unknown;
  length?: unknown;
}

const clamp = (i: number, len: number) => Math.min(Math.max(i < 0 ? len + i : i, 0), len);

export const slice = defineOriginal<SliceOptions>({
  name: 'slice',
  summary:
    'Original engine: a part of an array (start, end or length; negatives count from the end) → {sliced, …}.',
  category: 'data',
  effects: 'pure',
  properties: {
    start: {
      description:
        'First index (default 0; negative counts from the end; clamped). Non-numbers mean the default.',
    },
    end: { description: 'Index after the last (default: the end; negative counts from the end; clamped).' },
    length: { description: 'How many items from start, when end is not a number.' },
  },
  example: `firstTwo:
  type: original/slice
  start: 0
  length: 2
  inputs: ['\${{ nodes.items.output }}']
`,
  execute(options) {
    const input = firstInput(options, 'slice');
    if (!Array.isArray(input)) return Promise.resolve(notArrayResult(input));
    const arr: unknown[] = input;
    const len = arr.length;
    const startN = asNumber(options.start);
    const start0 = clamp(startN === undefined ? 0 : goInt(startN), len);
    const endN = asNumber(options.end);
    const lengthN = asNumber(options.length);
    let end: number;
    if (endN !== undefined) end = clamp(goInt(endN), len);
    else if (lengthN !== undefined) end = clamp(start0 + goInt(lengthN), len);
    else end = len;
    const start = Math.min(start0, end);
    const sliced = arr.slice(start, end);
    return Promise.resolve({ sliced, input_count: len, output_count: sliced.length, start, end });
  },
});

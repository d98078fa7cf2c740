/**
 * `original/zip`: the original `zip` node — inputs[0] (when an array) and the literal
 * `arrays`, combined element-wise, shorter ones padded with `fill_missing`.
 */
import { defineOriginal, inputsOf, originalFailure } from '../shared/node.js';

interface ZipOptions {
  arrays?: unknown;
  fill_missing?: unknown;
  remove_empty?: unknown;
}

export const zip = defineOriginal<ZipOptions>({
  name: 'zip',
  summary:
    'Original engine: combines arrays element-wise, padding with fill_missing → {zipped, array_count, tuple_count, max_length}.',
  category: 'data',
  effects: 'pure',
  properties: {
    arrays: { description: 'More arrays to zip after inputs[0] (entries that are not arrays are ignored).' },
    fill_missing: { description: 'Pads the shorter arrays (default null).' },
    remove_empty: { description: 'Unused by the original engine; accepted.' },
  },
  example: `pairs:
  type: original/zip
  arrays: [[a, b, c]]
  inputs: ['\${{ nodes.numbers.output }}']
`,
  execute(options) {
    const arrays: unknown[][] = [];
    const first = inputsOf(options)[0];
    if (Array.isArray(first)) arrays.push(first as unknown[]);
    if (Array.isArray(options.arrays)) {
      for (const a of options.arrays as unknown[]) if (Array.isArray(a)) arrays.push(a as unknown[]);
    }
    if (arrays.length === 0) throw originalFailure('no-array', 'zip node requires at least one array');
    const fill = options.fill_missing ?? null;
    const maxLength = Math.max(...arrays.map((a) => a.length));
    const zipped: unknown[][] = [];
    for (let i = 0; i < maxLength; i++)
      zipped.push(arrays.map((a) => (i < a.length ? (a[i] ?? null) : fill)));
    return Promise.resolve({
      zipped,
      array_count: arrays.length,
      tuple_count: zipped.length,
      max_length: maxLength,
    });
  },
});

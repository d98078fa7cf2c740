/** `original/compact`: the original `compact` node — drops nulls (and "" with remove_empty). */
import { notArrayResult } from '../shared/arrays.js';
import { defineOriginal, firstInput } from '../shared/node.js';

export const compact = defineOriginal<{ remove_empty?: boolean }>({
  name: 'compact',
  summary:
    'Original engine: removes null (and, with remove_empty, "") items → {compacted, input_count, output_count, removed}.',
  category: 'data',
  effects: 'pure',
  properties: {
    remove_empty: { type: 'boolean', default: false, description: 'Also remove empty strings.' },
  },
  example: `clean:
  type: original/compact
  remove_empty: true
  inputs: ['\${{ nodes.values.output }}']
`,
  execute(options) {
    const input = firstInput(options, 'compact');
    if (!Array.isArray(input)) return Promise.resolve(notArrayResult(input));
    const arr: unknown[] = input;
    const removeEmpty = options.remove_empty === true;
    const compacted = arr.filter(
      (item) =>
        !(
          item === null ||
          item === undefined ||
          (typeof item === 'number' && Number.isNaN(item)) ||
          (removeEmpty && item === '')
        ),
    );
    return Promise.resolve({
      compacted,
      input_count: arr.length,
      output_count: compacted.length,
      removed: arr.length - compacted.length,
    });
  },
});

/** `original/unique`: the original `unique` node — keeps the first item of each `%v` key. */
import { notArrayResult } from '../shared/arrays.js';
import { goString, isMap } from '../shared/go.js';
import { defineOriginal, firstInput } from '../shared/node.js';

export const unique = defineOriginal<{ field?: string }>({
  name: 'unique',
  summary:
    'Original engine: removes duplicates (by value or a field, compared as `%v`) → {unique, input_count, output_count, removed}.',
  category: 'data',
  effects: 'pure',
  properties: {
    field: {
      type: 'string',
      default: '',
      description: 'Compare objects by this field; objects without it are always kept.',
    },
  },
  example: `distinct:
  type: original/unique
  inputs: ['\${{ nodes.tags.output }}']
`,
  execute(options) {
    const input = firstInput(options, 'unique');
    if (!Array.isArray(input)) return Promise.resolve(notArrayResult(input));
    const arr: unknown[] = input;
    const field = options.field ?? '';
    const seen = new Set<string>();
    const kept: unknown[] = [];
    for (const item of arr) {
      let key: string | undefined;
      if (field !== '' && isMap(item)) key = Object.hasOwn(item, field) ? goString(item[field]) : undefined;
      else key = goString(item);
      // An object missing the field is unique (the original keyed it by its pointer).
      if (key !== undefined) {
        if (seen.has(key)) continue;
        seen.add(key);
      }
      kept.push(item ?? null);
    }
    return Promise.resolve({
      unique: kept,
      input_count: arr.length,
      output_count: kept.length,
      removed: arr.length - kept.length,
    });
  },
});

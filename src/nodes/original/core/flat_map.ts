/** `original/flat_map`: the original `flat_map` node — flattens one level, or each object's `field`. */
import { notArrayResult } from '../shared/arrays.js';
import { isMap } from '../shared/go.js';
import { defineOriginal, firstInput } from '../shared/node.js';

export const flatMap = defineOriginal<{ field?: string }>({
  name: 'flat_map',
  summary:
    "Original engine: flattens an array one level (or each object's field) → {flattened, input_count, output_count, field}.",
  category: 'data',
  effects: 'pure',
  properties: {
    field: {
      type: 'string',
      default: '',
      description:
        'Flatten this field of each object (objects without it and non-objects are skipped); "" or "." flattens the items.',
    },
  },
  example: `tags:
  type: original/flat_map
  field: tags
  inputs: ['\${{ nodes.posts.output }}']
`,
  execute(options) {
    const input = firstInput(options, 'flat_map');
    if (!Array.isArray(input)) return Promise.resolve(notArrayResult(input));
    const field = options.field ?? '';
    const flattened: unknown[] = [];
    for (const item of input as unknown[]) {
      if (field !== '' && field !== '.') {
        if (!isMap(item) || !Object.hasOwn(item, field)) continue;
        const v = item[field];
        if (Array.isArray(v)) flattened.push(...(v as unknown[]));
        else flattened.push(v ?? null);
      } else if (Array.isArray(item)) flattened.push(...(item as unknown[]));
      else flattened.push(item ?? null);
    }
    return Promise.resolve({
      flattened,
      input_count: (input as unknown[]).length,
      output_count: flattened.length,
      field,
    });
  },
});

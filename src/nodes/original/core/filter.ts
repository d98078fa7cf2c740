/**
 * `original/filter`: the original `filter` node — keeps the items for which `condition`
 * holds, with `item` and `index` bound.
 */
import { unwrapArray } from '../shared/arrays.js';
import { evalBool } from '../shared/expr.js';
import { goTypeName } from '../shared/go.js';
import { defineOriginal, firstInput, originalFailure } from '../shared/node.js';

export const filter = defineOriginal<{ condition: string }>({
  name: 'filter',
  summary:
    'Original engine: keeps the array items for which an original expression holds → {filtered, input_count, output_count, …}.',
  category: 'data',
  effects: 'pure',
  properties: {
    condition: {
      type: 'string',
      minLength: 1,
      description:
        'An expression of the original language per item (item, index bound), e.g. "item.age >= 18".',
    },
  },
  required: ['condition'],
  example: `adults:
  type: original/filter
  condition: item.age >= 18
  inputs: ['\${{ nodes.people.output }}']
`,
  execute(options, ctx) {
    if (typeof options.condition !== 'string' || options.condition === '')
      throw originalFailure('missing-condition', 'filter node missing condition expression');
    const input = firstInput(options, 'filter');
    const items = unwrapArray(input);
    if (!items) {
      return Promise.resolve({
        input: input ?? null,
        filtered: input ?? null,
        is_array: false,
        warning: 'input is not an array, passed through unchanged',
        original_type: goTypeName(input),
      });
    }
    const filtered: unknown[] = [];
    let skipped = 0;
    let errors = 0;
    items.forEach((item, index) => {
      let met: boolean;
      try {
        met = evalBool(options.condition, ctx, options, item, { item, index });
      } catch {
        errors++;
        skipped++;
        return;
      }
      if (met) filtered.push(item);
      else skipped++;
    });
    return Promise.resolve({
      filtered,
      input_count: items.length,
      output_count: filtered.length,
      skipped_count: skipped,
      error_count: errors,
      condition: options.condition,
      is_array: true,
    });
  },
});

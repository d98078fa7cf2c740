/**
 * `original/map`: the original `map` node — each item through `expression` (item, index,
 * items bound) or its `field`; a failed item becomes null.
 */
import { evalValue } from '../shared/expr.js';
import { goTypeName, isMap } from '../shared/go.js';
import { defineOriginal, firstInput, originalFailure } from '../shared/node.js';

interface MapOptions {
  expression?: string;
  field?: string;
}

export const map = defineOriginal<MapOptions>({
  name: 'map',
  summary:
    'Original engine: maps each array item through an original expression or a field → {results, input_count, output_count, successful, failed}.',
  category: 'data',
  effects: 'pure',
  properties: {
    expression: {
      type: 'string',
      description:
        'An expression of the original language per item (item, index, items bound), e.g. "item * 2".',
    },
    field: { type: 'string', description: 'Take this field of each item instead (wins over expression).' },
  },
  example: `doubled:
  type: original/map
  expression: item * 2
  inputs: ['\${{ nodes.numbers.output }}']
`,
  execute(options, ctx) {
    const input = firstInput(options, 'map');
    if (!Array.isArray(input))
      throw originalFailure('not-array', `map node requires array input, got ${goTypeName(input)}`);
    const items: unknown[] = input;
    const field = typeof options.field === 'string' && options.field !== '' ? options.field : undefined;
    const expression =
      typeof options.expression === 'string' && options.expression !== '' ? options.expression : undefined;
    if (field === undefined && expression === undefined) {
      return Promise.resolve({
        results: items,
        input_count: items.length,
        output_count: items.length,
        warning: 'no transformation specified',
      });
    }
    const results: unknown[] = [];
    let successful = 0;
    let failed = 0;
    items.forEach((item, index) => {
      try {
        let value: unknown;
        if (field !== undefined) {
          if (!isMap(item) || !Object.hasOwn(item, field)) throw new Error('field missing');
          value = item[field];
        } else {
          value = evalValue(expression as string, ctx, options, item, { item, index, items });
        }
        results.push(value ?? null);
        successful++;
      } catch {
        results.push(null);
        failed++;
      }
    });
    return Promise.resolve({
      results,
      input_count: items.length,
      output_count: results.length,
      successful,
      failed,
    });
  },
});

/** `original/find`: the original `find` node — the first item for which `condition` holds. */
import { notArrayResult } from '../shared/arrays.js';
import { evalBool } from '../shared/expr.js';
import { defineOriginal, firstInput, originalFailure } from '../shared/node.js';

export const find = defineOriginal<{ condition: string; return_index?: boolean }>({
  name: 'find',
  summary:
    'Original engine: the first array item for which an original expression holds → {found[, index], condition}.',
  category: 'data',
  effects: 'pure',
  properties: {
    condition: {
      type: 'string',
      minLength: 1,
      description:
        'An expression of the original language per item (item, index, items bound), e.g. "item.id == 3".',
    },
    return_index: {
      type: 'boolean',
      default: false,
      description: 'Also output the index of the found item.',
    },
  },
  required: ['condition'],
  example: `firstAdult:
  type: original/find
  condition: item.age >= 18
  return_index: true
  inputs: ['\${{ nodes.people.output }}']
`,
  execute(options, ctx) {
    const input = firstInput(options, 'find');
    if (!Array.isArray(input)) return Promise.resolve(notArrayResult(input));
    const items: unknown[] = input;
    const condition = options.condition ?? '';
    if (condition === '')
      throw originalFailure('missing-condition', "find node missing required 'condition' string");
    for (const [index, item] of items.entries()) {
      let met = false;
      try {
        met = evalBool(condition, ctx, options, item, { item, index, items });
      } catch {
        continue;
      }
      if (met) {
        return Promise.resolve(
          options.return_index === true
            ? { found: item ?? null, index, condition }
            : { found: item ?? null, condition },
        );
      }
    }
    return Promise.resolve({ found: null, not_found: true, condition, input_count: items.length });
  },
});

/**
 * `filter`: keeps the items of an array for which a raw JSONata predicate is truthy.
 */
import { requireArray, truthy } from './shared/values.js';
import type { NodeType } from './types.js';

/** Options of `filter` (`predicate` stays raw JSONata text; the node evaluates it). */
export interface FilterOptions {
  items: unknown;
  predicate: string;
}

/**
 * The `filter` node type.
 * @example
 * inStock:
 *   type: filter
 *   items: ${{ nodes.fetch.output.body }}
 *   predicate: $item.stock > 0
 */
export const filter: NodeType<FilterOptions> = {
  type: 'filter',
  summary: 'Keeps the items of an array for which a JSONata predicate is truthy ($item, $index).',
  category: 'data',
  effects: 'pure',
  optionsSchema: {
    type: 'object',
    properties: {
      items: { type: 'array', description: 'The array to filter, usually ${{ … }}.' },
      predicate: {
        type: 'string',
        minLength: 1,
        description:
          'Raw JSONata (no ${{ }}) evaluated per item with $item and $index bound; items where it is truthy (JSONata $boolean) are kept.',
      },
    },
    required: ['items', 'predicate'],
    additionalProperties: false,
  },
  expressionOptions: ['predicate'],
  example: `evens:
  type: filter
  items: [1, 2, 3, 4]
  predicate: $item % 2 = 0
`,
  async execute(options, ctx) {
    const items = requireArray('filter', 'items', options.items);
    const kept: unknown[] = [];
    for (let index = 0; index < items.length; index++) {
      ctx.signal.throwIfAborted();
      const item = items[index];
      if (await truthy(await ctx.evaluate('predicate', { item, index }))) kept.push(item);
    }
    return kept;
  },
};

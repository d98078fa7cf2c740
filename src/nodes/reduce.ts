/**
 * `reduce`: folds an array into one value with a raw JSONata expression, `$acc` carrying
 * the result so far.
 */
import { requireArray } from './shared/values.js';
import type { NodeType } from './types.js';

/** Options of `reduce` (`expression` stays raw JSONata text; the node evaluates it). */
export interface ReduceOptions {
  items: unknown;
  expression: string;
  initial?: unknown;
}

/**
 * The `reduce` node type.
 * @example
 * byId:
 *   type: reduce
 *   items: ${{ nodes.fetch.output.body }}
 *   initial: {}
 *   expression: $merge([$acc, {$item.id: $item}])
 */
export const reduce: NodeType<ReduceOptions> = {
  type: 'reduce',
  summary: 'Folds an array into one value with a JSONata expression ($acc, $item, $index).',
  category: 'data',
  effects: 'pure',
  optionsSchema: {
    type: 'object',
    properties: {
      items: { type: 'array', description: 'The array to fold, usually ${{ … }}.' },
      expression: {
        type: 'string',
        minLength: 1,
        description:
          'Raw JSONata (no ${{ }}) evaluated per item with $acc (result so far), $item and $index bound; its result becomes the next $acc.',
      },
      initial: {
        default: null,
        description: 'The starting $acc (any JSON); also the output for an empty array.',
      },
    },
    required: ['items', 'expression'],
    additionalProperties: false,
  },
  expressionOptions: ['expression'],
  example: `total:
  type: reduce
  items: [1, 2, 3]
  initial: 0
  expression: $acc + $item
`,
  async execute(options, ctx) {
    const items = requireArray('reduce', 'items', options.items);
    let acc: unknown = options.initial ?? null;
    for (let index = 0; index < items.length; index++) {
      ctx.signal.throwIfAborted();
      acc = await ctx.evaluate('expression', { acc, item: items[index], index });
    }
    return acc;
  },
};

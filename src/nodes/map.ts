/**
 * `map`: evaluates a raw JSONata expression once per item of an array, with `$item` and
 * `$index` bound, and outputs the array of results.
 */
import { requireArray } from './shared/values.js';
import type { NodeType } from './types.js';

/** Options of `map` (`expression` stays raw JSONata text; the node evaluates it). */
export interface MapOptions {
  items: unknown;
  expression: string;
}

/**
 * The `map` node type.
 * @example
 * names:
 *   type: map
 *   items: ${{ nodes.users.output.body }}
 *   expression: $uppercase($item.name)
 */
export const map: NodeType<MapOptions> = {
  type: 'map',
  summary: 'Transforms each item of an array with a JSONata expression ($item, $index).',
  category: 'data',
  effects: 'pure',
  optionsSchema: {
    type: 'object',
    properties: {
      items: { type: 'array', description: 'The array to transform, usually ${{ … }}.' },
      expression: {
        type: 'string',
        minLength: 1,
        description:
          'Raw JSONata (no ${{ }}) evaluated per item, with $item and $index (0-based) bound beside the run scope.',
      },
    },
    required: ['items', 'expression'],
    additionalProperties: false,
  },
  expressionOptions: ['expression'],
  example: `doubled:
  type: map
  items: [1, 2, 3]
  expression: $item * 2
`,
  async execute(options, ctx) {
    const items = requireArray('map', 'items', options.items);
    const out = new Array<unknown>(items.length);
    // Sequential on purpose: evaluation is CPU-bound, so concurrency would only reorder
    // work; checking the signal per item keeps huge arrays cancellable.
    for (let index = 0; index < items.length; index++) {
      ctx.signal.throwIfAborted();
      out[index] = await ctx.evaluate('expression', { item: items[index], index });
    }
    return out;
  },
};

import { describe, expect, it } from 'vitest';
import { reduce, type ReduceOptions } from '../../src/nodes/reduce.js';
import { makeTestContext } from '../helpers/node-context.js';

describe('reduce', () => {
  it.each<[string, ReduceOptions, unknown]>([
    ['sums', { items: [1, 2, 3], initial: 0, expression: '$acc + $item' }, 6],
    [
      'indexes by id',
      {
        items: [
          { id: 'a', v: 1 },
          { id: 'b', v: 2 },
        ],
        initial: {},
        expression: '$merge([$acc, {$item.id: $item.v}])',
      },
      { a: 1, b: 2 },
    ],
    ['uses the index', { items: ['x', 'y'], initial: '', expression: '$acc & $string($index)' }, '01'],
    ['empty array gives initial', { items: [], initial: { n: 0 }, expression: '$acc' }, { n: 0 }],
    ['initial defaults to null', { items: [], expression: '$acc' }, null],
    [
      'null acc is usable with a guard',
      { items: [3, 4], expression: '$acc = null ? $item : $acc * $item' },
      12,
    ],
  ])('%s', async (_name, options, expected) => {
    const ctx = makeTestContext({ rawOptions: { expression: options.expression } });
    expect(await reduce.execute(options, ctx)).toEqual(expected);
  });

  it('fails with reduce.not-array for non-arrays', async () => {
    await expect(
      reduce.execute({ items: 'abc', expression: '$acc' }, makeTestContext()),
    ).rejects.toMatchObject({
      code: 'reduce.not-array',
      details: { received: 'string' },
    });
  });
});

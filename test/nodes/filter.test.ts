import { describe, expect, it } from 'vitest';
import { filter } from '../../src/nodes/filter.js';
import { makeTestContext } from '../helpers/node-context.js';

describe('filter', () => {
  it.each<[string, unknown[], string, unknown[]]>([
    ['keeps even numbers', [1, 2, 3, 4], '$item % 2 = 0', [2, 4]],
    ['by field', [{ s: 0 }, { s: 3 }], '$item.s > 0', [{ s: 3 }]],
    ['by index', ['a', 'b', 'c'], '$index < 2', ['a', 'b']],
    ['truthy strings keep', ['', 'x'], '$item', ['x']],
    ['"0" is truthy in JSONata', ['0', 0], '$item', ['0']],
    ['no match drops the item', [{ a: 1 }, { b: 1 }], '$item.a', [{ a: 1 }]],
    ['nothing kept', [1, 2], 'false', []],
    ['empty array', [], 'true', []],
    ['uses the run scope', [1, 5, 9], '$item > inputs.min', [9]],
  ])('%s', async (_name, items, predicate, expected) => {
    const ctx = makeTestContext({ rawOptions: { predicate }, scope: { inputs: { min: 5 } } });
    expect(await filter.execute({ items, predicate }, ctx)).toEqual(expected);
  });

  it('fails with filter.not-array for non-arrays', async () => {
    await expect(
      filter.execute({ items: { a: 1 }, predicate: 'true' }, makeTestContext()),
    ).rejects.toMatchObject({
      code: 'filter.not-array',
      details: { received: 'object' },
    });
  });
});

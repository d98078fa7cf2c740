import { describe, expect, it } from 'vitest';
import { map } from '../../src/nodes/map.js';
import { makeTestContext } from '../helpers/node-context.js';

describe('map', () => {
  it.each<[string, unknown[], string, unknown[]]>([
    ['doubles numbers', [1, 2, 3], '$item * 2', [2, 4, 6]],
    ['uses the index', ['a', 'b'], '$item & $string($index)', ['a0', 'b1']],
    ['picks fields', [{ n: 'x' }, { n: 'y' }], '$item.n', ['x', 'y']],
    ['no match keeps the slot as null', [{ n: 1 }, {}], '$item.n', [1, null]],
    ['reads the run scope too', [1], '$item + inputs.offset', [11]],
    ['empty array', [], '$item', []],
  ])('%s', async (_name, items, expression, expected) => {
    const ctx = makeTestContext({ rawOptions: { expression }, scope: { inputs: { offset: 10 } } });
    expect(await map.execute({ items, expression }, ctx)).toEqual(expected);
  });

  it.each<[unknown, string]>([
    [{ a: 1 }, 'object'],
    ['abc', 'string'],
    [null, 'null'],
    [undefined, 'null'],
    [3, 'number'],
  ])('fails with map.not-array for %j, naming the type', async (items, type) => {
    const err = await map.execute({ items, expression: '$item' }, makeTestContext()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'map.not-array', details: { received: type } });
    expect((err as Error).message).toContain(`got ${type}`);
  });

  it('lets expression errors propagate', async () => {
    const expression = '$item + 1';
    await expect(
      map.execute({ items: ['x'], expression }, makeTestContext({ rawOptions: { expression } })),
    ).rejects.toThrow();
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    const expression = '$item';
    const ctx = makeTestContext({ rawOptions: { expression }, overrides: { signal: controller.signal } });
    await expect(map.execute({ items: [1], expression }, ctx)).rejects.toThrow('stop');
  });
});

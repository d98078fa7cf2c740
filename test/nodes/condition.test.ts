import { describe, expect, it } from 'vitest';
import { condition, type ConditionOptions } from '../../src/nodes/condition.js';
import { makeTestContext } from '../helpers/node-context.js';

describe('condition', () => {
  // JSONata $boolean semantics, which differ from JavaScript for "0", [], {}, [0].
  it.each<[unknown, boolean]>([
    [true, true],
    [false, false],
    [1, true],
    [0, false],
    [-1, true],
    ['yes', true],
    ['', false],
    ['0', true],
    ['false', true],
    [null, false],
    [undefined, false],
    [[], false],
    [[0, ''], false],
    [[0, 1], true],
    [{}, false],
    [{ a: 0 }, true],
  ])('if %j → result %s', async (value, result) => {
    const out = await condition.execute({ if: value }, makeTestContext());
    expect(out).toEqual({ result, branch: result ? 'then' : 'else', value: null });
  });

  it.each<[string, ConditionOptions, unknown]>([
    ['then value when truthy', { if: true, then: { tier: 'gold' }, else: 'basic' }, { tier: 'gold' }],
    ['else value when falsy', { if: 0, then: 'yes', else: ['no'] }, ['no']],
    ['null when the taken branch has no value', { if: false, then: 'yes' }, null],
    ['falsy then values are kept', { if: true, then: 0 }, 0],
  ])('%s', async (_name, options, value) => {
    expect(await condition.execute(options, makeTestContext())).toMatchObject({ value });
  });
});

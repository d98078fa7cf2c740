import { describe, expect, it } from 'vitest';
import { switchNode, type SwitchOptions } from '../../src/nodes/switch.js';
import { makeTestContext } from '../helpers/node-context.js';

const regions = { eu: 'eu-west', us: 'us-east' };

describe('switch', () => {
  it.each<[string, SwitchOptions, string]>([
    ['matches a string case', { value: 'us-east', cases: regions }, 'us'],
    ['no match goes to default', { value: 'ap-south', cases: regions }, 'default'],
    ['no cases at all goes to default', { value: 1, cases: {} }, 'default'],
    ['the default flag does not change matching', { value: 'x', cases: regions, default: true }, 'default'],
    ['a match wins over the default flag', { value: 'eu-west', cases: regions, default: true }, 'eu'],
    [
      'compares objects deeply, any key order',
      { value: { a: 1, b: [2] }, cases: { hit: { b: [2], a: 1 } } },
      'hit',
    ],
    ['arrays are ordered', { value: [1, 2], cases: { hit: [2, 1] } }, 'default'],
    ['types must match (no coercion)', { value: '1', cases: { one: 1 } }, 'default'],
    ['null matches null', { value: null, cases: { nothing: null } }, 'nothing'],
    ['0 equals -0', { value: -0, cases: { zero: 0 } }, 'zero'],
    ['first written case wins', { value: 1, cases: { first: 1, second: 1 } }, 'first'],
  ])('%s', async (_name, options, branch) => {
    const out = await switchNode.execute(options, makeTestContext());
    expect(out).toEqual({ branch, value: options.value ?? null });
  });

  it('rejects a case named like the default branch', async () => {
    await expect(
      switchNode.execute({ value: 1, cases: { default: 1 } }, makeTestContext()),
    ).rejects.toMatchObject({ code: 'invalid-options' });
  });
});

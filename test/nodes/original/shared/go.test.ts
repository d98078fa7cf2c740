import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goInt, goString, goTypeName, isMap } from '../../../../src/nodes/original/shared/go.js';

describe('goString (%v)', () => {
  it.each<[unknown, string]>([
    [null, '<nil>'],
    [undefined, '<nil>'],
    [true, 'true'],
    [0, '0'],
    [-0, '-0'],
    [1, '1'],
    [-42, '-42'],
    [0.5, '0.5'],
    [123456, '123456'],
    [999999, '999999'],
    [1000000, '1e+06'],
    [1234567, '1.234567e+06'],
    [123456.7, '123456.7'],
    [1e21, '1e+21'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [1e100, '1e+100'],
    [0.1 + 0.2, '0.30000000000000004'],
    ['text', 'text'],
    [[1, 'a', null], '[1 a <nil>]'],
    [{ b: 2, a: [1, { c: true }] }, 'map[a:[1 map[c:true]] b:2]'],
    [{}, 'map[]'],
    [[], '[]'],
  ])('%j → %s', (value, expected) => {
    expect(goString(value)).toBe(expected);
  });

  it('prints a time (context values of type time_string or epoch) as Go does, not as a map', () => {
    const t = new Date(Date.UTC(2024, 0, 15, 10, 30, 0));
    expect(goString(t)).toBe('2024-01-15 10:30:00 +0000 UTC');
    expect(goString({ at: t })).toBe('map[at:2024-01-15 10:30:00 +0000 UTC]');
    expect(isMap(t)).toBe(false);
    expect(isMap({})).toBe(true);
  });

  it('round-trips every finite number that is printed without an exponent', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const s = goString(n);
        expect(Number(s.replace(/e([+-])0*(\d)/, 'e$1$2'))).toBe(n);
      }),
    );
  });
});

describe('goTypeName (%T)', () => {
  it.each<[unknown, string]>([
    [null, '<nil>'],
    [1, 'float64'],
    ['s', 'string'],
    [false, 'bool'],
    [[], '[]interface {}'],
    [{}, 'map[string]interface {}'],
  ])('%j → %s', (value, expected) => {
    expect(goTypeName(value)).toBe(expected);
  });
});

describe('goInt', () => {
  it('truncates toward zero', () => {
    expect([goInt(2.9), goInt(-2.9), goInt(0)]).toEqual([2, -2, 0]);
  });
});

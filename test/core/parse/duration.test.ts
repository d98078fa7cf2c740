import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../../src/core/duration.js';

describe('parseDuration', () => {
  const table: [string | number, number | undefined][] = [
    [0, 0],
    [250, 250],
    [1.6, 2],
    ['250ms', 250],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['1.5s', 1500],
    ['1h2m3s4ms', 3_723_004],
    [-1, undefined],
    [Number.NaN, undefined],
    [Number.POSITIVE_INFINITY, undefined],
    ['500', undefined],
    ['5 s', undefined],
    ['5d', undefined],
    ['', undefined],
    ['s', undefined],
  ];
  for (const [input, ms] of table)
    it(`${JSON.stringify(input)} → ${ms}`, () => expect(parseDuration(input)).toBe(ms));
});

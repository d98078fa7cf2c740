/** Go durations as the original engine read and printed them. */
import { describe, expect, it } from 'vitest';
import { goDurationString, goParseDuration, parseOriginalDuration } from '../../src/core/go-duration.js';

describe('Go durations', () => {
  it.each<[string, number | undefined]>([
    ['1.5s', 1500],
    ['1h30m', 5_400_000],
    ['300ms', 300],
    ['2us', 0.002],
    ['1µs', 0.001],
    ['-1.5h', -5_400_000],
    ['0', 0],
    ['.5s', 500],
    ['5', undefined],
    ['', undefined],
    ['1d', undefined],
    ['s', undefined],
    ['1s 2s', undefined],
  ])('ParseDuration(%j) = %j ms', (text, ms) => {
    expect(goParseDuration(text)).toBe(ms);
  });

  it('the original also takes an integer string as milliseconds', () => {
    expect(parseOriginalDuration('250')).toBe(250);
    expect(parseOriginalDuration('2.5')).toBeUndefined();
  });

  it.each<[number, string]>([
    [0, '0s'],
    [1500, '1.5s'],
    [90_000, '1m30s'],
    [30_000, '30s'],
    [3_600_000, '1h0m0s'],
    [5_400_500, '1h30m0.5s'],
    [100, '100ms'],
    [1.5, '1.5ms'],
    [0.002, '2µs'],
    [-2000, '-2s'],
  ])('Duration(%d ms).String() = %s', (ms, text) => {
    expect(goDurationString(ms)).toBe(text);
  });
});

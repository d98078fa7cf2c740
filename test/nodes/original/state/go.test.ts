/** The Go-isms of the state nodes: durations, Duration.String(), encoding/json. */
import { describe, expect, it } from 'vitest';
import {
  goDurationString,
  goJsonMarshal,
  goParseDuration,
  parseOriginalDuration,
} from '../../../../src/nodes/original/state/go.js';

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

describe('encoding/json', () => {
  it('sorts keys, escapes HTML characters, writes times as RFC 3339', () => {
    expect(goJsonMarshal({ b: '<&>\u2028', a: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 500)) })).toBe(
      '{"a":"2024-01-02T03:04:05.5Z","b":"\\u003c\\u0026\\u003e\\u2028"}',
    );
  });
});

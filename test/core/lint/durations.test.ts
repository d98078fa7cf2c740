import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../src/core/lint/durations.js';

describe('formatDuration', () => {
  it('writes whole durations like workflows do', () => {
    for (const precision of ['exact', 'seconds'] as const) {
      expect(formatDuration(90_000, precision)).toBe('1m30s');
      expect(formatDuration(3_600_000 + 5000, precision)).toBe('1h5s');
      expect(formatDuration(250, precision)).toBe('250ms');
      expect(formatDuration(0, precision)).toBe('0ms');
    }
  });

  it('exact: a part of a second stays in milliseconds; seconds: rounds to the second', () => {
    expect(formatDuration(1500, 'exact')).toBe('1500ms');
    expect(formatDuration(1500, 'seconds')).toBe('2s');
    expect(formatDuration(61_400, 'seconds')).toBe('1m1s');
  });
});

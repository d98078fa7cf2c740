/** Durations in messages, written the way workflows write them (`1m30s`). */

const UNITS = [
  ['h', 3600],
  ['m', 60],
  ['s', 1],
] as const;

/**
 * `90000` → `1m30s`. With `'exact'`, a duration that is not a whole number of seconds is
 * written in milliseconds (`1500ms`); with `'seconds'`, only one under a second is (`250ms`),
 * and longer ones are rounded to the second (`1500` → `2s`).
 */
export function formatDuration(ms: number, precision: 'exact' | 'seconds'): string {
  if (precision === 'exact' ? ms % 1000 !== 0 : ms < 1000) return `${ms}ms`;
  const parts: string[] = [];
  let s = precision === 'exact' ? ms / 1000 : Math.round(ms / 1000);
  for (const [unit, size] of UNITS) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)}${unit}`);
      s %= size;
    }
  }
  return parts.length > 0 ? parts.join('') : '0ms';
}

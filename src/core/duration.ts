/**
 * Durations as written in workflow and config files: a number of milliseconds, or a string
 * of number+unit parts like `250ms`, `30s`, `5m`, `1h`, `1m30s`, `1.5s`. Pure.
 */

/** Milliseconds per unit; `ms` must be tried before `m` (the regex alternation order does that). */
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** The grammar of a duration string; also used as the JSON Schema `pattern`. */
export const DURATION_PATTERN = '^(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h))+$';

const WHOLE = new RegExp(DURATION_PATTERN);
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;

/** How durations are explained in messages, so every message says the same thing. */
export const DURATION_HINT = 'a number of milliseconds or a string like 250ms, 30s, 5m, 1h, 1m30s';

/**
 * Parses a duration into whole milliseconds (rounded); `undefined` when it is not one.
 * Numbers are milliseconds and must be finite and ≥ 0; strings need a unit on every part
 * (a bare `"500"` is refused because it is ambiguous).
 * @example parseDuration('1m30s') // 90000
 * @example parseDuration(250) // 250
 */
export function parseDuration(v: string | number): number | undefined {
  if (typeof v === 'number') {
    return Number.isFinite(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER ? Math.round(v) : undefined;
  }
  if (typeof v !== 'string' || v.length > 100 || !WHOLE.test(v)) return undefined;
  let total = 0;
  for (const m of v.matchAll(PART)) total += Number(m[1]) * UNIT_MS[m[2]!]!;
  return Number.isSafeInteger(Math.round(total)) ? Math.round(total) : undefined;
}

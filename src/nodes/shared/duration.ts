/**
 * Duration parsing for node options. Stopgap until `src/core/duration.ts` lands; it has the
 * same signature so the swap is a one-line import change.
 */

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
type Unit = keyof typeof UNIT_MS;

const PLAIN_NUMBER = /^\d+(?:\.\d+)?$/;
// One or more `<number><unit>` parts with nothing in between, Go style: "1h30m", "1.5s".
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;

/**
 * Parses a duration into milliseconds: a non-negative number (ms), a numeric string (ms),
 * or parts with units `ms`, `s`, `m`, `h`. Undefined when the value is not a duration.
 * @example parseDuration('1m30s') // 90000
 * @example parseDuration(250) // 250
 */
export function parseDuration(v: string | number): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : undefined;
  const s = v.trim();
  if (PLAIN_NUMBER.test(s)) return Number(s);
  if (!WHOLE.test(s)) return undefined;
  let total = 0;
  for (const [, amount, unit] of s.matchAll(PART)) total += Number(amount) * UNIT_MS[unit as Unit];
  return total;
}

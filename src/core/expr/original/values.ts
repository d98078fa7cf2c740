/**
 * Values as the original engine saw them: float64 numbers, numeric strings that count as
 * numbers, Go `%v` formatting, and the comparison rules of reference §4.
 */
import { parseDateString } from './dates.js';

export type Obj = Record<string, unknown>;

export function isObject(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL = /^[+-]?(?:inf|infinity|nan)$/i;

/** Go `strconv.ParseFloat(s, 64)` for the forms people write (decimal, exponent, Inf, NaN). */
export function parseGoFloat(text: string): number | undefined {
  if (DECIMAL.test(text)) return Number(text);
  if (SPECIAL.test(text)) {
    if (/nan/i.test(text)) return NaN;
    return text.startsWith('-') ? -Infinity : Infinity;
  }
  return undefined;
}

/** The original's `toFloat64`: numbers, and strings that parse as numbers. Booleans and null are not numbers. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return parseGoFloat(value);
  return undefined;
}

/** A time for a comparison: a Date, or (an extension) a string that parses as one when the other side is a Date. */
function asTime(value: unknown, other: unknown): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value === 'string' && other instanceof Date) return parseDateString(value);
  return undefined;
}

/** `==`: times, then numbers (numeric strings count), then strings, then booleans; nil == nil; else false. */
export function looseEquals(left: unknown, right: unknown): boolean {
  const l = left ?? null;
  const r = right ?? null;
  if (l === null && r === null) return true;
  if (l === null || r === null) return false;
  const lt = asTime(l, r);
  const rt = asTime(r, l);
  if (lt && rt) return lt.getTime() === rt.getTime();
  const ln = toNumber(l);
  const rn = toNumber(r);
  if (ln !== undefined && rn !== undefined) return ln === rn;
  if (typeof l === 'string' && typeof r === 'string') return l === r;
  if (typeof l === 'boolean' && typeof r === 'boolean') return l === r;
  return false;
}

/** `< <= > >=`: times or numbers (numeric strings count) only; anything else is false. */
export function orderCompare(left: unknown, right: unknown, op: '<' | '<=' | '>' | '>='): boolean {
  const lt = asTime(left, right);
  const rt = asTime(right, left);
  let a: number | undefined;
  let b: number | undefined;
  if (lt && rt) {
    a = lt.getTime();
    b = rt.getTime();
  } else {
    a = toNumber(left);
    b = toNumber(right);
  }
  if (a === undefined || b === undefined) return false;
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

/**
 * Go `%v` of a float64 (`strconv.FormatFloat(f, 'g', -1, 64)`): shortest round-trip digits,
 * exponent form when the exponent is < -4 or >= 6 (`1e+06`, `1.234567e+06`, `1e-05`).
 */
export function goFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mant = '', e = '0'] = n.toExponential().split('e');
  const exponent = Number(e);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    const digits = String(Math.abs(exponent)).padStart(2, '0');
    return `${mant}e${sign}${digits}`;
  }
  return String(n);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Go's `time.Time.String()` for a UTC time: `2024-01-15 10:30:00 +0000 UTC`. */
export function goTimeString(d: Date): string {
  const frac = d.getUTCMilliseconds() ? `.${pad(d.getUTCMilliseconds(), 3).replace(/0+$/, '')}` : '';
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac} +0000 UTC`
  );
}

/**
 * Go's `fmt.Sprintf("%v", value)` for JSON-like values: `<nil>`, `true`, `1.5`, `1e+06`,
 * `[1 2 3]`, `map[a:1 b:2]` (keys sorted, as Go prints maps).
 */
export function goFormat(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goFloat(value);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return goTimeString(value);
  if (Array.isArray(value)) return `[${value.map(goFormat).join(' ')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `map[${keys.map((k) => `${k}:${goFormat(value[k])}`).join(' ')}]`;
  }
  return String(value);
}

/** RFC 3339 as Go's JSON encoder writes a UTC time: `2024-01-15T10:30:00Z`, fraction only when non-zero. */
export function rfc3339(d: Date): string {
  return d
    .toISOString()
    .replace(/\.000Z$/, 'Z')
    .replace(/(\.\d*?)0+Z$/, '$1Z');
}

/** Dates (the original's time.Time) leave an expression as RFC 3339 strings, as its JSON did. */
export function exportValue(value: unknown): unknown {
  if (value instanceof Date) return rfc3339(value);
  if (Array.isArray(value)) return value.map(exportValue);
  if (isObject(value)) {
    let changed = false;
    const out: Obj = {};
    for (const [k, v] of Object.entries(value)) {
      const e = exportValue(v);
      if (e !== v) changed = true;
      out[k] = e;
    }
    return changed ? out : value;
  }
  return value;
}

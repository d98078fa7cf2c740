/**
 * Go-isms of the original engine, emulated where its results depend on them: `%v`
 * formatting (group and uniqueness keys, sort fallbacks), `%T` type names (the
 * `original_type` of error maps) and `int(float64)` truncation.
 */

function goFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  // Shortest round-trip digits, as strconv.FormatFloat(f, 'g', -1, 64).
  const [mantissa, expPart] = n.toExponential().split('e') as [string, string];
  const exp = Number(expPart);
  if (exp < -4 || exp >= 6) {
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  // fmt's %v is %g with the shortest digits; %e from exponent 6 (strconv uses precision 6 then).
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = n < 0 ? '-' : '';
  if (exp >= 0) {
    const intLen = exp + 1;
    if (digits.length <= intLen) return sign + digits + '0'.repeat(intLen - digits.length);
    return `${sign}${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
  }
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
}

/**
 * The original's `fmt.Sprintf("%v", v)` for JSON values: `<nil>`, `true`, numbers as
 * float64 (`1e+21`, `0.5`), strings as is, arrays as `[a b]` and objects as `map[k:v]` with
 * sorted keys (as Go's fmt prints maps).
 * @example goString({b: [1, 'x'], a: null}) // 'map[a:<nil> b:[1 x]]'
 */
export function goString(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'number') return goFloat(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(goString).join(' ')}]`;
  if (typeof value === 'object') {
    const rec = value as Record<string, unknown>;
    const keys = Object.keys(rec).sort();
    return `map[${keys.map((k) => `${k}:${goString(rec[k])}`).join(' ')}]`;
  }
  return String(value);
}

/**
 * The original's `fmt.Sprintf("%T", v)` for decoded JSON values.
 * @example goTypeName([1]) // '[]interface {}'
 */
export function goTypeName(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'number') return 'float64';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** Go's `int(f)` for a float64 option: truncates toward zero. */
export function goInt(value: number): number {
  return Math.trunc(value);
}

/** The option as a number when it decoded to float64 in Go (`v.(float64)` succeeds), else undefined. */
export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** True for `{…}` maps (Go `map[string]interface{}`). */
export function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

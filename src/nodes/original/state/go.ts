/**
 * More Go-isms of the original engine, for the state nodes (`%v` and `%T` are in
 * `../shared/go.ts`, durations in `src/core/go-duration.ts`): `encoding/json` output (sorted
 * keys, HTML escaping) and `time.Time` values. Pure.
 */
import { goString, isMap } from '../shared/go.js';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** How `encoding/json` writes a `time.Time` in UTC (RFC 3339 with trailing-zero-free fraction). */
export function goTimeJson(d: Date): string {
  const frac = d.getUTCMilliseconds() ? `.${pad(d.getUTCMilliseconds(), 3).replace(/0+$/, '')}` : '';
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac}Z`;
}

/** A copy with object keys sorted and times as RFC 3339 strings, like `encoding/json` writes it. */
export function goJsonValue(v: unknown): unknown {
  if (v instanceof Date) return goTimeJson(v);
  if (Array.isArray(v)) return v.map(goJsonValue);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o).sort()) if (o[k] !== undefined) out[k] = goJsonValue(o[k]);
    return out;
  }
  return v === undefined ? null : v;
}

/**
 * `json.Marshal` / `json.MarshalIndent(v, "", "  ")`: sorted keys, `<`, `>`, `&`, U+2028 and
 * U+2029 escaped.
 * @example goJsonMarshal({b: '<', a: 1}) // '{"a":1,"b":"\\u003c"}'
 */
export function goJsonMarshal(v: unknown, indent = false): string {
  return JSON.stringify(goJsonValue(v), null, indent ? 2 : undefined)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The original's "is this input an error?" test of retry and try_catch: a map with an `error`
 * key. The message is the string, or `%v` of anything else (try_catch) / "" (retry).
 */
export function errorMapMessage(v: unknown, formatOther: boolean): string | undefined {
  if (!isMap(v) || !Object.hasOwn(v, 'error')) return undefined;
  const e = v.error;
  if (typeof e === 'string') return e;
  return formatOther ? goString(e) : '';
}

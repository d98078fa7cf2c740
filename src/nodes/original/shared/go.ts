/**
 * Go-isms of the original engine, emulated where its results depend on them: `%v`
 * formatting (group and uniqueness keys, sort fallbacks), `%T` type names (the
 * `original_type` of error maps) and `int(float64)` truncation.
 */
import { goFormat, isObject } from '../../../core/expr/original/values.js';

/**
 * The original's `fmt.Sprintf("%v", v)`: `<nil>`, `true`, numbers as float64 (`1e+21`, `0.5`),
 * strings as is, times as Go prints them, arrays as `[a b]` and objects as `map[k:v]` with sorted
 * keys. One implementation with the expression language's (`src/core/expr/original/values.ts`).
 * @example goString({b: [1, 'x'], a: null}) // 'map[a:<nil> b:[1 x]]'
 */
export const goString: (value: unknown) => string = goFormat;

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

/** True for `{…}` maps (Go `map[string]interface{}`); a time is not one. */
export function isMap(value: unknown): value is Record<string, unknown> {
  return isObject(value);
}

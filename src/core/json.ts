/**
 * JSON value helpers shared across the core, the optimiser and the node types: the plain
 * object test, deep equality and a canonical (key-sorted) serialisation. Keys whose value is
 * `undefined` count as absent, as they would in JSON text.
 */
import type { Json } from './workflow.js';

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(v: unknown): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Deep equality of JSON values: same type, same array order, same object keys in any order.
 * Unlike `util.isDeepStrictEqual`, `0` equals `-0` (JSON cannot tell them apart, but JSONata
 * arithmetic can produce `-0`); `undefined` equals only `undefined`.
 * @example jsonEqual({a: [1, 2]}, {a: [1, 2]}) // true
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/**
 * JSON text with object keys sorted at every level: equal values give equal text.
 * `undefined` (and anything JSON cannot hold, like a function) reads `undefined`.
 * @example canonicalJson({b: 1, a: [true]}) // '{"a":[true],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const v = value as Record<string, unknown>;
  const keys = Object.keys(v)
    .filter((k) => v[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(',')}}`;
}

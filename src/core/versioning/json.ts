/**
 * Small pure helpers over JSON values for the semantic diff: a deep map over strings and a
 * code-point order (deep equality and canonical text are in ../json.ts).
 */
import { isJsonObject } from '../json.js';
import type { Json } from '../workflow.js';

/** Applies `f` to every string inside `v` (keys untouched). */
export function mapStrings(v: Json, f: (s: string) => string): Json {
  if (typeof v === 'string') return f(v);
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, f));
  if (isJsonObject(v)) {
    const out: { [key: string]: Json } = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = mapStrings(x, f);
    return out;
  }
  return v;
}

/** Code-point string order (locale-independent, so deterministic everywhere). */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Array handling shared by the original engine's array nodes: the error map most of them
 * return (instead of failing) for a non-array input, and the map unwrapping of `filter` and
 * `partition`.
 */
import { goTypeName, isMap } from './go.js';

/** `{error: "input is not an array", input, original_type}`, the original's result for non-arrays. */
export function notArrayResult(input: unknown): Record<string, unknown> {
  return { error: 'input is not an array', input: input ?? null, original_type: goTypeName(input) };
}

/** The keys `filter` and `partition` look under, in order, when the input is a map. */
export const UNWRAP_KEYS = ['range', 'array', 'items', 'data', 'values'] as const;

/**
 * The input as an array: itself, or for a map the first of `range|array|items|data|values`
 * that holds an array (so `range` → `filter` works); undefined otherwise.
 * @example unwrapArray({range: [1, 2], count: 2}) // [1, 2]
 */
export function unwrapArray(input: unknown): unknown[] | undefined {
  if (Array.isArray(input)) return input;
  if (isMap(input)) {
    for (const key of UNWRAP_KEYS) {
      const v = input[key];
      if (Array.isArray(v)) return v;
    }
  }
  return undefined;
}

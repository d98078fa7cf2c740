/**
 * Small value helpers shared by the data node types: type names for messages, JSON
 * equality, JSONata truthiness and the "must be an array" check.
 */
import { compileExpression } from '../../core/expr/jsonata.js';
import { NodeFailure } from '../types.js';

/**
 * The JSON type of a value as users know it from YAML/JSON, for error messages.
 * @example typeName([1]) // 'array'
 */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** True for `{…}` objects (not arrays, not null). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Delegating to JSONata's own `$boolean` keeps truthiness identical to what users get in
// expressions (e.g. `[0]` and `{}` are false, `"0"` is true); the compile is cached.
const BOOLEAN = '$boolean($v)';

/**
 * Truthiness per JSONata `$boolean`: false for null, false, 0, "", empty arrays and
 * objects, and arrays whose members are all falsy; true otherwise.
 */
export async function truthy(v: unknown): Promise<boolean> {
  if (v === undefined || v === null) return false;
  return (await compileExpression(BOOLEAN).evaluate(null, { v })) === true;
}

/**
 * Returns `items` as an array, or throws `<type>.not-array` naming what was received
 * (a common slip: passing the whole HTTP response instead of its `body` list).
 */
export function requireArray(type: string, option: string, items: unknown): unknown[] {
  if (Array.isArray(items)) return items;
  throw new NodeFailure(
    `${type}.not-array`,
    `${type}: option "${option}" must be an array, got ${typeName(items)}`,
    {
      details: { option, received: typeName(items) },
    },
  );
}

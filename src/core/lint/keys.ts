/** Whether a key is written in the source (the source map resolves a missing key to its parent). */
import type { Range } from '../diagnostics.js';
import type { JsonPath } from '../parse/source-map.js';
import type { RuleContext } from './types.js';

const same = (a: Range, b: Range) =>
  a.start.line === b.start.line &&
  a.start.col === b.start.col &&
  a.end.line === b.end.line &&
  a.end.col === b.end.col;

/** True when the map at `path.slice(0, -1)` has the key `path.at(-1)` (a missing key resolves to its parent's). */
export function hasKey(ctx: Pick<RuleContext, 'map'>, path: JsonPath): boolean {
  return !same(ctx.map.keyRangeOf(path), ctx.map.keyRangeOf(path.slice(0, -1)));
}

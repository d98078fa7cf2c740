/**
 * The explicit registry of node types, sorted by type name. Adding a type = one file in
 * this folder + one line here + a docs page in docs/nodes/.
 */
import type { NodeType } from './types.js';
import { condition } from './condition.js';
import { delay } from './delay.js';
import { exec } from './exec.js';
import { fail } from './fail.js';
import { filter } from './filter.js';
import { format } from './format.js';
import { http } from './http.js';
import { log } from './log.js';
import { map } from './map.js';
import { parse } from './parse.js';
import { reduce } from './reduce.js';
import { switchNode } from './switch.js';
import { transform } from './transform.js';
import { workflow } from './workflow.js';
import { originalCoreTypes } from './original/core/index.js';
import { originalStateTypes } from './original/state/index.js';

const ALL: NodeType<never>[] = [
  condition,
  delay,
  exec,
  fail,
  filter,
  format,
  http,
  log,
  map,
  parse,
  reduce,
  switchNode,
  transform,
  workflow,
  // The original engine's catalogue (`original/<name>`), for imported workflows (docs/compat.md).
  ...originalCoreTypes,
  ...originalStateTypes,
] as NodeType<never>[];

/** Node types by their `type:` name. */
export const nodeTypes: ReadonlyMap<string, NodeType<never>> = new Map(ALL.map((t) => [t.type, t]));

/** Looks up a node type; undefined when unknown. */
export function getNodeType(type: string): NodeType<never> | undefined {
  return nodeTypes.get(type);
}

/** Raw-JSONata option names of a type (empty for unknown types). */
export function expressionOptionsOf(type: string): readonly string[] {
  return nodeTypes.get(type)?.expressionOptions ?? [];
}

/**
 * The native node types, sorted by type name: one file each in this folder. Adding a type =
 * its file + one line here + a docs page in docs/nodes/ (registry.ts and lazy-registry.ts
 * both read this list).
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

export const nativeNodeTypes: NodeType<never>[] = [
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
] as NodeType<never>[];

/**
 * Node types of the original thaiyyal engine (reference §3): inputs and output, operations,
 * control flow and array processing. Registered as `original/<name>`; listed explicitly,
 * sorted by type name.
 */
import type { NodeType } from '../../types.js';
import { booleanInput } from './boolean_input.js';
import { chunk } from './chunk.js';
import { compact } from './compact.js';
import { condition } from './condition.js';
import { dateInput } from './date_input.js';
import { datetimeInput } from './datetime_input.js';
import { expression } from './expression.js';
import { filter } from './filter.js';
import { find } from './find.js';
import { flatMap } from './flat_map.js';
import { forEach } from './for_each.js';
import { groupBy } from './group_by.js';
import { http } from './http.js';
import { map } from './map.js';
import { number } from './number.js';
import { operation } from './operation.js';
import { partition } from './partition.js';
import { range } from './range.js';
import { reduce } from './reduce.js';
import { renderer } from './renderer.js';
import { reverse } from './reverse.js';
import { sample } from './sample.js';
import { slice } from './slice.js';
import { sort } from './sort.js';
import { switchNode } from './switch.js';
import { textInput } from './text_input.js';
import { textOperation } from './text_operation.js';
import { transpose } from './transpose.js';
import { unique } from './unique.js';
import { visualization } from './visualization.js';
import { whileLoop } from './while_loop.js';
import { zip } from './zip.js';

export const originalCoreTypes: NodeType<never>[] = [
  booleanInput,
  chunk,
  compact,
  condition,
  dateInput,
  datetimeInput,
  expression,
  filter,
  find,
  flatMap,
  forEach,
  groupBy,
  http,
  map,
  number,
  operation,
  partition,
  range,
  reduce,
  renderer,
  reverse,
  sample,
  slice,
  sort,
  switchNode,
  textInput,
  textOperation,
  transpose,
  unique,
  visualization,
  whileLoop,
  zip,
] as NodeType<never>[];

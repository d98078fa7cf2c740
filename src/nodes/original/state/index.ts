/**
 * Node types of the original thaiyyal engine (reference §3): state and data, advanced
 * control, error handling and context. Registered as `original/<name>`; listed explicitly,
 * sorted by type name.
 */
import type { NodeType } from '../../types.js';
import { accumulator } from './accumulator.js';
import { cache } from './cache.js';
import { contextConstant } from './context_constant.js';
import { contextVariable } from './context_variable.js';
import { counter } from './counter.js';
import { delay } from './delay.js';
import { extract } from './extract.js';
import { format } from './format.js';
import { join } from './join.js';
import { parallel } from './parallel.js';
import { parse } from './parse.js';
import { rateLimiter } from './rate_limiter.js';
import { retry } from './retry.js';
import { schemaValidator } from './schema_validator.js';
import { split } from './split.js';
import { throttle } from './throttle.js';
import { timeout } from './timeout.js';
import { transform } from './transform.js';
import { tryCatch } from './try_catch.js';
import { variable } from './variable.js';

export const originalStateTypes: NodeType<never>[] = [
  accumulator,
  cache,
  contextConstant,
  contextVariable,
  counter,
  delay,
  extract,
  format,
  join,
  parallel,
  parse,
  rateLimiter,
  retry,
  schemaValidator,
  split,
  throttle,
  timeout,
  transform,
  tryCatch,
  variable,
] as NodeType<never>[];

/** The 52 node types of the original engine and its type inference from `data` keys (reference §2.1, §3). */

/** Every type the original's default registry executes, in the order of reference §3. */
export const ORIGINAL_TYPES: readonly string[] = [
  'number', 'text_input', 'boolean_input', 'date_input', 'datetime_input', 'visualization', 'renderer',
  'operation', 'text_operation', 'http', 'expression',
  'condition', 'switch', 'filter', 'map', 'reduce', 'for_each', 'while_loop',
  'slice', 'sort', 'find', 'flat_map', 'group_by', 'unique', 'chunk', 'reverse', 'partition', 'zip', 'sample',
  'range', 'compact', 'transpose',
  'variable', 'extract', 'transform', 'accumulator', 'counter', 'parse', 'format',
  'parallel', 'join', 'split', 'delay', 'cache',
  'retry', 'try_catch', 'timeout', 'rate_limiter', 'throttle', 'schema_validator',
  'context_variable', 'context_constant',
]; // prettier-ignore

const has = (data: Record<string, unknown>, key: string) => Object.hasOwn(data, key);

/**
 * `inferTypeFromRawData`: the type of a node without `type`, from its data keys; the first
 * match wins, in the original's order. Undefined when nothing matches (the original fell
 * back to a custom executor, which has no implementation).
 * @example inferOriginalType({condition: '>1', true_path: 'a'}) // 'condition'
 */
export function inferOriginalType(data: Record<string, unknown>): string | undefined {
  if (has(data, 'value')) return 'number';
  if (has(data, 'text')) return 'text_input';
  if (has(data, 'boolean_value')) return 'boolean_input';
  if (has(data, 'date_value')) return 'date_input';
  if (has(data, 'datetime_value')) return 'datetime_input';
  if (has(data, 'mode')) return 'visualization';
  if (has(data, 'op')) return 'operation';
  if (has(data, 'text_op')) return 'text_operation';
  if (has(data, 'url')) return 'http';
  if (has(data, 'condition')) return has(data, 'true_path') ? 'condition' : 'filter';
  if (has(data, 'expression')) {
    if (has(data, 'initial_value')) return 'reduce';
    if (data.expression !== '' && data.expression !== null) return 'expression';
  }
  if (has(data, 'var_name') && has(data, 'var_op')) return 'variable';
  if (has(data, 'field') || has(data, 'fields')) return 'extract';
  if (has(data, 'transform_type')) return 'transform';
  if (has(data, 'accum_op')) return 'accumulator';
  if (has(data, 'counter_op')) return 'counter';
  if (has(data, 'cases')) return 'switch';
  if (has(data, 'join_strategy')) return 'join';
  if (has(data, 'paths')) return 'split';
  if (has(data, 'duration')) return 'delay';
  if (has(data, 'cache_op') && has(data, 'cache_key')) return 'cache';
  if (has(data, 'context_name') || has(data, 'context_values')) return 'context_variable';
  if (has(data, 'max_attempts') || has(data, 'backoff_strategy')) return 'retry';
  if (has(data, 'fallback_value') || has(data, 'continue_on_error')) return 'try_catch';
  if (has(data, 'timeout') && has(data, 'timeout_action')) return 'timeout';
  return undefined;
}

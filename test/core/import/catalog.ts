/** A node catalog for importer tests: every original type, with the options the tests use. */
import { ORIGINAL_TYPES } from '../../../src/core/import/index.js';
import type { NodeCatalog, NodeTypeInfo } from '../../../src/core/parse/node-catalog.js';

const OPTIONS: Record<string, string[]> = {
  number: ['value'],
  text_input: ['text'],
  condition: ['condition', 'true_path', 'false_path'],
  switch: ['cases'],
  filter: ['condition'],
  expression: ['expression'],
  operation: ['op'],
  text_operation: ['text_op', 'separator', 'repeat_n'],
  visualization: ['mode'],
  variable: ['var_name', 'var_op', 'scope'],
  context_variable: ['context_values', 'context_name', 'context_value'],
  context_constant: ['context_values', 'context_name', 'context_value'],
  counter: ['counter_op', 'delta', 'initial_value'],
  retry: ['max_attempts', 'backoff_strategy', 'initial_delay', 'max_delay', 'multiplier', 'retry_on_errors'],
  try_catch: ['fallback_value', 'continue_on_error', 'error_output_path'],
  timeout: ['timeout', 'timeout_action'],
  http: ['url', 'http_client_uid'],
  map: ['expression', 'field'],
  reduce: ['expression', 'initial_value'],
};
const REQUIRED: Record<string, string[]> = { number: ['value'], condition: ['condition'], http: ['url'] };

function info(name: string): NodeTypeInfo {
  const props = Object.fromEntries(
    [...(OPTIONS[name] ?? []), 'inputs', 'node_results', 'label', 'upstream'].map((k) => [k, {}]),
  );
  return {
    type: `original/${name}`,
    summary: name,
    optionsSchema: {
      type: 'object',
      properties: props,
      ...(REQUIRED[name] ? { required: REQUIRED[name] } : {}),
    },
  };
}

export const testCatalog: NodeCatalog = new Map(ORIGINAL_TYPES.map((t) => [`original/${t}`, info(t)]));
export const testLimits = { maxNodes: 1000, maxEdges: 10_000, maxPayloadSize: 1024 * 1024 };

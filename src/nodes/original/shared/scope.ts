/**
 * The scope an original-engine expression sees (reference §4): the node's input, the run's
 * workflow variables merged with loop bindings, the context values, the results of nodes the
 * expression references and the clock.
 */
import type { OriginalScope } from '../../../core/expr/original/index.js';
import type { NodeContext } from '../../types.js';

/** Run-store keys of the original engine's run-scoped state. */
export const ORIGINAL_VARIABLES = 'original.variables';
export const ORIGINAL_CONTEXT = 'original.context';

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * Builds the expression scope for a node: variables = `original.variables` from the run store
 * merged with `extraVariables` (loop bindings win), context = `original.context`, nodeResults =
 * the node's `node_results` option, now = the context clock.
 * @example originalScope(ctx, 5, { item: 5, index: 0 }, options.node_results)
 */
export function originalScope(
  ctx: Pick<NodeContext, 'runStore' | 'now'>,
  input: unknown,
  extraVariables?: Record<string, unknown>,
  nodeResults?: Record<string, unknown>,
): OriginalScope {
  return {
    input,
    variables: { ...record(ctx.runStore.get(ORIGINAL_VARIABLES)), ...(extraVariables ?? {}) },
    context: { ...record(ctx.runStore.get(ORIGINAL_CONTEXT)) },
    nodeResults: nodeResults ?? {},
    now: () => new Date(ctx.now()),
  };
}

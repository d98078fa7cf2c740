/**
 * Evaluating the original expression language from a node: builds the scope (run variables
 * plus loop bindings, context values, `node_results`, the clock) and calls the compatibility
 * evaluator of src/core/expr/original.
 */
import { evaluateOriginalBool, evaluateOriginalValue } from '../../../core/expr/original/index.js';
import type { NodeContext } from '../../types.js';
import type { CommonOptions } from './node.js';
import { originalScope } from './scope.js';

/** `expression.Evaluate`: the boolean entry point. Throws when the expression cannot be evaluated. */
export function evalBool(
  expr: string,
  ctx: NodeContext,
  options: CommonOptions,
  input: unknown,
  bindings?: Record<string, unknown>,
): boolean {
  return evaluateOriginalBool(expr, originalScope(ctx, input, bindings, options.node_results));
}

/** `expression.EvaluateExpression`: the value entry point. Throws when the expression cannot be evaluated. */
export function evalValue(
  expr: string,
  ctx: NodeContext,
  options: CommonOptions,
  input: unknown,
  bindings?: Record<string, unknown>,
): unknown {
  return evaluateOriginalValue(expr, originalScope(ctx, input, bindings, options.node_results));
}

/** The message of whatever an evaluation threw. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The original thaiyyal engine's expression language (reference §4), evaluated faithfully by
 * a compatibility evaluator. Pure: the clock comes in through the scope.
 *
 * CONTRACT for the node types in src/nodes/original/ (implementation in progress).
 */

/** What an original expression can see. */
export interface OriginalScope {
  /** `input` / `item` (and bare fields `a.b`, resolved on it). */
  input: unknown;
  /** `variables.<name>`: workflow variables plus loop bindings (`item`, `index`, `items`, `accumulator`). */
  variables: Record<string, unknown>;
  /** `context.<name>`: context variables and constants (variables override constants). */
  context: Record<string, unknown>;
  /** `node.<id>[.path]`: results of nodes that ran. */
  nodeResults: Record<string, unknown>;
  /** The clock for `now()`. */
  now: () => Date;
}

/** An expression that does not parse or cannot be evaluated; the message says why. */
export class OriginalExpressionError extends Error {
  override readonly name = 'OriginalExpressionError';
}

/** `Evaluate`: the boolean entry point (condition, switch, filter, find, partition, while_loop). */
export function evaluateOriginalBool(expr: string, scope: OriginalScope): boolean {
  void expr;
  void scope;
  throw new OriginalExpressionError('original expressions are not implemented yet');
}

/** `EvaluateExpression`: the value entry point (expression, map, reduce). */
export function evaluateOriginalValue(expr: string, scope: OriginalScope): unknown {
  void expr;
  void scope;
  throw new OriginalExpressionError('original expressions are not implemented yet');
}

/** `ExtractDependencies`: ids referenced as `node.<id>`, in order of first appearance. */
export function originalNodeRefs(expr: string): string[] {
  return [...new Set([...expr.matchAll(/node\.([a-zA-Z0-9_-]+)/g)].map((m) => m[1] as string))];
}

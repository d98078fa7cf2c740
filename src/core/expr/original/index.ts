/**
 * The original thaiyyal engine's expression language (reference §4), evaluated faithfully by
 * a compatibility evaluator — a real tokenizer (tokens.ts) and recursive-descent parser
 * (parser.ts) in place of the original's string splitting, with its values (values.ts),
 * functions (functions.ts), methods (methods.ts) and dates (dates.ts). Pure: the clock comes
 * in through the scope. Why not JSONata: docs/compat.md.
 */
import { Evaluator } from './evaluate.js';
import { parseOriginal } from './parser.js';
import { exportValue, isObject, toNumber } from './values.js';

export { OriginalExpressionError, OriginalReferenceError, OriginalSyntaxError } from './errors.js';
export { goFormat, goFloat } from './values.js';
export { parseOriginal } from './parser.js';

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

/**
 * `Evaluate`: the boolean entry point (condition, switch, filter, find, partition, while_loop).
 * A comparison whose operand does not resolve is false; a non-boolean value is false.
 * Throws OriginalSyntaxError when the expression does not parse, OriginalExpressionError when
 * a date/null function fails or returns a non-boolean.
 * @example evaluateOriginalBool('>=18', scope) // input 21 → true
 */
export function evaluateOriginalBool(expr: string, scope: OriginalScope): boolean {
  return new Evaluator(scope).bool(parseOriginal(expr));
}

/**
 * `EvaluateExpression`: the value entry point (expression, map, reduce). Comparisons and
 * `&&`/`||`/`!` give booleans; times leave as RFC 3339 strings. Throws
 * OriginalExpressionError (a reference that does not resolve, division by zero, …).
 * @example evaluateOriginalValue('10 + 5 * 2 - 3', scope) // → 17
 */
export function evaluateOriginalValue(expr: string, scope: OriginalScope): unknown {
  return exportValue(new Evaluator(scope).value(parseOriginal(expr)));
}

/** `ExtractDependencies`: ids referenced as `node.<id>`, in order of first appearance. */
export function originalNodeRefs(expr: string): string[] {
  return [...new Set([...expr.matchAll(/node\.([a-zA-Z0-9_-]+)/g)].map((m) => m[1] as string))];
}

/**
 * The original's legacy numeric condition (`evaluateSimpleCondition`): `>N`, `<N`, `>=N`,
 * `<=N`, `==N`, `!=N` against a number input or the `value` of a map input; false otherwise.
 * The condition node falls back to it when its expression fails.
 */
export function legacyNumericCondition(condition: string, input: unknown): boolean {
  const text = condition.trim();
  if (text === 'true') return true;
  if (text === 'false') return false;
  let n: unknown = input;
  if (isObject(n)) n = n.value;
  if (typeof n !== 'number') return false;
  const m = /^(>=|<=|==|!=|>|<)\s*(.*)$/.exec(text);
  if (!m) return false;
  const threshold = toNumber(/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(m[2] ?? '')?.[0] ?? '0') ?? 0;
  switch (m[1]) {
    case '>':
      return n > threshold;
    case '<':
      return n < threshold;
    case '>=':
      return n >= threshold;
    case '<=':
      return n <= threshold;
    case '==':
      return n === threshold;
    default:
      return n !== threshold;
  }
}

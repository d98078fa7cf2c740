/**
 * The one place that compiles JSONata. Compiled expressions are cached by source text in a
 * bounded LRU: a compiled JSONata expression weighs ~17 KB (its AST keeps the parser's
 * symbol table), so a 10,000-node workflow cannot keep them all; callers compile at the
 * moment of use and keep only the source text.
 */
import jsonata from 'jsonata';
import QuickLRU from 'quick-lru';

export type Expression = ReturnType<typeof jsonata>;

/** A JSONata syntax error, with the 0-based offset inside the expression source. */
export class ExpressionSyntaxError extends Error {
  override readonly name = 'ExpressionSyntaxError';
  constructor(
    message: string,
    readonly source: string,
    readonly offset: number,
    readonly jsonataCode: string,
  ) {
    super(message);
  }
}

const cache = new QuickLRU<string, Expression>({ maxSize: 2048 });

/** Compiles (or returns the cached) JSONata expression; throws {@link ExpressionSyntaxError}. */
export function compileExpression(source: string): Expression {
  let compiled = cache.get(source);
  if (compiled) return compiled;
  try {
    compiled = jsonata(source);
  } catch (err) {
    const e = err as { message?: string; position?: number; code?: string };
    const offset = Math.max(0, Math.min(source.length, (e.position ?? 1) - 1));
    throw new ExpressionSyntaxError(e.message ?? String(err), source, offset, e.code ?? 'S0000');
  }
  cache.set(source, compiled);
  return compiled;
}

/**
 * Turns a JSONata result into plain JSON: sequences become plain arrays, `undefined`
 * (no match) becomes `null`, functions are dropped.
 */
export function toPlain(value: unknown): unknown {
  if (value === undefined) return null;
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? null : value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = toPlain(value[i]);
    return out;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v !== undefined && typeof v !== 'function') out[k] = toPlain(v);
  }
  return out;
}

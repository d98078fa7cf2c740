/**
 * The one place that compiles JSONata. Compiled expressions are cached by source text in a
 * bounded LRU (validation, graph building and execution all ask for the same expressions;
 * compiling costs ~0.2 ms each). Callers keep only the source text and compile at the
 * moment of use, so memory stays bounded whatever the size of the workflow.
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

const cache = new QuickLRU<string, Expression>({ maxSize: 20_000 });

/**
 * Bounds for one evaluation. JSONata runs as one long promise chain that starves timers and
 * signal handlers, so a runaway expression (`$f := function($x){ $f($x) }`) cannot be
 * stopped from outside: the evaluator itself checks these on every step.
 */
export interface EvaluationLimits {
  /** The clock (injected: the core reads no clock of its own). */
  now(): number;
  /** Wall time one evaluation may take. */
  timeMs: number;
  /** Max nesting of evaluation steps (recursion depth). */
  maxDepth: number;
}

/** Per-evaluation state of the limits, passed to JSONata as a binding. */
export class EvaluationGuard {
  depth = 0;
  steps = 0;
  readonly deadline: number;
  constructor(readonly limits: EvaluationLimits) {
    this.deadline = limits.now() + limits.timeMs;
  }
}

/** The binding name the hooks look the guard up by (not a valid JSONata identifier to write). */
export const GUARD_BINDING = '__thaiyyal_guard';
const ENTRY = Symbol.for('jsonata.__evaluate_entry') as unknown as string;
const EXIT = Symbol.for('jsonata.__evaluate_exit') as unknown as string;

interface Frame {
  lookup(name: string): unknown;
}

function enter(_expr: unknown, _input: unknown, env: Frame): void {
  const g = env.lookup(GUARD_BINDING) as EvaluationGuard | undefined;
  if (!g) return;
  if (++g.depth > g.limits.maxDepth) {
    throw Object.assign(
      new Error(`the expression nests deeper than ${g.limits.maxDepth} steps (runaway recursion?)`),
      {
        code: 'T0001',
      },
    );
  }
  if ((++g.steps & 255) === 0 && g.limits.now() > g.deadline) {
    throw Object.assign(new Error(`the expression ran longer than ${g.limits.timeMs} ms and was stopped`), {
      code: 'T0002',
    });
  }
}

function leave(_expr: unknown, _input: unknown, env: Frame): void {
  const g = env.lookup(GUARD_BINDING) as EvaluationGuard | undefined;
  if (g) g.depth--;
}

/** Compiles (or returns the cached) JSONata expression; throws {@link ExpressionSyntaxError}. */
export function compileExpression(source: string): Expression {
  let compiled = cache.get(source);
  if (compiled) return compiled;
  try {
    compiled = jsonata(source);
    detachAst(compiled.ast());
    compiled.assign(ENTRY, enter);
    compiled.assign(EXIT, leave);
  } catch (err) {
    const e = err as { message?: string; position?: number; code?: string };
    const offset = Math.max(0, Math.min(source.length, (e.position ?? 1) - 1));
    throw new ExpressionSyntaxError(e.message ?? String(err), source, offset, e.code ?? 'S0000');
  }
  cache.set(source, compiled);
  return compiled;
}

/**
 * Memory: JSONata's parser builds each AST token with `Object.create(symbol)`, so every
 * compiled expression keeps its parser's whole symbol table (closures included) alive through
 * the prototype chain: ~17 KB per expression, 170 MB for a 10,000-node workflow. The
 * evaluator reads only the tokens' own fields (type, value, position, steps…), so we copy the
 * few inherited data fields onto each token and cut the chain: ~5 KB per expression.
 * `test/core/expr/jsonata-detach.test.ts` checks that evaluation is unchanged.
 */
function detachAst(root: unknown): void {
  const seen = new WeakSet<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const n = stack.pop();
    if (!n || typeof n !== 'object' || seen.has(n)) continue;
    seen.add(n);
    if (!Array.isArray(n)) {
      const proto = Object.getPrototypeOf(n) as object | null;
      if (proto !== Object.prototype && proto !== null) {
        const rec = n as Record<string, unknown>;
        for (const k in rec) {
          if (!Object.hasOwn(rec, k) && typeof rec[k] !== 'function') {
            Object.defineProperty(rec, k, {
              value: rec[k],
              enumerable: true,
              writable: true,
              configurable: true,
            });
          }
        }
        Object.setPrototypeOf(n, Object.prototype);
      }
    }
    for (const v of Object.values(n)) if (v && typeof v === 'object') stack.push(v);
  }
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

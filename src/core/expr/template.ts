/**
 * Templates: strings with `${{ <JSONata> }}` parts. A string that is exactly one
 * expression keeps the expression's type; expressions embedded in text interpolate as
 * strings. Parsing and compiling are pure; evaluation is async because JSONata is.
 */
import {
  compileExpression,
  EvaluationGuard,
  ExpressionSyntaxError,
  GUARD_BINDING,
  toPlain,
  type EvaluationLimits,
  type Expression,
} from './jsonata.js';
import QuickLRU from 'quick-lru';
import type { Json } from '../workflow.js';

const OPEN = '${{';
const CLOSE = '}}';

export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'expr'; source: string; /** offset of the expression text inside the string */ offset: number };

/** True when the string contains a `${{`. Cheap check before parsing. */
export function isTemplate(value: string): boolean {
  return value.includes(OPEN);
}

/**
 * Splits a string into text and expression parts. An expression ends at the first `}}`
 * after which its text parses as JSONata (so `${{ {"a": {"b": 1}} }}` works).
 * Throws {@link ExpressionSyntaxError} (offset relative to the whole string) when an
 * expression does not parse or is not closed.
 */
export function parseTemplate(value: string): TemplatePart[] {
  // Validation, graph building and planning all parse the same strings: parse each once.
  let parts = parsed.get(value);
  if (!parts) {
    parts = parseTemplateUncached(value);
    parsed.set(value, parts);
  }
  return parts;
}

const parsed = new QuickLRU<string, TemplatePart[]>({ maxSize: 50_000 });

function parseTemplateUncached(value: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let pos = 0;
  while (pos < value.length) {
    const open = value.indexOf(OPEN, pos);
    if (open < 0) {
      parts.push({ kind: 'text', text: value.slice(pos) });
      break;
    }
    if (open > pos) parts.push({ kind: 'text', text: value.slice(pos, open) });
    const start = open + OPEN.length;
    let close = value.indexOf(CLOSE, start);
    if (close < 0) {
      throw new ExpressionSyntaxError('"${{" is not closed by "}}"', value, open, 'T0001');
    }
    let firstError: ExpressionSyntaxError | undefined;
    let found = false;
    while (close >= 0) {
      const raw = value.slice(start, close);
      if (raw.trim() === '') {
        throw new ExpressionSyntaxError('empty expression "${{ }}"', value, open, 'T0002');
      }
      const lead = raw.length - raw.trimStart().length;
      try {
        compileExpression(raw.trim());
        parts.push({ kind: 'expr', source: raw.trim(), offset: start + lead });
        found = true;
        break;
      } catch (err) {
        if (!(err instanceof ExpressionSyntaxError)) throw err;
        firstError ??= new ExpressionSyntaxError(
          err.message,
          value,
          start + lead + err.offset,
          err.jsonataCode,
        );
        close = value.indexOf(CLOSE, close + 1);
      }
    }
    if (!found) throw firstError!;
    pos = close + CLOSE.length;
  }
  return parts;
}

/**
 * Where the engine puts the {@link EvaluationLimits} of a run on its scope: a symbol key, so
 * expressions cannot see it (and object spread copies it into per-item scopes).
 */
export const LIMITS = Symbol('thaiyyal.evaluationLimits');

/** Variables visible to expressions. `nodes.<id>.output` is filled in as nodes finish. */
export interface Scope {
  [LIMITS]?: EvaluationLimits;
  inputs: Record<string, unknown>;
  /** `attempts` (tries made) once the node ran; `error` ({code, message}) when it failed. */
  nodes: Record<
    string,
    { output: unknown; status: string; attempts?: number; error?: { code: string; message: string } }
  >;
  env: Record<string, string>;
  secrets: Record<string, string>;
  run: Record<string, unknown>;
  item?: unknown;
  index?: number;
  [extra: string]: unknown;
}

/** A compiled value: call it with a scope to get the resolved JSON. */
export type Resolver = (scope: Scope) => Promise<unknown>;

/** An evaluation error, carrying the expression that failed. */
export class ExpressionEvalError extends Error {
  override readonly name = 'ExpressionEvalError';
  constructor(
    message: string,
    readonly source: string,
    readonly jsonataCode: string,
  ) {
    super(message);
  }
}

/** Evaluates one compiled JSONata expression against a scope, returning plain JSON. */
export async function evaluateExpression(
  expr: Expression,
  source: string,
  scope: Scope,
  bindings?: Record<string, unknown>,
): Promise<unknown> {
  const limits = scope[LIMITS];
  const all = limits ? { ...bindings, [GUARD_BINDING]: new EvaluationGuard(limits) } : bindings;
  try {
    return toPlain(await expr.evaluate(scope, all));
  } catch (err) {
    const e = err as { message?: string; code?: string };
    throw new ExpressionEvalError(
      `\${{ ${source} }}: ${e.message ?? String(err)}`,
      source,
      e.code ?? 'D0000',
    );
  }
}

/** Inside a fan-out, `item` and `index` are also bound as `$item` and `$index`, like in raw expressions. */
function itemBindings(scope: Scope): Record<string, unknown> | undefined {
  return 'item' in scope ? { item: scope.item, index: scope.index } : undefined;
}

function stringify(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function compileString(value: string): Resolver | undefined {
  if (!isTemplate(value)) return undefined;
  const parts = parseTemplate(value);
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.kind === 'expr') {
    return (scope) =>
      evaluateExpression(compileExpression(only.source), only.source, scope, itemBindings(scope));
  }
  return async (scope) => {
    let out = '';
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      out +=
        p.kind === 'text'
          ? p.text
          : stringify(
              await evaluateExpression(compileExpression(p.source), p.source, scope, itemBindings(scope)),
            );
    }
    return out;
  };
}

/**
 * Compiles a JSON value with templates anywhere inside into a {@link Resolver}. Constant
 * values resolve to themselves without copying; throws {@link ExpressionSyntaxError}.
 * @example await compileValue({url: 'https://x/${{ inputs.id }}'})({inputs: {id: 7}, …}) // {url: 'https://x/7'}
 */
export function compileValue(value: Json | undefined): Resolver {
  const r = compileInner(value);
  if (r) return r;
  return () => Promise.resolve(value === undefined ? null : value);
}

function compileInner(value: Json | undefined): Resolver | undefined {
  if (typeof value === 'string') return compileString(value);
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    const items = value.map(compileInner);
    if (items.every((r) => r === undefined)) return undefined;
    return async (scope) => {
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) out[i] = items[i] ? await items[i]!(scope) : value[i];
      return out;
    };
  }
  const entries = Object.entries(value).map(([k, v]) => [k, v, compileInner(v)] as const);
  if (entries.every(([, , r]) => r === undefined)) return undefined;
  return async (scope) => {
    const out: Record<string, unknown> = {};
    for (const [k, v, r] of entries) out[k] = r ? await r(scope) : v;
    return out;
  };
}

/** Every expression source inside a JSON value, with the JSON path where it sits. */
export function collectExpressions(
  value: Json | undefined,
  path: (string | number)[] = [],
  out: { path: (string | number)[]; source: string; offset: number; error?: ExpressionSyntaxError }[] = [],
) {
  if (typeof value === 'string') {
    if (!isTemplate(value)) return out;
    try {
      for (const p of parseTemplate(value)) {
        if (p.kind === 'expr') out.push({ path, source: p.source, offset: p.offset });
      }
    } catch (err) {
      if (!(err instanceof ExpressionSyntaxError)) throw err;
      out.push({ path, source: value, offset: err.offset, error: err });
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => collectExpressions(v, [...path, i], out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) collectExpressions(v, [...path, k], out);
  }
  return out;
}

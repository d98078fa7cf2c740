/**
 * Helpers for rules that look inside JSONata expressions: parsing one to its AST, walking
 * it, and reading paths (`inputs.x`, `$$.nodes.a`) and the source spans of their names.
 */
import { compileExpression } from '../expr/jsonata.js';

/** A JSONata AST node as `compileExpression(...).ast()` returns it (positions are token *end* offsets). */
export interface AstNode {
  type: string;
  value?: unknown;
  position?: number;
  steps?: AstNode[];
  lhs?: unknown;
  rhs?: unknown;
  [key: string]: unknown;
}

/** The AST of an expression, or undefined when it does not parse. */
export function astOf(source: string): AstNode | undefined {
  try {
    return compileExpression(source).ast() as unknown as AstNode;
  } catch {
    return undefined;
  }
}

/** Calls `visit` on every AST node, parents before children, in source order of the fields. */
export function walkAst(root: unknown, visit: (n: AstNode) => void): void {
  if (!root || typeof root !== 'object') return;
  // Many rules walk the same expressions: flatten each AST once (ASTs are never mutated).
  let all = flattened.get(root);
  if (!all) {
    all = [];
    flatten(root, all, 0);
    flattened.set(root, all);
  }
  for (const n of all) visit(n);
}

const flattened = new WeakMap<object, AstNode[]>();

function flatten(root: unknown, out: AstNode[], depth: number): void {
  if (depth > 200 || !root || typeof root !== 'object') return;
  if (Array.isArray(root)) {
    for (const n of root) flatten(n, out, depth + 1);
    return;
  }
  const n = root as AstNode;
  if (typeof n.type === 'string') out.push(n);
  for (const [k, v] of Object.entries(n))
    if (k !== 'value' && v && typeof v === 'object') flatten(v, out, depth + 1);
}

/** A path's steps without a leading `$$` (which reads from the root like a bare path). */
export function rootSteps(n: AstNode): AstNode[] {
  const steps = n.type === 'path' && Array.isArray(n.steps) ? n.steps : [];
  return steps[0]?.type === 'variable' && steps[0].value === '$' ? steps.slice(1) : steps;
}

/** The step's name when it is a plain name (`foo` or `` `foo` ``). */
export function stepName(step: AstNode | undefined): string | undefined {
  return step?.type === 'name' && typeof step.value === 'string' ? step.value : undefined;
}

/** Start offset and length of a name step in `source` (backticks included). */
export function nameSpan(source: string, step: AstNode): { start: number; length: number } {
  const name = String(step.value);
  const end = step.position ?? 0;
  const length = source[end - 1] === '`' ? name.length + 2 : name.length;
  return { start: Math.max(0, end - length), length };
}

/** The start offset of the binary operator token of a `binary` AST node. */
export function operatorStart(n: AstNode): number {
  return Math.max(0, (n.position ?? 0) - String(n.value).length);
}

/**
 * `constant-when`: a `when` that cannot change between runs — a literal (`true`, `false`,
 * `"yes"`) or a template that reads nothing (`${{ true }}`, `${{ 1 = 1 }}`). Always true, it
 * is noise (and `--fix` removes it); always false, the node never runs and neither does
 * anything that depends on it — usually a debugging leftover. An expression counts as
 * constant when it names no field (`inputs`, `nodes`, `run`…), no variable and calls no
 * clock or random function (`$now`, `$millis`, `$random`).
 */
import { compileExpression } from '../../expr/jsonata.js';
import { isTemplate, parseTemplate } from '../../expr/template.js';
import type { Json } from '../../workflow.js';
import type { AstNode } from '../expression-ast.js';
import { deleteEntry, nodeEntryLine } from '../source-edits.js';
import type { Fix, Rule, RuleContext } from '../types.js';

/** Functions whose result changes between calls. */
const VOLATILE = new Set(['now', 'millis', 'random']);
/** A value the evaluator below could not compute (the expression may still be constant). */
const UNKNOWN = Symbol('unknown');
type Value = unknown;

/** True when the expression reads nothing from the scope and calls nothing volatile. */
function isConstant(node: unknown, callee = false): boolean {
  if (Array.isArray(node)) return node.every((n) => isConstant(n));
  if (!node || typeof node !== 'object') return true;
  const n = node as AstNode;
  if (n.type === 'name') return false;
  if (n.type === 'variable')
    return callee && typeof n.value === 'string' && n.value !== '' && !VOLATILE.has(n.value);
  if (n.type === 'function' || n.type === 'partial') {
    const proc = n.procedure as AstNode | undefined;
    return isConstant(proc, proc?.type === 'variable') && isConstant(n.arguments);
  }
  return Object.entries(n).every(
    ([k, v]) => k === 'position' || k === 'value' || typeof v !== 'object' || isConstant(v),
  );
}

/** JSONata truthiness, as the engine applies it to `when`. */
function truthy(v: Value): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.some(truthy);
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/** Evaluates the small constant subset of JSONata (literals, arithmetic, comparisons, and/or, ?:). */
function evaluate(node: AstNode): Value {
  switch (node.type) {
    case 'value':
    case 'number':
    case 'string':
      return node.value;
    case 'block': {
      const exprs = node.expressions as AstNode[];
      let last: Value = undefined;
      for (const e of exprs) last = evaluate(e);
      return last;
    }
    case 'condition': {
      const c = evaluate(node.condition as AstNode);
      if (c === UNKNOWN) return UNKNOWN;
      const branch = (truthy(c) ? node.then : node.else) as AstNode | undefined;
      return branch ? evaluate(branch) : undefined;
    }
    case 'unary':
      if (node.value === '[') {
        const items = (node.expressions as AstNode[]).map(evaluate);
        return items.includes(UNKNOWN) ? UNKNOWN : items;
      }
      return UNKNOWN;
    case 'function': {
      const proc = node.procedure as AstNode;
      const args = (node.arguments as AstNode[]).map(evaluate);
      if (args.includes(UNKNOWN) || args.length !== 1) return UNKNOWN;
      if (proc.value === 'not') return !truthy(args[0]);
      if (proc.value === 'boolean') return truthy(args[0]);
      return UNKNOWN;
    }
    case 'binary': {
      const l = evaluate(node.lhs as AstNode);
      const r = evaluate(node.rhs as AstNode);
      if (l === UNKNOWN || r === UNKNOWN) return UNKNOWN;
      switch (node.value) {
        case 'and':
          return truthy(l) && truthy(r);
        case 'or':
          return truthy(l) || truthy(r);
        case '=':
          return typeof l !== 'object' && l === r;
        case '!=':
          return typeof l !== 'object' && l !== r;
        case '&':
          return `${l ?? ''}${r ?? ''}`;
      }
      if (typeof l !== 'number' || typeof r !== 'number') {
        if (
          typeof l === 'string' &&
          typeof r === 'string' &&
          ['<', '<=', '>', '>='].includes(node.value as string)
        )
          return compare(node.value as string, l, r);
        return UNKNOWN;
      }
      switch (node.value) {
        case '+':
          return l + r;
        case '-':
          return l - r;
        case '*':
          return l * r;
        case '/':
          return l / r;
        case '%':
          return l % r;
        default:
          return compare(node.value as string, l, r);
      }
    }
    default:
      return UNKNOWN;
  }
}

function compare(op: string, l: number | string, r: number | string): Value {
  if (op === '<') return l < r;
  if (op === '<=') return l <= r;
  if (op === '>') return l > r;
  if (op === '>=') return l >= r;
  return UNKNOWN;
}

/** The constant value of a `when`, UNKNOWN when constant but not computed, undefined when not constant. */
function constantValue(when: Json): { value: Value } | undefined {
  if (typeof when !== 'string') return JSON.stringify(when).includes('${{') ? undefined : { value: when };
  if (!isTemplate(when)) return { value: when };
  const parts = parseTemplate(when);
  const values: Value[] = [];
  let text = '';
  for (const p of parts) {
    if (p.kind === 'text') {
      text += p.text;
      continue;
    }
    const ast = compileExpression(p.source).ast() as unknown as AstNode;
    if (!isConstant(ast)) return undefined;
    values.push(evaluate(ast));
  }
  const only = parts.length === 1 ? values[0] : undefined;
  if (parts.length === 1) return { value: only };
  // Text around templates makes a string: non-empty text means a non-empty (truthy) string.
  if (text !== '') return { value: text };
  if (values.includes(UNKNOWN)) return { value: UNKNOWN };
  return { value: values.map((v) => (v === null || v === undefined ? '' : String(v))).join('') };
}

/** Deletes the `when:` entry (block-style nodes only). */
function removeWhen(ctx: RuleContext, id: string): Fix | undefined {
  const keyLine = nodeEntryLine(ctx, id, 'when');
  if (keyLine === undefined) return undefined;
  return {
    description: `remove the always-true "when" of node "${id}"`,
    edits: [deleteEntry(ctx.lines, keyLine)],
  };
}

export const rule: Rule = {
  meta: {
    id: 'constant-when',
    category: 'structure',
    severity: 'warning',
    fixable: true,
    description:
      'A when that is the same on every run is either noise (always true) or disables the node (always false).',
  },
  check(ctx) {
    for (const node of Object.values(ctx.workflow.nodes)) {
      if (node.when === undefined) continue;
      let found: { value: Value } | undefined;
      try {
        found = constantValue(node.when);
      } catch {
        continue; // a syntax error, reported by validation
      }
      if (!found) continue;
      const path = ['nodes', node.id, 'when'];
      if (found.value === UNKNOWN) {
        ctx.report({
          message: `when of node "${node.id}" reads no inputs or nodes, so it is the same on every run; make it depend on inputs or nodes, or remove it`,
          path,
        });
      } else if (truthy(found.value)) {
        const fix = removeWhen(ctx, node.id);
        const quoted = typeof node.when === 'string' && !isTemplate(node.when) && node.when !== '';
        ctx.report({
          message: `when of node "${node.id}" is always true${quoted ? ` (the string "${node.when}" is truthy)` : ''}, so the node always runs; remove it${quoted ? ', or write a ${{ }} condition' : ''}`,
          path,
          ...(fix ? { fix } : {}),
        });
      } else {
        ctx.report({
          message: `when of node "${node.id}" is always false, so the node never runs and the nodes that depend on it are skipped; remove the node, or make the condition depend on inputs or nodes`,
          path,
        });
      }
    }
  },
};

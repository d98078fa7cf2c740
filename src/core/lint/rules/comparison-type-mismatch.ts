/**
 * `comparison-type-mismatch`: a JSONata comparison (`=`, `!=`, `<`, `<=`, `>`, `>=`) whose
 * operands have types known before the run, and different ones: `inputs.count = "3"` is
 * always false, `1 < "2"` fails at run time. Types come from literals, declared inputs
 * (`type: number` …) and `env.X` / `secrets.X`, which are always strings.
 */
import { astOf, operatorStart, walkAst } from '../expression-ast.js';
import { operandOf, type Operand } from '../expression-types.js';
import { expressionSites, siteRange } from '../expressions.js';
import type { Rule } from '../types.js';

const COMPARISONS = new Set(['=', '!=', '<', '<=', '>', '>=']);

function consequence(op: string): string {
  if (op === '=') return 'is always false';
  if (op === '!=') return 'is always true';
  return 'fails at run time (JSONata compares only two numbers or two strings)';
}

function advice(l: Operand, r: Operand): string {
  const [lit, other] = (l.literal && l.type === 'string') || !r.literal ? [l, r] : [r, l];
  if (
    lit.literal &&
    lit.type === 'string' &&
    other.type === 'number' &&
    /^-?\d+(\.\d+)?$/.test(JSON.parse(lit.label) as string)
  )
    return `write ${JSON.parse(lit.label) as string} without quotes`;
  if (
    lit.literal &&
    lit.type === 'string' &&
    other.type === 'boolean' &&
    /^(true|false)$/.test(JSON.parse(lit.label) as string)
  )
    return `write ${JSON.parse(lit.label) as string} without quotes`;
  if (lit.literal && lit.type === 'number' && other.type === 'string')
    return `write "${lit.label}" in quotes, or compare $number(…) of the string`;
  return 'compare values of one type (convert with $number(), $string() or $boolean())';
}

export const rule: Rule = {
  meta: {
    id: 'comparison-type-mismatch',
    category: 'expressions',
    severity: 'error',
    fixable: false,
    description:
      'A comparison between operands of different known types (a number and a string…) is always false or fails at run time.',
  },
  check(ctx) {
    for (const site of expressionSites(ctx)) {
      walkAst(astOf(site.source), (n) => {
        if (n.type !== 'binary' || !COMPARISONS.has(String(n.value))) return;
        const l = operandOf(n.lhs, ctx.workflow);
        const r = operandOf(n.rhs, ctx.workflow);
        if (!l || !r || l.type === r.type) return;
        const op = String(n.value);
        ctx.report({
          message: `comparing a ${l.type} with a ${r.type} ${consequence(op)}: ${l.label} ${op} ${r.label}; ${advice(l, r)}`,
          range: siteRange(ctx, site, operatorStart(n), op.length),
        });
      });
    }
  },
};

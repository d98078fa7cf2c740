/**
 * `string-arithmetic`: `+ - * / %` with an operand that is a string before the run (a string
 * literal, a `type: string` input, `env.X` or `secrets.X`). JSONata does not convert strings
 * to numbers: the expression fails at run time (T2001/T2002). `&` joins strings; `$number()`
 * converts a numeric string.
 */
import type { Rule } from '../types.js';
import { astOf, operatorStart, walkAst } from '../expression-ast.js';
import { operandOf } from '../expression-types.js';
import { expressionSites, siteRange } from '../expressions.js';

const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);

export const rule: Rule = {
  meta: {
    id: 'string-arithmetic',
    category: 'expressions',
    severity: 'error',
    fixable: false,
    description: 'Arithmetic on a string fails at run time: JSONata never converts strings to numbers.',
  },
  check(ctx) {
    for (const site of expressionSites(ctx)) {
      walkAst(astOf(site.source), (n) => {
        const op = String(n.value);
        if (n.type !== 'binary' || !ARITHMETIC.has(op)) return;
        const operand = [operandOf(n.lhs, ctx.workflow), operandOf(n.rhs, ctx.workflow)].find(
          (o) => o?.type === 'string',
        );
        if (!operand) return;
        const how =
          op === '+'
            ? 'use & to join strings (a & b), or $number(…) to add the number a string holds'
            : `convert it with $number(…) first`;
        ctx.report({
          message: `"${op}" on a string fails at run time: ${operand.label} is a string and JSONata arithmetic needs numbers; ${how}`,
          range: siteRange(ctx, site, operatorStart(n), op.length),
        });
      });
    }
  },
};

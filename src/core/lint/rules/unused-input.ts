/**
 * `unused-input`: a declared input that no template, raw JSONata option, `when`, `foreach`
 * or output reads. Callers still see it (in `--input`, editors and calling workflows) and
 * pass values that change nothing. When some expression reads `inputs` as a whole
 * (`$lookup(inputs, x)`, `$keys(inputs)`, `${{ inputs }}`), any input may be read and
 * nothing is reported; nor when an expression does not parse (validation reports that).
 */
import { compileExpression } from '../../expr/jsonata.js';
import { collectRefs } from '../../expr/refs.js';
import type { AstNode } from '../expression-ast.js';
import { workflowExpressions } from '../expressions.js';
import type { Rule } from '../types.js';

/** True when the AST reads `inputs` without naming one (`inputs[…]`, `$lookup(inputs, …)`, `inputs`). */
function readsAllInputs(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(readsAllInputs);
  if (!node || typeof node !== 'object') return false;
  const n = node as AstNode;
  const inner = (x: AstNode) =>
    Object.entries(x).some(
      ([k, v]) => k !== 'position' && k !== 'value' && typeof v === 'object' && readsAllInputs(v),
    );
  if (n.type === 'path' && Array.isArray(n.steps)) {
    // `$$.inputs` reads from the root just like `inputs`.
    const i = n.steps[0]?.type === 'variable' && n.steps[0].value === '$' ? 1 : 0;
    const head = n.steps[i];
    const next = n.steps[i + 1];
    if (
      head?.type === 'name' &&
      head.value === 'inputs' &&
      (next?.type !== 'name' || head.stages !== undefined)
    )
      return true;
    // Step names are covered above; only look inside their predicates and stages.
    return n.steps.some(inner);
  }
  if (n.type === 'name' && n.value === 'inputs') return true;
  return inner(n);
}

export const rule: Rule = {
  meta: {
    id: 'unused-input',
    category: 'structure',
    severity: 'warning',
    fixable: false,
    description: 'A declared input that nothing reads: callers pass a value that changes nothing.',
  },
  check(ctx) {
    const declared = Object.keys(ctx.workflow.inputs);
    if (declared.length === 0) return;
    const sources = workflowExpressions(ctx);
    if (sources.some((e) => e.error)) return;

    const read = new Set<string>();
    for (const { source } of sources) {
      try {
        for (const name of collectRefs(source).inputs.keys()) read.add(name);
        if (readsAllInputs(compileExpression(source).ast())) return;
      } catch {
        return; // cannot tell what a broken expression reads; validation reports it
      }
    }
    for (const name of declared) {
      if (read.has(name)) continue;
      ctx.report({
        message: `input "${name}" is declared but never read; remove it, or use it (e.g. \${{ inputs.${name} }})`,
        path: ['inputs', name],
        atKey: true,
      });
    }
  },
};

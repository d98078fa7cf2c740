/**
 * Hoisting loop-invariant work out of `foreach`: an option of a fan-out node that is one
 * `${{ }}` expression not reading `item`/`index` is evaluated once per item today; it moves
 * to a new `transform` node computed once, and the option reads that node's output.
 */
import { compileExpression } from '../../core/expr/jsonata.js';
import { isTemplate, parseTemplate } from '../../core/expr/template.js';
import type { NodeSpec } from '../../core/workflow.js';
import { nodeEffect } from '../effects.js';
import { nodeRefText, textFlags } from '../expr.js';
import { rawOptionsOf, updatePlan } from '../plan.js';
import type { Pass, Rewrite } from '../types.js';

/** A plain path like `nodes.a.output.x` or `inputs.n`: nothing to save by hoisting it. */
function trivial(source: string): boolean {
  const ast = compileExpression(source).ast() as {
    type: string;
    steps?: { type: string; stages?: unknown }[];
  };
  if (ast.type === 'path') return (ast.steps ?? []).every((s) => s.type === 'name' && !s.stages);
  return ast.type === 'name' || ast.type === 'string' || ast.type === 'number' || ast.type === 'value';
}

function invariantExpression(value: unknown): string | undefined {
  if (typeof value !== 'string' || !isTemplate(value)) return undefined;
  let parts;
  try {
    parts = parseTemplate(value);
  } catch {
    return undefined;
  }
  const only = parts[0];
  if (parts.length !== 1 || only?.kind !== 'expr') return undefined;
  const source = only.source;
  const f = textFlags([source]);
  if (f.usesItem || f.nondeterministic || /\$(lookup|eval)/.test(source)) return undefined;
  return trivial(source) ? undefined : source;
}

export const hoisting: Pass = {
  name: 'hoisting',
  description:
    'Moves a loop-invariant ${{ }} option out of a foreach node into a new transform computed once.',
  safety:
    'The expression reads neither item nor index, the clock nor randomness, so every item computed the same value; the foreach list is a non-empty literal and the node has no when, so the expression was evaluated at least once in the original too (a failure fails the run either way). The new node depends on exactly what the expression read.',
  provides: ['hoisted: new node id → the foreach node it came from'],
  run(plan, ctx) {
    const wf = plan.workflow;
    const nodes: Record<string, NodeSpec> = {};
    const hoisted: Record<string, string> = {};
    const rewrites: Rewrite[] = [];
    for (const id of plan.graph.order) {
      const spec = wf.nodes[id]!;
      if (!Array.isArray(spec.foreach) || spec.foreach.length === 0 || spec.when !== undefined) continue;
      if (spec.tolerateSkipped || nodeEffect(spec, ctx).opaque) continue;
      const raw = new Set(rawOptionsOf(ctx, spec.type));
      let next = spec;
      for (const [opt, value] of Object.entries(spec.options)) {
        if (raw.has(opt)) continue;
        const source = invariantExpression(value);
        if (source === undefined) continue;
        let newId = `${id}_${opt}`.replace(/[^A-Za-z0-9_-]/g, '_');
        while (newId in wf.nodes || newId in nodes) newId += '_';
        nodes[newId] = {
          id: newId,
          type: 'transform',
          description: `${opt} of ${id}, computed once (hoisted by thaiyyal optimize)`,
          options: { expression: source },
          needs: [],
          onError: { action: 'fail' },
          tolerateSkipped: false,
        };
        next = { ...next, options: { ...next.options, [opt]: `\${{ ${nodeRefText(newId)}.output }}` } };
        hoisted[newId] = id;
        rewrites.push({
          pass: 'hoisting',
          kind: 'hoist',
          nodes: [id, newId],
          message: `hoisted option "${opt}" of node "${id}" into new node "${newId}": computed once instead of once per item (${spec.foreach.length})`,
          safety: `the expression reads no item or index: it is the same for all ${spec.foreach.length} items`,
        });
      }
      if (next !== spec) nodes[id] = next;
    }
    if (rewrites.length === 0) return { plan, rewrites, facts: { hoisted } };
    return { plan: updatePlan(plan, ctx, { nodes, provenance: { hoisted } }), rewrites, facts: { hoisted } };
  },
};

/**
 * Fusion of linear chains of pure transforms (Dask's `fuse_linear`, Beam's ParDo fusion): a
 * `transform` whose only reader is another `transform` is folded into that reader's
 * expression as a bound variable, `($v := (first); second)`, so the chain runs as one node.
 */
import type { NodeSpec } from '../../core/workflow.js';
import { nodeEffect } from '../effects.js';
import { RewriteRefused, substituteOutput } from '../expr.js';
import { updatePlan } from '../plan.js';
import type { OptContext, Pass, Rewrite } from '../types.js';

/** A plain pure `transform` with a raw expression and no per-node policies. */
function plainTransform(
  spec: NodeSpec,
  ctx: OptContext,
): spec is NodeSpec & { options: { expression: string } } {
  return (
    spec.type === 'transform' &&
    typeof spec.options['expression'] === 'string' &&
    Object.keys(spec.options).length === 1 &&
    spec.when === undefined &&
    spec.foreach === undefined &&
    spec.retry === undefined &&
    spec.timeoutMs === undefined &&
    spec.onError.action === 'fail' &&
    !spec.tolerateSkipped &&
    nodeEffect(spec, ctx).effect === 'pure'
  );
}

export const fusion: Pass = {
  name: 'fusion',
  description: 'Fuses a pure transform into its only reader when that reader is a pure transform too.',
  safety:
    'The first transform is pure, has no policies, and is read by nothing else (no other node, no output, no needs), and only as `.output`: binding its expression to a variable inside the reader evaluates the same expression once on the same scope. A failure of either still fails the fused node, and every skip still propagates, since the fused node depends on what both depended on.',
  provides: ['fused: absorbed id → fused id'],
  run(plan, ctx) {
    const wf = plan.workflow;
    if (plan.index.dynamicReads) return { plan, rewrites: [], facts: { skipped: 'dynamic node reads' } };
    const outputReads = new Set(Object.values(plan.index.outputReads).flat());
    const nodes: Record<string, NodeSpec | null> = {};
    const deps: Record<string, string[]> = {};
    const fused: Record<string, string> = {};
    const rewrites: Rewrite[] = [];
    const touched = new Set<string>();
    for (const id of plan.graph.order) {
      if (touched.has(id)) continue;
      const a = wf.nodes[id]!;
      if (!plainTransform(a, ctx) || outputReads.has(id)) continue;
      const readers = plan.graph.dependents[id]!;
      if (readers.length !== 1) continue;
      const b = wf.nodes[readers[0]!]!;
      if (touched.has(b.id) || !plainTransform(b, ctx) || b.needs.includes(id)) continue;
      const next = fuse(a, b);
      if (!next) continue;
      // One fusion per node per pass run: the fixpoint loop fuses longer chains step by step.
      touched.add(a.id);
      touched.add(b.id);
      nodes[a.id] = null;
      nodes[b.id] = next;
      deps[b.id] = [...new Set([...plan.graph.deps[a.id]!, ...plan.graph.deps[b.id]!])]
        .filter((d) => d !== a.id)
        .sort();
      fused[a.id] = b.id;
      rewrites.push({
        pass: 'fusion',
        kind: 'fuse',
        nodes: [b.id, a.id],
        message: `fused node "${a.id}" into "${b.id}": one transform computes both expressions`,
        safety: `"${a.id}" is a pure transform read only by "${b.id}", and only as its output`,
      });
    }
    if (rewrites.length === 0) return { plan, rewrites, facts: { fused } };
    return {
      plan: updatePlan(plan, ctx, { nodes, deps, provenance: { fused } }),
      rewrites,
      facts: { fused },
    };
  },
};

function fuse(a: NodeSpec, b: NodeSpec): NodeSpec | undefined {
  const varName = `$fused_${a.id.replace(/[^A-Za-z0-9_]/g, '_')}`;
  const source = b.options['expression'] as string;
  if (source.includes(varName) || (a.options['expression'] as string).includes(varName)) return undefined;
  let body: string;
  try {
    body = substituteOutput(source, a.id, varName);
  } catch (err) {
    if (err instanceof RewriteRefused) return undefined;
    throw err;
  }
  const expression = `(${varName} := (${a.options['expression'] as string}); ${body})`;
  const needs = [...new Set([...a.needs, ...b.needs])];
  return { ...b, options: { expression }, needs };
}

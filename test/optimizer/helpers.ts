/** Shared helpers of the optimiser tests: real parsing of YAML workflows, a context, frozen plans. */
import { parseWorkflow } from '../../src/core/validate.js';
import type { Workflow } from '../../src/core/workflow.js';
import { nodeTypes, getNodeType } from '../../src/nodes/registry.js';
import { planOf } from '../../src/optimizer/plan.js';
import type { OptContext, OptPlan, Pass } from '../../src/optimizer/types.js';
import { rawNode } from '../../src/optimizer/yaml-edit.js';

export const ctx: OptContext = { getNodeType, now: Date.now, foreachConcurrency: 8 };

/** Parses a workflow from the YAML of its `nodes:` and `outputs:` (header added). */
export function workflow(body: string, extra = ''): Workflow {
  const text = `apiVersion: thaiyyal.dev/v1\nkind: Workflow\nname: t\n${extra}${body}`;
  const r = parseWorkflow(text, 't.yaml', nodeTypes);
  if (!r.workflow) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.workflow;
}

/** Freezes a value and everything reachable from it (so a pass that mutates its input throws). */
export function deepFreeze<T>(v: T, seen = new Set<unknown>()): T {
  if (v && typeof v === 'object' && !seen.has(v)) {
    seen.add(v);
    for (const x of Object.values(v)) deepFreeze(x, seen);
    Object.freeze(v);
  }
  return v;
}

/** A frozen plan of a workflow. */
export function frozenPlan(body: string, extra = ''): OptPlan {
  return deepFreeze(planOf(workflow(body, extra), ctx));
}

/** The plan's nodes as YAML values, in topological order. */
export function nodesOf(plan: OptPlan): Record<string, Record<string, unknown>> {
  return Object.fromEntries(plan.graph.order.map((id) => [id, rawNode(plan.workflow.nodes[id]!)]));
}

/** Runs one pass on a frozen plan; returns the new nodes, outputs, rewrite kinds and provenance. */
export async function runPass(pass: Pass, body: string, extra = '') {
  const plan = frozenPlan(body, extra);
  const r = await pass.run(plan, ctx);
  return {
    nodes: nodesOf(r.plan),
    outputs: r.plan.workflow.outputs,
    rewrites: r.rewrites.map((w) => `${w.kind} ${w.nodes.join(',')}`),
    provenance: r.plan.provenance,
    same: r.plan === plan,
  };
}

/**
 * Parallelisation: (1) drops `needs` edges that order nothing observable, so sequential
 * chains of independent reads and computations fan out; (2) lifts the default `foreach`
 * concurrency for read-only or pure fan-outs over a literal list.
 */
import { nodeReferences } from '../../core/graph.js';
import type { NodeSpec, Workflow } from '../../core/workflow.js';
import { effectWords, nodeEffect, type NodeEffect } from '../effects.js';
import { rawOptionsOf, reach, updatePlan } from '../plan.js';
import type { OptContext, Pass, Rewrite } from '../types.js';

interface MutableGraph {
  deps: Record<string, string[]>;
  dependents: Record<string, string[]>;
}

/** Largest literal `foreach` list whose concurrency is lifted to one item per slot. */
export const MAX_LIFTED_CONCURRENCY = 64;

/** Dependencies of `id` that come from a reference (not only from `needs`). */
function dataDeps(spec: NodeSpec, ctx: OptContext): Set<string> {
  const out = new Set<string>();
  for (const r of nodeReferences(spec, (t) => rawOptionsOf(ctx, t))) {
    if (r.path[2] !== 'needs') out.add(r.target);
  }
  return out;
}

/**
 * Whether the ordering edge x → y can go. Every pair (a before b) that the edge orders, with a
 * in x and its ancestors and b in y and its descendants, must stay ordered when one is a write
 * and the other is not pure; every write after y must still come after x (so a failure of x
 * still stops it); and nothing at or above x may be skipped (`when`), since a skip of x used
 * to skip y.
 */
function canDrop(
  wf: Workflow,
  g: MutableGraph,
  x: string,
  y: string,
  effects: Map<string, NodeEffect>,
): boolean {
  const up = reach(x, (n) => g.deps[n]!);
  up.add(x);
  for (const a of up) if (wf.nodes[a]!.when !== undefined || effects.get(a)!.opaque) return false;
  const down = reach(y, (n) => g.dependents[n]!);
  down.add(y);
  const nextDependents = (n: string) =>
    n === x ? g.dependents[x]!.filter((d) => d !== y) : g.dependents[n]!;
  const writesBelow = [...down].filter((b) => effects.get(b)!.effect === 'write' || effects.get(b)!.opaque);
  const impureBelow = [...down].filter((b) => effects.get(b)!.effect !== 'pure');
  if (impureBelow.length === 0) return true;
  const fromX = reach(x, nextDependents);
  if (writesBelow.some((b) => !fromX.has(b))) return false;
  for (const a of up) {
    const ea = effects.get(a)!;
    if (ea.effect === 'pure') continue;
    const targets = ea.effect === 'write' ? impureBelow : writesBelow;
    if (targets.length === 0) continue;
    const after = reach(a, (n) => (n === x ? nextDependents(n) : g.dependents[n]!));
    if (targets.some((b) => !after.has(b))) return false;
  }
  return true;
}

export const parallelize: Pass = {
  name: 'parallelize',
  description:
    'Drops needs edges that order nothing observable (independent reads and computations then run at once) and lifts default foreach concurrency for read-only fan-outs over a literal list.',
  safety:
    'An edge is dropped only when it orders no write against another effect (every such pair stays ordered through other edges), every write after it still waits for the node it needed (so a failure still stops it), and nothing it needed can be skipped. Concurrency is lifted only for pure or read-only foreach nodes without an explicit concurrency, whose items are a literal list of at most 64; the output keeps the item order.',
  provides: ['dropped: node id → needs it no longer has', 'lifted: node id → concurrency'],
  run(plan, ctx) {
    const wf = plan.workflow;
    const effects = new Map(plan.graph.order.map((id) => [id, nodeEffect(wf.nodes[id]!, ctx)]));
    const changed: Record<string, NodeSpec> = {};
    const rewrites: Rewrite[] = [];
    const g: MutableGraph = { deps: { ...plan.graph.deps }, dependents: { ...plan.graph.dependents } };
    for (const y of plan.graph.order) {
      const spec = wf.nodes[y]!;
      if (spec.needs.length === 0) continue;
      const data = dataDeps(spec, ctx);
      let needs = spec.needs;
      for (const x of spec.needs) {
        if (data.has(x)) continue;
        if (!canDrop(wf, g, x, y, effects)) continue;
        needs = needs.filter((n) => n !== x);
        changed[y] = { ...(changed[y] ?? spec), needs };
        // Copy on write: the input plan's arrays stay as they were.
        g.deps[y] = g.deps[y]!.filter((d) => d !== x);
        g.dependents[x] = g.dependents[x]!.filter((d) => d !== y);
        rewrites.push({
          pass: 'parallelize',
          kind: 'drop-needs',
          nodes: [y, x],
          message: `dropped "needs: ${x}" from node "${y}": the order orders nothing observable, so "${y}" may start without waiting`,
          safety: `"${y}" does not read "${x}"; no write is reordered against another effect and nothing "${x}" depends on can be skipped`,
        });
      }
    }
    const lifted: Record<string, number> = {};
    for (const id of plan.graph.order) {
      const spec = (changed[id] ?? wf.nodes[id])!;
      const e = effects.get(id)!;
      if (e.opaque || e.effect === 'write' || spec.concurrency !== undefined) continue;
      if (!Array.isArray(spec.foreach)) continue;
      const n = Math.min(spec.foreach.length, MAX_LIFTED_CONCURRENCY);
      if (n <= ctx.foreachConcurrency) continue;
      changed[id] = { ...spec, concurrency: n };
      lifted[id] = n;
      rewrites.push({
        pass: 'parallelize',
        kind: 'lift-concurrency',
        nodes: [id],
        message: `set "concurrency: ${n}" on node "${id}": its ${spec.foreach.length} items run at once instead of ${ctx.foreachConcurrency} at a time`,
        safety: `"${id}" is ${effectWords(e)}; its items do not depend on each other and its output keeps the item order`,
      });
    }
    if (rewrites.length === 0) return { plan, rewrites, facts: { dropped: {}, lifted } };
    const dropped = Object.fromEntries(
      Object.entries(changed)
        .filter(([id, s]) => s.needs.length !== wf.nodes[id]!.needs.length)
        .map(([id, s]) => [id, wf.nodes[id]!.needs.filter((n) => !s.needs.includes(n))]),
    );
    return { plan: updatePlan(plan, ctx, { nodes: changed }), rewrites, facts: { dropped, lifted } };
  },
};

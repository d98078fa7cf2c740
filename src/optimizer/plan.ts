/**
 * Building and rebuilding the optimiser's plan: the dependency graph of a workflow (the same
 * edges as `buildGraph` in src/core/graph.ts, without its diagnostics: passes never create
 * unknown references or cycles, and this asserts it) and copy-on-write updates. Updates are
 * incremental: unchanged nodes keep their edges, and a pass that rewrites a node may say what
 * its new dependencies are, so rewritten expressions are not parsed again. Pure.
 */
import { InternalError } from '../core/errors.js';
import { nodeReferences, type WorkflowGraph } from '../core/graph.js';
import type { Json, NodeSpec, Workflow } from '../core/workflow.js';
import { nodeExpressions, readsOf, valueReads } from './expr.js';
import type { OptContext, OptPlan, PlanIndex, Provenance } from './types.js';

export function emptyProvenance(): Provenance {
  return { merged: {}, removed: [], fused: {}, folded: [], hoisted: {} };
}

/** Raw JSONata option names of a node's type. */
export function rawOptionsOf(ctx: Pick<OptContext, 'getNodeType'>, type: string): readonly string[] {
  return ctx.getNodeType(type)?.expressionOptions ?? [];
}

/** The dependencies of one node, from its expressions and needs. */
export function depsOf(spec: NodeSpec, ctx: Pick<OptContext, 'getNodeType'>): string[] {
  const set = new Set<string>();
  for (const r of nodeReferences(spec, (t) => rawOptionsOf(ctx, t))) set.add(r.target);
  return [...set].sort();
}

/**
 * The graph of a workflow whose references are all valid and acyclic. With `prev`, nodes whose
 * spec object is unchanged keep their dependencies; `known` gives those of rewritten nodes.
 */
export function graphOf(
  wf: Workflow,
  ctx: Pick<OptContext, 'getNodeType'>,
  prev?: OptPlan,
  known: Record<string, string[]> = {},
): WorkflowGraph {
  const ids = Object.keys(wf.nodes).sort();
  const deps: Record<string, string[]> = {};
  const dependents: Record<string, string[]> = {};
  for (const id of ids) dependents[id] = [];
  for (const id of ids) {
    const spec = wf.nodes[id]!;
    const mine =
      known[id] ??
      (prev && prev.workflow.nodes[id] === spec ? prev.graph.deps[id] : undefined) ??
      depsOf(spec, ctx);
    for (const d of mine) {
      if (!(d in wf.nodes)) throw new InternalError(`optimiser: node "${id}" refers to missing node "${d}"`);
    }
    deps[id] = mine;
    for (const d of mine) dependents[d]!.push(id);
  }
  // Kahn with the smallest ready id first, like the core, so the order is deterministic
  // (a binary heap: re-sorting the ready list each step is quadratic on wide graphs).
  const pending = new Map(ids.map((id) => [id, deps[id]!.length]));
  const heap = new MinHeap();
  for (const id of ids) if (pending.get(id) === 0) heap.push(id);
  const order: string[] = [];
  while (heap.size > 0) {
    const id = heap.pop();
    order.push(id);
    for (const d of dependents[id]!) {
      const left = pending.get(d)! - 1;
      pending.set(d, left);
      if (left === 0) heap.push(d);
    }
  }
  if (order.length !== ids.length) throw new InternalError('optimiser: a rewrite created a cycle');
  return { order, deps, dependents };
}

/** The index of a workflow's expressions (parses each once; the parses are memoised). */
export function indexOf(wf: Workflow, ctx: Pick<OptContext, 'getNodeType'>): PlanIndex {
  let dynamicReads = false;
  for (const spec of Object.values(wf.nodes)) {
    const r = readsOf(nodeExpressions(spec, rawOptionsOf(ctx, spec.type)));
    if (!r || r.dynamicNodes) dynamicReads = true;
  }
  const outputReads: Record<string, string[]> = {};
  for (const [name, v] of Object.entries(wf.outputs)) {
    const r = valueReads(v);
    if (!r || r.dynamicNodes) dynamicReads = true;
    outputReads[name] = [...(r?.nodes ?? [])].sort();
  }
  return { dynamicReads, outputReads };
}

/** The initial plan of a validated workflow. */
export function planOf(wf: Workflow, ctx: Pick<OptContext, 'getNodeType'>): OptPlan {
  return { workflow: wf, graph: graphOf(wf, ctx), provenance: emptyProvenance(), index: indexOf(wf, ctx) };
}

/**
 * A new plan with some nodes replaced (`null` removes), outputs replaced and provenance
 * extended. `deps` gives the dependencies of rewritten nodes when the pass knows them;
 * `outputReads` those of rewritten outputs.
 */
export function updatePlan(
  plan: OptPlan,
  ctx: Pick<OptContext, 'getNodeType'>,
  change: {
    nodes?: Record<string, NodeSpec | null>;
    deps?: Record<string, string[]>;
    outputs?: Record<string, Json>;
    outputReads?: Record<string, string[]>;
    defaults?: Workflow['defaults'];
    provenance?: Partial<Provenance>;
  },
): OptPlan {
  const nodes = Object.create(null) as Record<string, NodeSpec>;
  for (const [id, n] of Object.entries(plan.workflow.nodes)) nodes[id] = n;
  for (const [id, n] of Object.entries(change.nodes ?? {})) {
    if (n === null) delete nodes[id];
    else nodes[id] = n;
  }
  const workflow: Workflow = {
    ...plan.workflow,
    nodes,
    outputs: change.outputs ?? plan.workflow.outputs,
    defaults: change.defaults ?? plan.workflow.defaults,
  };
  const p = plan.provenance;
  const c = change.provenance ?? {};
  const provenance: Provenance = {
    merged: { ...p.merged, ...c.merged },
    removed: [...p.removed, ...(c.removed ?? [])],
    fused: { ...p.fused, ...c.fused },
    folded: [...p.folded, ...(c.folded ?? [])],
    hoisted: { ...p.hoisted, ...c.hoisted },
  };
  let outputReads = plan.index.outputReads;
  if (change.outputs) {
    outputReads = {};
    for (const [name, v] of Object.entries(change.outputs)) {
      outputReads[name] =
        change.outputReads?.[name] ??
        (v === plan.workflow.outputs[name] ? plan.index.outputReads[name] : undefined) ??
        [...(valueReads(v)?.nodes ?? [])].sort();
    }
  }
  return {
    workflow,
    graph: graphOf(workflow, ctx, plan, change.deps),
    provenance,
    index: { dynamicReads: plan.index.dynamicReads, outputReads },
  };
}

/** Every node reachable from `start` following `next` (not including start unless on a cycle). */
export function reach(start: string, next: (id: string) => readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...next(start)];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...next(id));
  }
  return seen;
}

/** A binary min-heap of strings. */
class MinHeap {
  private items: string[] = [];
  get size(): number {
    return this.items.length;
  }
  push(v: string): void {
    const a = this.items;
    a.push(v);
    for (let i = a.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (a[p]! <= a[i]!) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): string {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]! < a[m]!) m = l;
        if (r < a.length && a[r]! < a[m]!) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

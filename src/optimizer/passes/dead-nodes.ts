/**
 * Dead-node elimination (Dask's `cull`): keep what the outputs read and every node with an
 * effect that must happen, with everything those depend on; remove the rest.
 */
import { effectWords, nodeEffect } from '../effects.js';
import { updatePlan } from '../plan.js';
import type { Pass } from '../types.js';

export const deadNodes: Pass = {
  name: 'dead-nodes',
  description: 'Removes nodes that feed no output and write nothing (pure or read-only nodes nobody reads).',
  safety:
    'A removed node is pure or only reads, and neither an output nor a kept node depends on it (by reference or needs): no output reads its value and no write is lost. `fail` and `original/*` nodes, writes and nodes declared neither pure nor idempotent are always kept. Skipped when an expression reads nodes dynamically ($lookup(nodes, …)).',
  provides: ['live: the node ids every output or write depends on'],
  run(plan, ctx) {
    const wf = plan.workflow;
    if (plan.index.dynamicReads) return { plan, rewrites: [], facts: { skipped: 'dynamic node reads' } };
    const roots = new Set<string>();
    for (const reads of Object.values(plan.index.outputReads)) for (const n of reads) roots.add(n);
    for (const id of plan.graph.order) {
      const spec = wf.nodes[id]!;
      const e = nodeEffect(spec, ctx);
      if (e.opaque || e.effect === 'write') roots.add(id);
    }
    const live = new Set<string>();
    const stack = [...roots];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (live.has(id)) continue;
      live.add(id);
      stack.push(...plan.graph.deps[id]!);
    }
    const dead = plan.graph.order.filter((id) => !live.has(id));
    if (dead.length === 0) return { plan, rewrites: [], facts: { live: [...live].sort() } };
    const next = updatePlan(plan, ctx, {
      nodes: Object.fromEntries(dead.map((id) => [id, null])),
      provenance: { removed: dead },
    });
    return {
      plan: next,
      rewrites: dead.map((id) => ({
        pass: 'dead-nodes',
        kind: 'remove',
        nodes: [id],
        message: `removed node "${id}" (${wf.nodes[id]!.type}): no output and no write depends on it`,
        safety: `"${id}" is ${effectWords(nodeEffect(wf.nodes[id]!, ctx))}; nothing kept reads it or needs it`,
      })),
      facts: { live: [...live].sort() },
    };
  },
};

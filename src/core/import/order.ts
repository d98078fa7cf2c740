/** The original's execution order and cycle detection (reference §2.2.1). */
import type { OriginalEdge } from './types.js';

/**
 * Kahn's topological sort as the original did it: start nodes (in-degree 0) sorted by id,
 * then breadth-first, following edges in edge-array order. `cycle` names the nodes of one
 * cycle (first node repeated at the end) when the graph has one.
 */
export function originalOrder(
  ids: readonly string[],
  edges: readonly OriginalEdge[],
): { order: string[]; cycle?: string[] } {
  const indegree = new Map(ids.map((id) => [id, 0]));
  const outgoing = new Map<string, OriginalEdge[]>(ids.map((id) => [id, []]));
  for (const e of edges) {
    indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
    outgoing.get(e.source)?.push(e);
  }
  const queue = ids.filter((id) => indegree.get(id) === 0).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const order: string[] = [];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    order.push(id);
    for (const e of outgoing.get(id) ?? []) {
      const d = (indegree.get(e.target) ?? 0) - 1;
      indegree.set(e.target, d);
      if (d === 0) queue.push(e.target);
    }
  }
  if (order.length === ids.length) return { order };
  return { order, cycle: findCycle(ids, edges, new Set(order)) };
}

/** One cycle among the nodes Kahn could not order, starting from the smallest id. */
function findCycle(ids: readonly string[], edges: readonly OriginalEdge[], done: Set<string>): string[] {
  const left = ids.filter((id) => !done.has(id)).sort();
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (done.has(e.source) || done.has(e.target)) continue;
    next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
  }
  // Walk from the smallest remaining id; every remaining node has an unfinished predecessor,
  // so following successors that are themselves on a cycle must revisit a node.
  const state = new Map<string, 'active' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    state.set(id, 'active');
    path.push(id);
    for (const t of next.get(id) ?? []) {
      if (state.get(t) === 'active') return [...path.slice(path.indexOf(t)), t];
      if (!state.has(t)) {
        const found = visit(t);
        if (found) return found;
      }
    }
    path.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of left) {
    if (state.has(id)) continue;
    const found = visit(id);
    if (found) return found;
  }
  return left;
}

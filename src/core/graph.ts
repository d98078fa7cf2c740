/**
 * Builds the dependency graph of a workflow: explicit `needs` plus every `nodes.<id>`
 * read by a template, `when`, `foreach` or raw JSONata option. Pure.
 */
import { Graph, alg } from '@dagrejs/graphlib';
import type { Diagnostic } from './diagnostics.js';
import { collectExpressions } from './expr/template.js';
import { collectRefs } from './expr/refs.js';
import { ExpressionSyntaxError } from './expr/jsonata.js';
import type { Json, NodeSpec, Workflow } from './workflow.js';

/** The DAG of a valid workflow. */
export interface WorkflowGraph {
  /** Node ids in topological order; ties broken by id so the order is deterministic. */
  order: string[];
  /** Node id → the ids it depends on (sorted, unique). */
  deps: Record<string, string[]>;
  /** Node id → the ids that depend on it (sorted, unique). */
  dependents: Record<string, string[]>;
}

/** Which options of a node type are raw JSONata rather than templates. */
export type ExpressionOptionsOf = (type: string) => readonly string[];

/** A reference from one place of a node to another node. */
interface Ref {
  target: string;
  path: (string | number)[];
}

/** Every node a node refers to, with where the reference is written. */
export function nodeReferences(node: NodeSpec, expressionOptionsOf: ExpressionOptionsOf): Ref[] {
  const refs: Ref[] = node.needs.map((target, i) => ({ target, path: ['nodes', node.id, 'needs', i] }));
  const raw = new Set(expressionOptionsOf(node.type));
  const scan = (value: Json | undefined, path: (string | number)[]) => {
    for (const e of collectExpressions(value, path)) {
      if (e.error) continue;
      for (const target of collectRefs(e.source).nodes.keys()) refs.push({ target, path: e.path });
    }
  };
  for (const [name, value] of Object.entries(node.options)) {
    const path = ['nodes', node.id, name];
    if (raw.has(name) && typeof value === 'string') {
      try {
        for (const target of collectRefs(value).nodes.keys()) refs.push({ target, path });
      } catch (err) {
        if (!(err instanceof ExpressionSyntaxError)) throw err;
      }
    } else scan(value, path);
  }
  if (node.when !== undefined) scan(node.when, ['nodes', node.id, 'when']);
  if (node.foreach !== undefined) scan(node.foreach, ['nodes', node.id, 'foreach']);
  return refs;
}

/**
 * Builds the graph, reporting unknown node references and cycles (each cycle once,
 * starting at its smallest id, naming every member). Returns no graph when there are errors.
 */
export function buildGraph(
  wf: Workflow,
  expressionOptionsOf: ExpressionOptionsOf,
): { graph?: WorkflowGraph; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const g = new Graph({ directed: true });
  const ids = Object.keys(wf.nodes).sort();
  for (const id of ids) g.setNode(id);
  const deps: Record<string, Set<string>> = {};
  for (const id of ids) {
    deps[id] = new Set();
    for (const ref of nodeReferences(wf.nodes[id]!, expressionOptionsOf)) {
      if (!(ref.target in wf.nodes)) {
        diagnostics.push({
          code: 'unknown-reference',
          severity: 'error',
          message: `node "${id}" refers to node "${ref.target}", which does not exist${suggest(ref.target, ids)}`,
          file: wf.source.file,
          range: wf.source.rangeOf(ref.path),
        });
        continue;
      }
      deps[id]!.add(ref.target);
      g.setEdge(ref.target, id);
    }
  }
  for (const cycle of findCycles(g)) {
    const members = cycle.join(' → ');
    diagnostics.push({
      code: 'cycle',
      severity: 'error',
      message: `nodes form a cycle: ${members} → ${cycle[0]}; remove one of these dependencies`,
      file: wf.source.file,
      range: wf.source.rangeOf(['nodes', cycle[0]!]),
    });
  }
  if (diagnostics.length > 0) return { diagnostics };
  const dependents: Record<string, string[]> = {};
  const depsOut: Record<string, string[]> = {};
  for (const id of ids) {
    depsOut[id] = [...deps[id]!].sort();
    dependents[id] = ((g.successors(id) as string[] | undefined) ?? []).slice().sort();
  }
  return { graph: { order: topoOrder(ids, depsOut, dependents), deps: depsOut, dependents }, diagnostics };
}

/** Kahn's algorithm with a sorted ready set: deterministic topological order. */
function topoOrder(
  ids: string[],
  deps: Record<string, string[]>,
  dependents: Record<string, string[]>,
): string[] {
  const pending = new Map(ids.map((id) => [id, deps[id]!.length]));
  const ready = ids.filter((id) => pending.get(id) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort();
    const id = ready.shift()!;
    order.push(id);
    for (const d of dependents[id]!) {
      const left = pending.get(d)! - 1;
      pending.set(d, left);
      if (left === 0) ready.push(d);
    }
  }
  return order;
}

/**
 * Cycles as ordered member lists, each starting at its smallest id and following edges,
 * sorted. A strongly connected component is reported as one cycle through a path of its members.
 */
function findCycles(g: Graph): string[][] {
  const cycles: string[][] = [];
  for (const scc of alg.findCycles(g) as string[][]) {
    const members = new Set(scc);
    const start = [...members].sort()[0]!;
    // Walk forward inside the component, preferring the smallest unvisited successor.
    const path = [start];
    const seen = new Set(path);
    let cur = start;
    for (;;) {
      const next = ((g.successors(cur) as string[] | undefined) ?? [])
        .filter((s) => members.has(s) && !seen.has(s))
        .sort()[0];
      if (!next) break;
      path.push(next);
      seen.add(next);
      cur = next;
    }
    for (const m of [...members].sort()) if (!seen.has(m)) path.push(m);
    cycles.push(path);
  }
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

function suggest(name: string, candidates: string[]): string {
  const close = candidates.find((c) => distance(c, name) <= 2);
  return close ? `; did you mean "${close}"?` : '';
}

/** Levenshtein distance, for "did you mean" hints. */
export function distance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

/**
 * Renders a workflow's dependency graph as text (levels), Mermaid or Graphviz DOT. Pure:
 * takes the built graph and the workflow, returns a string. Node labels are `id (type)`;
 * an edge that exists only because of the dependent's `when:` is drawn dashed.
 */
import { nodeReferences, type ExpressionOptionsOf, type WorkflowGraph } from '../core/graph.js';
import type { Workflow } from '../core/workflow.js';

export type GraphFormat = 'text' | 'mermaid' | 'dot';

/** The formats `thaiyyal graph --format` accepts. */
export const GRAPH_FORMATS: readonly GraphFormat[] = ['text', 'mermaid', 'dot'];

/** One edge: `from` must finish before `to` runs. */
export interface GraphEdge {
  from: string;
  to: string;
  /** True when `to` refers to `from` only in its `when:` condition. */
  conditional: boolean;
}

/** Every edge of the graph, in topological order of `to`, then `from`. */
export function graphEdges(
  wf: Workflow,
  graph: WorkflowGraph,
  expressionOptionsOf: ExpressionOptionsOf,
): GraphEdge[] {
  const edges: GraphEdge[] = [];
  for (const to of graph.order) {
    const node = wf.nodes[to];
    const nonWhen = new Set<string>();
    if (node) {
      for (const ref of nodeReferences(node, expressionOptionsOf))
        if (ref.path[2] !== 'when') nonWhen.add(ref.target);
    }
    for (const from of graph.deps[to] ?? [])
      edges.push({ from, to, conditional: node !== undefined && !nonWhen.has(from) });
  }
  return edges;
}

/** Longest-path level of each node: roots are level 0. */
export function graphLevels(graph: WorkflowGraph): string[][] {
  const level = new Map<string, number>();
  for (const id of graph.order) {
    const deps = graph.deps[id] ?? [];
    level.set(id, deps.length === 0 ? 0 : Math.max(...deps.map((d) => (level.get(d) ?? 0) + 1)));
  }
  const levels: string[][] = [];
  for (const id of graph.order) (levels[level.get(id)!] ??= []).push(id);
  return levels.map((l) => l.sort());
}

/** Renders the graph in one of the {@link GRAPH_FORMATS}. */
export function renderGraph(
  format: GraphFormat,
  wf: Workflow,
  graph: WorkflowGraph,
  expressionOptionsOf: ExpressionOptionsOf,
): string {
  const edges = graphEdges(wf, graph, expressionOptionsOf);
  const label = (id: string) => `${id} (${wf.nodes[id]?.type ?? '?'})`;
  switch (format) {
    case 'text':
      return renderText(wf, graph, edges, label);
    case 'mermaid':
      return renderMermaid(graph, edges, label);
    case 'dot':
      return renderDot(wf, graph, edges, label);
  }
}

function renderText(
  wf: Workflow,
  graph: WorkflowGraph,
  edges: GraphEdge[],
  label: (id: string) => string,
): string {
  const levels = graphLevels(graph);
  const lines = [`${wf.name}: ${graph.order.length} nodes in ${levels.length} levels`];
  levels.forEach((ids, i) => {
    lines.push(`level ${i}`);
    for (const id of ids) {
      const deps = edges.filter((e) => e.to === id).map((e) => (e.conditional ? `${e.from} (when)` : e.from));
      lines.push(`  ${label(id)}${deps.length > 0 ? ` ← ${deps.join(', ')}` : ''}`);
    }
  });
  return lines.join('\n') + '\n';
}

const MERMAID_RESERVED = new Set([
  'end',
  'graph',
  'subgraph',
  'flowchart',
  'style',
  'class',
  'classdef',
  'click',
]);

function renderMermaid(graph: WorkflowGraph, edges: GraphEdge[], label: (id: string) => string): string {
  const ids = new Map<string, string>();
  graph.order.forEach((id, i) => {
    const safe = /^[A-Za-z][A-Za-z0-9_]*$/.test(id) && !MERMAID_RESERVED.has(id.toLowerCase());
    ids.set(id, safe ? id : `n${i}`);
  });
  const lines = ['flowchart TD'];
  for (const id of graph.order) lines.push(`  ${ids.get(id)}["${label(id).replaceAll('"', '#quot;')}"]`);
  for (const e of edges)
    lines.push(`  ${ids.get(e.from)} ${e.conditional ? '-.->' : '-->'} ${ids.get(e.to)}`);
  return lines.join('\n') + '\n';
}

function renderDot(
  wf: Workflow,
  graph: WorkflowGraph,
  edges: GraphEdge[],
  label: (id: string) => string,
): string {
  const q = (s: string) => `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  const lines = [`digraph ${q(wf.name)} {`, '  rankdir=TB;', '  node [shape=box];'];
  for (const id of graph.order) lines.push(`  ${q(id)} [label=${q(label(id))}];`);
  for (const e of edges) lines.push(`  ${q(e.from)} -> ${q(e.to)}${e.conditional ? ' [style=dashed]' : ''};`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

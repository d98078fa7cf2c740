/**
 * Which nodes may be skipped at run time, and why: a node with a `when`, or one that depends
 * (transitively, through nodes without `tolerateSkipped`) on such a node. Shared by the
 * rules about skips.
 */
import { nodeReferences } from '../graph.js';
import type { RuleContext } from './types.js';

/** The ids each node depends on: the graph's when there is one, else inferred here. */
export function dependencies(ctx: RuleContext): Record<string, readonly string[]> {
  if (ctx.graph) return ctx.graph.deps;
  const deps: Record<string, string[]> = {};
  const expressionOptionsOf = (type: string) => ctx.nodeTypes.get(type)?.expressionOptions ?? [];
  for (const node of Object.values(ctx.workflow.nodes)) {
    let refs: string[] = [];
    try {
      refs = nodeReferences(node, expressionOptionsOf).map((r) => r.target);
    } catch {
      refs = [...node.needs];
    }
    deps[node.id] = [...new Set(refs)].filter((t) => t in ctx.workflow.nodes).sort();
  }
  return deps;
}

/**
 * Why each node may be skipped: the chain from it to a node with `when`
 * (`['report', 'fetch']` = report depends on fetch, which has a when), or null.
 */
export function skipChains(ctx: RuleContext): (id: string) => string[] | null {
  const deps = dependencies(ctx);
  const memo = new Map<string, string[] | null>();
  const visit = (id: string): string[] | null => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    memo.set(id, null); // cycle guard (cycles are reported by validation)
    const node = ctx.workflow.nodes[id];
    let chain: string[] | null = null;
    if (node && node.when !== undefined && node.when !== true) chain = [id];
    else if (node && !node.tolerateSkipped) {
      for (const d of deps[id] ?? []) {
        const sub = visit(d);
        if (sub) {
          chain = [id, ...sub];
          break;
        }
      }
    }
    memo.set(id, chain);
    return chain;
  };
  return visit;
}

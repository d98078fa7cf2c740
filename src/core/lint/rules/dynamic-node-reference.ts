/**
 * `dynamic-node-reference`: an expression of a node reads `nodes` in a way whose node id
 * cannot be known before the run (`$lookup(nodes, x)`, `nodes[…]`, `$keys(nodes)`,
 * `$each(nodes, …)`). Dependencies are inferred from `nodes.<id>`, so the nodes read this
 * way are not waited for: the expression may see them unfinished (no output yet). List them
 * in `needs`. A node that already has `needs` is trusted to list them; `outputs` are exempt
 * because they are evaluated after every node.
 */
import { collectRefs } from '../../expr/refs.js';
import type { Range } from '../../diagnostics.js';
import { nodeExpressions } from '../expressions.js';
import type { Rule } from '../types.js';

/** Where `nodes` is used without a `.name` after it; -1 when not found (then the expression start is used). */
function dynamicAt(source: string): number {
  for (const m of source.matchAll(/\bnodes\b/g)) {
    const i = m.index;
    const before = source.slice(0, i);
    if (/[$\w]$/.test(before) || (/\.\s*$/.test(before) && !/\$\$\s*\.\s*$/.test(before))) continue;
    if (/^\s*\.\s*[A-Za-z_`]/.test(source.slice(i + 5))) continue;
    return i;
  }
  return -1;
}

export const rule: Rule = {
  meta: {
    id: 'dynamic-node-reference',
    category: 'structure',
    severity: 'warning',
    fixable: false,
    description: 'An expression that reads nodes dynamically hides its dependencies; list them in needs.',
  },
  check(ctx) {
    for (const node of Object.values(ctx.workflow.nodes)) {
      if (node.needs.length > 0) continue;
      const places = nodeExpressions(ctx, node).filter((e) => !e.error);
      // Once per node (one needs list fixes them all), at the first place in the file.
      const hits: { range: Range }[] = [];
      for (const p of places) {
        let dynamic = false;
        try {
          dynamic = collectRefs(p.source).dynamicNodes;
        } catch {
          continue; // a syntax error, reported by validation
        }
        if (!dynamic) continue;
        const at = dynamicAt(p.source);
        hits.push({
          range: ctx.map.rangeInString(p.path, p.offset + Math.max(at, 0), at >= 0 ? 5 : p.source.length),
        });
      }
      hits.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.col - b.range.start.col);
      const first = hits[0];
      if (!first) continue;
      ctx.report({
        message: `node "${node.id}" reads nodes dynamically, so its dependencies cannot be inferred and the nodes it reads may not have finished; list them in "needs:"`,
        range: first.range,
      });
    }
  },
};

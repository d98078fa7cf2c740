/**
 * `skippable-output`: an output reads a node that may be skipped — it has a `when`, or it
 * depends (transitively, through nodes without `tolerateSkipped`) on one that has. After a
 * skip, `nodes.<id>.output` is null and so, usually, is the output, which callers rarely
 * expect. Outputs that look at the node's `status` (`nodes.<id>.status = 'skipped'`) handle
 * the skip themselves and are not reported.
 */
import { collectRefs } from '../../expr/refs.js';
import { collectExpressions } from '../../expr/template.js';
import { nodeRef } from '../nodes.js';
import { skipChains } from '../skips.js';
import type { Rule } from '../types.js';

/** JSONata gives the position after a name; turn it into the name's start (backticks too). */
function refStart(source: string, name: string, pos: number): number {
  for (const cand of [pos - name.length, pos - name.length - 1, pos]) {
    if (cand >= 0 && source.startsWith(name, cand)) return cand;
  }
  const found = source.indexOf(name);
  return found >= 0 ? found : 0;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const rule: Rule = {
  meta: {
    id: 'skippable-output',
    category: 'structure',
    severity: 'warning',
    fixable: false,
    description: 'An output that reads a node that may be skipped is null after the skip.',
  },
  check(ctx) {
    const chainOf = skipChains(ctx);
    for (const [name, value] of Object.entries(ctx.workflow.outputs)) {
      for (const e of collectExpressions(value, ['outputs', name])) {
        if (e.error) continue;
        let refs: ReadonlyMap<string, number>;
        try {
          refs = collectRefs(e.source).nodes;
        } catch {
          continue;
        }
        for (const [id, at] of refs) {
          const chain = chainOf(id);
          if (!chain) continue;
          const status = new RegExp(`nodes\\s*\\.\\s*(${escape(id)}|\`${escape(id)}\`)\\s*\\.\\s*status\\b`);
          if (status.test(e.source)) continue;
          const root = chain[chain.length - 1]!;
          const why =
            chain.length === 1
              ? 'it has a when'
              : `it depends on ${chain
                  .slice(1)
                  .map((c) => `"${c}"`)
                  .join(', which depends on ')}, which has a when`;
          ctx.report({
            message: `output "${name}" reads node "${id}", which may be skipped (${why}); after a skip the output is null: handle that case (e.g. check ${nodeRef(id)}.status = 'skipped')${chain.length > 1 ? `, or set tolerateSkipped on the nodes between "${id}" and "${root}"` : ''}`,
            range: ctx.map.rangeInString(e.path, e.offset + refStart(e.source, id, at), id.length),
          });
        }
      }
    }
  },
};

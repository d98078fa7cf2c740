/**
 * `redundant-tolerate-skipped`: `tolerateSkipped: true` on a node none of whose dependencies
 * can be skipped (none has a `when`, directly or through the nodes it depends on) does
 * nothing, and tells a reader to look for a skip that never happens. The fix deletes the line.
 */
import { deleteLines } from '../source-edits.js';
import { dependencies, skipChains } from '../skips.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'redundant-tolerate-skipped',
    category: 'maintainability',
    severity: 'warning',
    fixable: true,
    description: 'tolerateSkipped: true on a node whose dependencies can never be skipped does nothing.',
  },
  check(ctx) {
    const deps = dependencies(ctx);
    const chainOf = skipChains(ctx);
    for (const node of Object.values(ctx.workflow.nodes)) {
      if (!node.tolerateSkipped) continue;
      if ((deps[node.id] ?? []).some((d) => chainOf(d) !== null)) continue;
      const key = ctx.map.keyRangeOf(['nodes', node.id, 'tolerateSkipped']);
      const line = ctx.lines[key.start.line - 1] ?? '';
      // Block style only: the key alone on its line.
      const fix = /^\s*tolerateSkipped:\s*true\s*(#.*)?$/.test(line)
        ? {
            description: `remove tolerateSkipped from node "${node.id}"`,
            edits: [deleteLines(key.start.line, key.start.line)],
          }
        : undefined;
      ctx.report({
        message: `node "${node.id}" tolerates skipped dependencies, but none of them can be skipped (none has a "when"); remove tolerateSkipped`,
        path: ['nodes', node.id, 'tolerateSkipped'],
        atKey: true,
        ...(fix ? { fix } : {}),
      });
    }
  },
};

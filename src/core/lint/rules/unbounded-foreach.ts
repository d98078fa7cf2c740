/**
 * `unbounded-foreach`: a `foreach` over `http`, `exec` or `workflow` nodes without
 * `concurrency` (so the project's `limits.foreachConcurrency`, 8 by default, decides how many
 * requests, processes or sub-runs are in flight at once) or with `concurrency` above 32.
 * Fan-out against a real service or machine should say how much load it may put on it.
 * A literal list of at most 4 items is left alone: it can never have more in flight.
 */
import { blockEnd, indentOf, insertBeforeLine, nodeEntryLine } from '../source-edits.js';
import type { Fix, Rule, RuleContext } from '../types.js';

const EFFECT_TYPES = new Set(['http', 'exec', 'workflow']);
const MAX_CONCURRENCY = 32;
const SUGGESTED = 4;

/** Inserts `concurrency: 4` after the (block-style) `foreach:` entry, at its indentation. */
function addConcurrency(ctx: RuleContext, id: string): Fix | undefined {
  // Only a block-style node (`id:` alone on its line), never a flow map `{…}`.
  const keyLine = nodeEntryLine(ctx, id, 'foreach');
  if (keyLine === undefined) return undefined;
  const indent = indentOf(ctx.lines[keyLine - 1] ?? '');
  // A sequence written at the key's own indentation (`foreach:` then `- a`) is legal YAML
  // but not a block `blockEnd` can see the end of: leave that layout alone.
  const next = ctx.lines.slice(keyLine).find((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  if (next !== undefined && indentOf(next) === indent && next.trimStart().startsWith('-')) return undefined;
  const end = blockEnd(ctx.lines, keyLine, indent.length);
  return {
    description: `add "concurrency: ${SUGGESTED}" to node "${id}"`,
    edits: [insertBeforeLine(end + 1, `${indent}concurrency: ${SUGGESTED}\n`)],
  };
}

export const rule: Rule = {
  meta: {
    id: 'unbounded-foreach',
    category: 'reliability',
    severity: 'warning',
    fixable: true,
    description: 'A foreach over http, exec or workflow nodes should set its concurrency (at most 32).',
  },
  check(ctx) {
    for (const node of Object.values(ctx.workflow.nodes)) {
      if (node.foreach === undefined || !EFFECT_TYPES.has(node.type)) continue;
      if (node.concurrency === undefined) {
        if (Array.isArray(node.foreach) && node.foreach.length <= SUGGESTED) continue;
        const fix = addConcurrency(ctx, node.id);
        ctx.report({
          message: `${node.type} node "${node.id}" runs foreach without concurrency, so limits.foreachConcurrency (8 by default) items run at once against the target; set "concurrency:" to what it can take (e.g. ${SUGGESTED})`,
          path: ['nodes', node.id, 'foreach'],
          atKey: true,
          ...(fix ? { fix } : {}),
        });
      } else if (node.concurrency > MAX_CONCURRENCY) {
        ctx.report({
          message: `${node.type} node "${node.id}" runs ${node.concurrency} foreach items at once (more than ${MAX_CONCURRENCY}), enough to overload a service or machine; lower concurrency`,
          path: ['nodes', node.id, 'concurrency'],
        });
      }
    }
  },
};

/**
 * `unused-node`: a pure node (transform, condition, switch, map, filter, reduce, parse,
 * format, delay) that no other node depends on and no output reads. It has no effect on the
 * outside world, so its work is thrown away — usually a leftover of an edit. `fail` is not
 * reported (failing is its effect), nor are `log`, `http`, `exec` and `workflow` (they write).
 * Nothing is reported when some expression reads `nodes` dynamically or does not parse:
 * then any node may be read.
 *
 * `--fix` deletes the node's block (block-style `nodes:` only); comments around it stay.
 */
import { collectRefs } from '../../expr/refs.js';
import { workflowExpressions } from '../expressions.js';
import { PURE_NODE_TYPES } from '../nodes.js';
import { deleteEntry } from '../source-edits.js';
import type { Fix, Rule, RuleContext } from '../types.js';

/** The pure node types, but `fail`: failing is its effect. */
const CANDIDATE_TYPES = new Set([...PURE_NODE_TYPES].filter((t) => t !== 'fail'));

/** Every node id read by some node or output; undefined when that cannot be known. */
function readNodes(ctx: RuleContext): Set<string> | undefined {
  const used = new Set<string>();
  for (const node of Object.values(ctx.workflow.nodes)) for (const n of node.needs) used.add(n);
  const sources = workflowExpressions(ctx);
  if (sources.some((e) => e.error)) return undefined;
  for (const { nodeId: from, source } of sources) {
    try {
      const refs = collectRefs(source);
      if (refs.dynamicNodes) return undefined;
      // A node reading its own output is a cycle (reported by validation), not a use.
      for (const id of refs.nodes.keys()) if (id !== from) used.add(id);
    } catch {
      return undefined;
    }
  }
  if (ctx.graph)
    for (const [id, after] of Object.entries(ctx.graph.dependents)) if (after.length > 0) used.add(id);
  return used;
}

/** Deletes the node's whole entry under a block-style `nodes:` map. */
function deleteNode(ctx: RuleContext, id: string): Fix | undefined {
  const nodesLine = ctx.lines[ctx.map.keyRangeOf(['nodes']).start.line - 1] ?? '';
  if (!/^nodes:\s*(#.*)?$/.test(nodesLine)) return undefined;
  const keyLine = ctx.map.keyRangeOf(['nodes', id]).start.line;
  const key = (ctx.lines[keyLine - 1] ?? '').trimStart();
  if (![`${id}:`, `'${id}':`, `"${id}":`].some((k) => key.startsWith(k))) return undefined;
  return {
    description: `delete the unused node "${id}"`,
    edits: [deleteEntry(ctx.lines, keyLine)],
  };
}

export const rule: Rule = {
  meta: {
    id: 'unused-node',
    category: 'structure',
    severity: 'warning',
    fixable: true,
    description: 'A pure node whose output nothing reads does work that is thrown away.',
  },
  check(ctx) {
    const used = readNodes(ctx);
    if (!used) return;
    const ids = Object.keys(ctx.workflow.nodes);
    const unused = ids.filter((id) => CANDIDATE_TYPES.has(ctx.workflow.nodes[id]!.type) && !used.has(id));
    // Deleting every node would leave an invalid workflow: then report without fixes.
    const fixable = unused.length < ids.length;
    for (const id of unused) {
      const fix = fixable ? deleteNode(ctx, id) : undefined;
      ctx.report({
        message: `${ctx.workflow.nodes[id]!.type} node "${id}" is not used: no node depends on it and no output reads it; remove it, or read its output where it is needed`,
        path: ['nodes', id],
        atKey: true,
        ...(fix ? { fix } : {}),
      });
    }
  },
};

/**
 * `redundant-needs`: a `needs` entry that adds no ordering — the node already reads that
 * node in an expression (`nodes.<id>` makes it a dependency), the node is reachable through
 * another dependency (`needs: [a, b]` where `b` needs `a`), or the entry is listed twice.
 * Redundant entries make the real ordering constraints hard to see, and stay behind when
 * the expression that implied them changes.
 *
 * `--fix` removes the entry: from a flow list (`[a, b]`) by editing the list text, from a
 * block list by deleting its line, and the whole `needs:` when nothing is left.
 */
import type { Range } from '../../diagnostics.js';
import { nodeReferences } from '../../graph.js';
import { nodeRef } from '../nodes.js';
import { blockEnd, deleteLines, indentOf } from '../source-edits.js';
import type { Fix, Rule, RuleContext, TextEdit } from '../types.js';

/** Ids reachable from `start` by following dependencies (not including `start`). */
function ancestors(deps: Readonly<Record<string, readonly string[]>>, start: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(deps[start] ?? [])];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(deps[id] ?? []));
  }
  return seen;
}

/** The edit removing entry `i` of a node's `needs`, given which entries are removed. */
function removal(ctx: RuleContext, id: string, i: number, removed: ReadonlySet<number>): Fix | undefined {
  const needsPath = ['nodes', id, 'needs'];
  const keyLine = ctx.map.keyRangeOf(needsPath).start.line;
  const line = ctx.lines[keyLine - 1] ?? '';
  const count = ctx.workflow.nodes[id]!.needs.length;
  const description = `remove "${ctx.workflow.nodes[id]!.needs[i]}" from needs of node "${id}"`;
  const blockKey = /^\s*needs:/.test(line);
  if (removed.size === count) {
    // Nothing left: drop the whole `needs:` entry (block-style node only).
    if (!blockKey) return undefined;
    const indent = indentOf(line).length;
    let end = blockEnd(ctx.lines, keyLine, indent);
    // A list may sit at the key's own indentation (`needs:` then `- a`): those lines go too.
    while (end < ctx.lines.length && new RegExp(`^ {${indent}}-(\\s|$)`).test(ctx.lines[end]!)) end++;
    return { description, edits: [deleteLines(keyLine, end)] };
  }
  const item = (k: number): Range => ctx.map.rangeOf([...needsPath, k]);
  const at = item(i);
  const itemLine = ctx.lines[at.start.line - 1] ?? '';
  if (/^\s*-\s/.test(itemLine)) {
    // Block list: the item's line, when it holds nothing else.
    if (at.start.line !== at.end.line || !/^\s*-\s*\S+\s*(#.*)?$/.test(itemLine)) return undefined;
    return { description, edits: [deleteLines(at.start.line, at.start.line)] };
  }
  // Flow list: remove the item with the separator after it, or before it when every later item goes too.
  let edit: TextEdit;
  const laterKept = [...Array(count).keys()].some((k) => k > i && !removed.has(k));
  if (laterKept) edit = { range: { start: at.start, end: item(i + 1).start }, text: '' };
  else if (i > 0) edit = { range: { start: item(i - 1).end, end: at.end }, text: '' };
  else return undefined;
  return { description, edits: [edit] };
}

export const rule: Rule = {
  meta: {
    id: 'redundant-needs',
    category: 'structure',
    severity: 'warning',
    fixable: true,
    description: 'A needs entry already implied by an expression or another dependency, or listed twice.',
  },
  check(ctx) {
    const expressionOptionsOf = (type: string) => ctx.nodeTypes.get(type)?.expressionOptions ?? [];
    for (const node of Object.values(ctx.workflow.nodes)) {
      if (node.needs.length === 0) continue;
      let read: Map<string, (string | number)[]>;
      try {
        read = new Map(
          nodeReferences(node, expressionOptionsOf)
            .filter((r) => r.path[2] !== 'needs')
            .reverse()
            .map((r) => [r.target, r.path]),
        );
      } catch {
        continue;
      }
      const found = new Map<number, string>();
      node.needs.forEach((target, i) => {
        const where = read.get(target);
        if (node.needs.indexOf(target) < i) {
          found.set(
            i,
            `"${target}" is listed twice in needs of node "${node.id}"; remove the repeated entry`,
          );
        } else if (where) {
          found.set(
            i,
            `node "${node.id}" already depends on "${target}" because its ${where.slice(2).join('.')} reads ${nodeRef(target)}; remove it from needs`,
          );
        } else if (ctx.graph) {
          // Transitive: some other dependency already waits for the target.
          const deps = ctx.graph.deps;
          const via = (deps[node.id] ?? []).find((d) => d !== target && ancestors(deps, d).has(target));
          if (via !== undefined)
            found.set(
              i,
              `node "${node.id}" already waits for "${target}" through its dependency "${via}"; remove "${target}" from needs`,
            );
        }
      });
      const removed = new Set(found.keys());
      const single = ctx.lines[ctx.map.keyRangeOf(['nodes', node.id, 'needs']).start.line - 1] ?? '';
      // `needs: a` (a string, not a list) has no items of its own to point at.
      const isString = !/^\s*needs:\s*(\[|#|$)/.test(single) && /^\s*needs:/.test(single);
      for (const [i, message] of found) {
        const fix = removal(ctx, node.id, i, removed);
        ctx.report({
          message,
          path: isString ? ['nodes', node.id, 'needs'] : ['nodes', node.id, 'needs', i],
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
};

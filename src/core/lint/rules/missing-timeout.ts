/**
 * `missing-timeout`: an `http` or `exec` node with no `timeout` of its own and no
 * `defaults.timeout` waits as long as the project-wide default (60 s unless configured),
 * which is rarely what a reviewer expects of a network call or a process.
 */
import { indentOf, insertBeforeLine } from '../source-edits.js';
import type { Rule } from '../types.js';

const IO_TYPES = new Set(['http', 'exec']);

export const rule: Rule = {
  meta: {
    id: 'missing-timeout',
    category: 'reliability',
    severity: 'warning',
    fixable: true,
    description:
      'An http or exec node without a timeout (and no defaults.timeout) can hang a run for the project default.',
  },
  check(ctx) {
    if (ctx.workflow.defaults.timeoutMs !== undefined) return;
    for (const node of Object.values(ctx.workflow.nodes)) {
      if (!IO_TYPES.has(node.type) || node.timeoutMs !== undefined) continue;
      const typeKey = ctx.map.keyRangeOf(['nodes', node.id, 'type']);
      const line = ctx.lines[typeKey.start.line - 1] ?? '';
      // Insert `timeout:` right after `type:` at the same indentation (block style only).
      const fix =
        /^\s*type:/.test(line) && !line.includes('{')
          ? {
              description: `add "timeout: 30s" to node "${node.id}"`,
              edits: [insertBeforeLine(typeKey.start.line + 1, `${indentOf(line)}timeout: 30s\n`)],
            }
          : undefined;
      ctx.report({
        message: `${node.type} node "${node.id}" has no timeout; add one (e.g. "timeout: 30s") or set defaults.timeout`,
        path: ['nodes', node.id],
        atKey: true,
        ...(fix ? { fix } : {}),
      });
    }
  },
};

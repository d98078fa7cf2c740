/**
 * `duplicate-node`: two or more nodes of the same type with deep-equal options, `when` and
 * `foreach` (key order ignored) compute the same thing twice. For pure nodes
 * `thaiyyal optimize` merges them (common-subexpression elimination); for nodes with
 * effects the work — a request, a command, a log line — really happens twice.
 */
import { canonicalJson } from '../../json.js';
import { nodeRef, PURE_NODE_TYPES } from '../nodes.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'duplicate-node',
    category: 'maintainability',
    severity: 'warning',
    fixable: false,
    description: 'Nodes with the same type, options, when and foreach do the same work twice.',
  },
  check(ctx) {
    const first = new Map<string, string>();
    for (const node of Object.values(ctx.workflow.nodes)) {
      const key = `${node.type}\n${canonicalJson(node.options)}\n${canonicalJson(node.when)}\n${canonicalJson(node.foreach)}`;
      const original = first.get(key);
      if (original === undefined) {
        first.set(key, node.id);
        continue;
      }
      const advice = PURE_NODE_TYPES.has(node.type)
        ? `read ${nodeRef(original)}.output instead, or let "thaiyyal optimize" merge them (common-subexpression elimination)`
        : `remove one if the repeated ${node.type} call is not intended ("thaiyyal optimize" never merges nodes with effects, except GET requests and nodes marked idempotent: true)`;
      ctx.report({
        message: `node "${node.id}" repeats node "${original}" (same type, options, when and foreach); ${advice}`,
        path: ['nodes', node.id],
        atKey: true,
      });
    }
  },
};

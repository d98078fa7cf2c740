/** The retry policies written in a workflow, for the retry rules. */
import type { JsonPath } from '../parse/source-map.js';
import type { RetryPolicy } from '../workflow.js';
import type { RuleContext } from './types.js';

/** A retry policy with where it is written: how to name it in a message, and its path. */
export interface RetryPolicySite {
  where: string;
  path: JsonPath;
  policy: RetryPolicy;
}

/** Every retry policy written in the workflow: `defaults.retry`, then each node's own `retry`. */
export function retryPolicies(ctx: Pick<RuleContext, 'workflow'>): RetryPolicySite[] {
  const out: RetryPolicySite[] = [];
  if (ctx.workflow.defaults.retry)
    out.push({ where: 'defaults.retry', path: ['defaults', 'retry'], policy: ctx.workflow.defaults.retry });
  for (const node of Object.values(ctx.workflow.nodes)) {
    if (node.retry)
      out.push({
        where: `retry of node "${node.id}"`,
        path: ['nodes', node.id, 'retry'],
        policy: node.retry,
      });
  }
  return out;
}

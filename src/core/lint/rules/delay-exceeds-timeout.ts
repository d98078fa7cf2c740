/**
 * `delay-exceeds-timeout`: a `delay` node whose literal `duration` is at least its own
 * `timeout` (or `defaults.timeout`). The timeout ends the wait first, so the node always
 * fails with `timeout` — and, with retries, waits again just to fail again.
 */
import { parseDuration } from '../../duration.js';
import { formatDuration } from '../durations.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'delay-exceeds-timeout',
    category: 'reliability',
    severity: 'error',
    fixable: false,
    description: 'A delay node that waits at least as long as its timeout always times out.',
  },
  check(ctx) {
    for (const node of Object.values(ctx.workflow.nodes)) {
      if (node.type !== 'delay') continue;
      const duration = node.options.duration;
      // Templates are resolved at run time: only literal durations can be judged here.
      if (typeof duration !== 'number' && typeof duration !== 'string') continue;
      const waitMs = parseDuration(duration);
      const own = node.timeoutMs !== undefined;
      const timeoutMs = node.timeoutMs ?? ctx.workflow.defaults.timeoutMs;
      if (waitMs === undefined || timeoutMs === undefined || waitMs < timeoutMs) continue;
      ctx.report({
        message: `delay node "${node.id}" waits ${formatDuration(waitMs, 'exact')} but its timeout${own ? '' : ' (defaults.timeout)'} is ${formatDuration(timeoutMs, 'exact')}, so it always times out; shorten duration or set a timeout longer than the wait`,
        path: ['nodes', node.id, 'duration'],
      });
    }
  },
};

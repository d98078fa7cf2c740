/**
 * `original/rate_limiter`: the original `rate_limiter` node — at most `max_requests` passes
 * per `per_duration` for this node (sliding log), waiting for a free slot. Fix: the window
 * belongs to the run (the original kept it in the executor, shared by every run of the
 * server); it matters where the node runs many times in a run (e.g. a `foreach`).
 */
import { checkWait } from '../shared/limits.js';
import { defineOriginal, inputsOf, originalFailure } from '../shared/node.js';
import { durationError, goDurationString, parseOriginalDuration } from '../../../core/go-duration.js';
import { rateLog } from './store.js';

export const rateLimiter = defineOriginal<{
  max_requests?: number;
  per_duration?: string;
  strategy?: string;
}>({
  name: 'rate_limiter',
  summary:
    'Original engine: at most max_requests per per_duration (waits for a slot) → {value, rate_limited, …}.',
  category: 'flow',
  effects: 'pure',
  properties: {
    max_requests: { type: 'integer', description: 'Passes per window. Default 10.' },
    per_duration: { type: 'string', description: 'The window, a Go duration. Default 1s.' },
    strategy: { type: 'string', description: 'fixed_window (the only one the original implemented).' },
  },
  example: `gate:
  type: original/rate_limiter
  max_requests: 5
  per_duration: 1s
  inputs: [go]
`,
  async execute(options, ctx) {
    const inputs = inputsOf(options);
    const value = inputs.length > 0 ? inputs[0] : null;
    const max = typeof options.max_requests === 'number' ? options.max_requests : 10;
    const per = options.per_duration ?? '1s';
    const windowMs = parseOriginalDuration(String(per));
    if (windowMs === undefined) {
      throw originalFailure('invalid-duration', `invalid per_duration format: ${durationError(String(per))}`);
    }
    const strategy = options.strategy ?? 'fixed_window';
    if (strategy !== 'fixed_window') {
      throw originalFailure(
        'invalid-strategy',
        `unsupported rate limit strategy: ${strategy} (only fixed_window supported)`,
      );
    }
    if (max <= 0) throw originalFailure('invalid-config', 'max_requests must be positive');
    const log = rateLog(ctx, ctx.nodeId);
    const now = ctx.now();
    while (log.length > 0 && log[0]! <= now - windowMs) log.shift();
    // Reserve the slot before waiting, so concurrent passes (foreach items) queue up.
    const at = log.length >= max ? Math.max(now, log[log.length - max]! + windowMs) : now;
    checkWait(ctx, at - now, `rate_limiter wait of ${goDurationString(at - now)}`);
    log.push(at);
    if (at > now) await ctx.sleep(at - now);
    const count = log.filter((t) => t > at - windowMs && t <= at).length;
    return { value, rate_limited: true, requests_count: count, max_requests: max, window: per };
  },
});

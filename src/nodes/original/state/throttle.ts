/**
 * `original/throttle`: the original `throttle` node — lets this node pass at most
 * `requests_per_second` times a second, waiting out the gap. Fix: the last-pass time belongs
 * to the run (the original shared it across runs in the executor).
 */
import { checkWait } from '../shared/limits.js';
import { defineOriginal, inputsOf, originalFailure } from '../shared/node.js';
import { goDurationString } from '../../../core/go-duration.js';
import { setThrottleLast, throttleLast } from './store.js';

export const throttle = defineOriginal<{ requests_per_second?: number }>({
  name: 'throttle',
  summary:
    'Original engine: at least 1/requests_per_second between passes → {value, throttled, delay_ms, …}.',
  category: 'flow',
  effects: 'pure',
  properties: {
    requests_per_second: { type: 'number', description: 'Passes per second. Default 5.' },
  },
  example: `pace:
  type: original/throttle
  requests_per_second: 20
  inputs: [go]
`,
  async execute(options, ctx) {
    const inputs = inputsOf(options);
    const value = inputs.length > 0 ? inputs[0] : null;
    const rps = typeof options.requests_per_second === 'number' ? options.requests_per_second : 5;
    if (rps <= 0) {
      throw originalFailure('invalid-config', `requests_per_second must be positive, got ${rps.toFixed(6)}`);
    }
    const gapMs = 1000 / rps;
    const now = ctx.now();
    const last = throttleLast(ctx, ctx.nodeId);
    const at = last === undefined ? now : Math.max(now, last + gapMs);
    checkWait(ctx, at - now, `throttle wait of ${goDurationString(at - now)}`);
    setThrottleLast(ctx, ctx.nodeId, at);
    const wait = at - now;
    if (wait > 0) await ctx.sleep(wait);
    return { value, throttled: true, requests_per_second: rps, delay_ms: Math.floor(wait) };
  },
});

/**
 * `original/delay`: the original `delay` node — waits, then passes its input on. Waits
 * through `ctx.sleep` like the native `delay`, so node timeouts and cancellation interrupt it.
 */
import { checkWait } from '../shared/limits.js';
import { defineOriginal, inputsOf, originalFailure } from '../shared/node.js';
import { durationError, goDurationString, parseOriginalDuration } from '../../../core/go-duration.js';

export const delay = defineOriginal<{ duration?: string | number }>({
  name: 'delay',
  summary:
    'Original engine: waits `duration` (Go duration or integer ms) → {value, duration, delayed: true}.',
  category: 'flow',
  effects: 'pure',
  properties: {
    duration: {
      type: ['string', 'number'],
      description: 'A Go duration ("500ms", "1.5s", "1h30m") or an integer string of milliseconds.',
    },
  },
  required: ['duration'],
  example: `pause:
  type: original/delay
  duration: 10ms
  inputs: [ready]
`,
  async execute(options, ctx) {
    const inputs = inputsOf(options);
    const value = inputs.length > 0 ? inputs[0] : null;
    const raw = options.duration;
    if (raw === undefined || raw === null)
      throw originalFailure('invalid-config', 'delay node requires duration field');
    const text = String(raw);
    const ms = typeof raw === 'number' ? raw : parseOriginalDuration(text);
    if (ms === undefined)
      throw originalFailure('invalid-duration', `invalid duration format: ${durationError(text)}`);
    checkWait(ctx, ms, `delay of ${goDurationString(ms)}`);
    if (ms > 0) await ctx.sleep(ms);
    return { value, duration: raw, delayed: true };
  },
});

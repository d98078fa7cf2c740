/**
 * `delay`: waits for a duration. Counted as pure (no effect on the outside world); the
 * wait goes through `ctx.sleep`, so node timeouts and run cancellation interrupt it.
 */
import { parseDuration } from './shared/duration.js';
import { typeName } from './shared/values.js';
import { NodeFailure, type NodeType } from './types.js';

/** Options of `delay`. */
export interface DelayOptions {
  duration: number | string;
}

// setTimeout fires at once (with a warning) beyond 2^31-1 ms, so longer waits would
// silently not wait at all.
const MAX_DELAY_MS = 2_147_483_647;

/**
 * The `delay` node type.
 * @example
 * cooldown:
 *   type: delay
 *   duration: 2s
 */
export const delay: NodeType<DelayOptions> = {
  type: 'delay',
  summary: 'Waits for a duration (ms number or "250ms", "2s", "1m", "1h30m"); cancellable.',
  category: 'flow',
  effects: 'pure',
  optionsSchema: {
    type: 'object',
    properties: {
      duration: {
        description:
          'How long to wait: milliseconds as a number, or a string like "250ms", "2s", "1m", "1h30m".',
        oneOf: [
          { type: 'number', minimum: 0, maximum: MAX_DELAY_MS },
          { type: 'string', pattern: '^\\s*(\\d+(\\.\\d+)?|(\\d+(\\.\\d+)?(ms|s|m|h))+)\\s*$' },
        ],
      },
    },
    required: ['duration'],
    additionalProperties: false,
  },
  example: `cooldown:
  type: delay
  duration: 10ms
`,
  async execute(options, ctx) {
    const raw: unknown = options.duration;
    const ms = typeof raw === 'number' || typeof raw === 'string' ? parseDuration(raw) : undefined;
    if (ms === undefined) {
      throw new NodeFailure(
        'delay.invalid-duration',
        `delay: duration must be milliseconds or a string like "250ms", "2s", "1m"; got ${typeof raw === 'string' ? JSON.stringify(raw) : typeName(raw)}`,
      );
    }
    if (ms > MAX_DELAY_MS) {
      throw new NodeFailure(
        'delay.too-long',
        `delay: ${ms} ms is longer than the maximum of ${MAX_DELAY_MS} ms (~24.8 days)`,
      );
    }
    await ctx.sleep(ms);
    return { delayedMs: ms };
  },
};

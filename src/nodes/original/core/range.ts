/** `original/range`: the original `range` node — numbers from start to end inclusive, by step. */
import { asNumber } from '../shared/go.js';
import { defineOriginal, originalFailure } from '../shared/node.js';

/** The original's safety cap on generated items. */
export const RANGE_MAX_ITEMS = 10_000;

export const range = defineOriginal<{ start?: unknown; end?: unknown; step?: unknown }>({
  name: 'range',
  summary:
    'Original engine: numbers from start to end inclusive by step (at most 10000) → {range, count, start, end, step}.',
  category: 'data',
  effects: 'pure',
  properties: {
    start: { description: 'First number (default 0; non-numbers mean the default).' },
    end: { description: 'Last number, inclusive (default 10).' },
    step: { description: 'Increment, not 0 (default 1); negative counts down.' },
  },
  example: `oneToFive:
  type: original/range
  start: 1
  end: 5
`,
  execute(options) {
    const start = asNumber(options.start) ?? 0;
    const end = asNumber(options.end) ?? 10;
    const step = asNumber(options.step) ?? 1;
    if (step === 0) throw originalFailure('invalid-step', 'range step cannot be 0');
    if (step > 0 && start > end)
      throw originalFailure(
        'invalid-range',
        `range with positive step requires start <= end, got start=${start} end=${end}`,
      );
    if (step < 0 && start < end)
      throw originalFailure(
        'invalid-range',
        `range with negative step requires start >= end, got start=${start} end=${end}`,
      );
    const values: number[] = [];
    // Accumulates like the original (i += step), so fractional steps give the same floats.
    for (let i = start; step > 0 ? i <= end : i >= end; i += step) {
      if (values.length >= RANGE_MAX_ITEMS) {
        throw originalFailure(
          'too-many-items',
          `range would generate more than ${RANGE_MAX_ITEMS} items, adjust start/end/step`,
        );
      }
      values.push(i);
    }
    return Promise.resolve({ range: values, count: values.length, start, end, step });
  },
});

/**
 * `original/sample`: the original `sample` node — `count` items: the first, the last or a
 * random selection (Fisher–Yates over ctx.random, so a replay draws the same).
 */
import { notArrayResult } from '../shared/arrays.js';
import { asNumber, goInt } from '../shared/go.js';
import { defineOriginal, firstInput, originalFailure } from '../shared/node.js';

export const sample = defineOriginal<{ count: unknown; method?: string }>({
  name: 'sample',
  summary:
    'Original engine: count items of an array — random (default), first or last → {sample, input_count, output_count, method}.',
  category: 'data',
  // Not pure: random draws differ, so the optimiser must not merge two identical sample nodes.
  effects: 'read',
  properties: {
    count: { description: 'How many items, > 0 (1 when not a number).' },
    method: { type: 'string', default: 'random', description: 'random, first or last.' },
  },
  required: ['count'],
  example: `pick:
  type: original/sample
  count: 2
  method: first
  inputs: ['\${{ nodes.items.output }}']
`,
  execute(options, ctx) {
    const input = firstInput(options, 'sample');
    if (!Array.isArray(input)) return Promise.resolve(notArrayResult(input));
    const arr: unknown[] = input;
    const n = asNumber(options.count);
    const count = n === undefined ? 1 : goInt(n);
    if (count <= 0)
      throw originalFailure('invalid-count', `sample count must be greater than 0, got ${count}`);
    const method = options.method ?? 'random';
    let picked: unknown[];
    switch (method) {
      case 'first':
        picked = arr.slice(0, count);
        break;
      case 'last':
        picked = arr.slice(Math.max(arr.length - count, 0));
        break;
      case 'random': {
        if (count >= arr.length) {
          picked = [...arr];
          break;
        }
        // Partial Fisher–Yates: only the first `count` positions are drawn.
        const indices = arr.map((_, i) => i);
        for (let i = 0; i < count; i++) {
          const j = i + Math.min(Math.floor(ctx.random() * (indices.length - i)), indices.length - i - 1);
          [indices[i], indices[j]] = [indices[j] as number, indices[i] as number];
        }
        picked = indices.slice(0, count).map((i) => arr[i]);
        break;
      }
      default:
        throw originalFailure(
          'unknown-method',
          `unknown sample method: ${method} (must be 'random', 'first', or 'last')`,
        );
    }
    return Promise.resolve({ sample: picked, input_count: arr.length, output_count: picked.length, method });
  },
});

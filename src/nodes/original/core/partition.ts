/**
 * `original/partition`: the original `partition` node — splits an array by `condition`; an
 * item whose evaluation fails goes to `failed`.
 */
import { notArrayResult, unwrapArray } from '../shared/arrays.js';
import { evalBool } from '../shared/expr.js';
import { defineOriginal, firstInput, originalFailure } from '../shared/node.js';

export const partition = defineOriginal<{ condition: string }>({
  name: 'partition',
  summary:
    'Original engine: splits an array by an original expression → {passed, failed, passed_count, failed_count, …}.',
  category: 'data',
  effects: 'pure',
  properties: {
    condition: {
      type: 'string',
      minLength: 1,
      description:
        'An expression of the original language per item (item, index, items bound), e.g. "item > 5".',
    },
  },
  required: ['condition'],
  example: `split:
  type: original/partition
  condition: item.score >= 50
  inputs: ['\${{ nodes.results.output }}']
`,
  execute(options, ctx) {
    const input = firstInput(options, 'partition');
    const items = unwrapArray(input);
    if (!items) return Promise.resolve(notArrayResult(input));
    const condition = options.condition ?? '';
    if (condition === '')
      throw originalFailure('missing-condition', "partition node missing required 'condition' string");
    const passed: unknown[] = [];
    const failed: unknown[] = [];
    items.forEach((item, index) => {
      let met = false;
      try {
        met = evalBool(condition, ctx, options, item, { item, index, items });
      } catch {
        met = false;
      }
      (met ? passed : failed).push(item ?? null);
    });
    return Promise.resolve({
      passed,
      failed,
      passed_count: passed.length,
      failed_count: failed.length,
      input_count: items.length,
      condition,
    });
  },
});

/**
 * `original/reduce`: the original `reduce` node — folds an array with `expression`
 * (accumulator, item, index, items bound); a failing item is skipped and counted.
 */
import { evalValue } from '../shared/expr.js';
import { goTypeName } from '../shared/go.js';
import { defineOriginal, firstInput, originalFailure } from '../shared/node.js';

interface ReduceOptions {
  expression: string;
  initial_value?: unknown;
}

export const reduce = defineOriginal<ReduceOptions>({
  name: 'reduce',
  summary:
    'Original engine: folds an array with an original expression → {result, initial_value, final_value, input_count, iterations, successful, failed}.',
  category: 'data',
  effects: 'pure',
  properties: {
    expression: {
      type: 'string',
      minLength: 1,
      description:
        'An expression of the original language computing the next accumulator (accumulator, item, index, items bound), e.g. "accumulator + item".',
    },
    initial_value: { description: 'The starting accumulator; 0 when not given.' },
  },
  required: ['expression'],
  example: `total:
  type: original/reduce
  expression: accumulator + item
  initial_value: 0
  inputs: ['\${{ nodes.numbers.output }}']
`,
  execute(options, ctx) {
    const input = firstInput(options, 'reduce');
    if (!Array.isArray(input))
      throw originalFailure('not-array', `reduce node requires array input, got ${goTypeName(input)}`);
    const items: unknown[] = input;
    if (typeof options.expression !== 'string' || options.expression === '')
      throw originalFailure('missing-expression', 'reduce node requires an expression');
    let accumulator: unknown = options.initial_value ?? 0;
    let successful = 0;
    let failed = 0;
    items.forEach((item, index) => {
      try {
        accumulator =
          evalValue(options.expression, ctx, options, item, { accumulator, item, index, items }) ?? null;
        successful++;
      } catch {
        failed++;
      }
    });
    return Promise.resolve({
      result: accumulator,
      initial_value: options.initial_value ?? null,
      final_value: accumulator,
      input_count: items.length,
      iterations: successful + failed,
      successful,
      failed,
    });
  },
});

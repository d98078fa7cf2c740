/**
 * `original/accumulator`: the original `accumulator` node — folds its input into the run's
 * one accumulator (sum, product, concat, array, count).
 */
import { goTypeName } from '../shared/go.js';
import { defineOriginal, inputsOf, originalFailure } from '../shared/node.js';
import { getAccumulator, setAccumulator } from './store.js';

type AccumOp = 'sum' | 'product' | 'concat' | 'array' | 'count';

function initialValue(op: string, configured: unknown): unknown {
  if (configured !== undefined && configured !== null) return configured;
  switch (op) {
    case 'sum':
    case 'count':
      return 0;
    case 'product':
      return 1;
    case 'concat':
      return '';
    case 'array':
      return [];
    default:
      return null;
  }
}

function accumulate(op: string, acc: unknown, input: unknown): unknown {
  const number = (what: string) => {
    if (typeof acc !== 'number')
      throw originalFailure('accumulator-type', 'accumulator value is not a number');
    if (what !== 'count' && typeof input !== 'number') {
      throw originalFailure(
        'invalid-input',
        `${what} accumulator requires numeric input, got ${goTypeName(input)}`,
      );
    }
    return acc;
  };
  switch (op) {
    case 'sum':
      return number('sum') + (input as number);
    case 'product':
      return number('product') * (input as number);
    case 'count':
      return number('count') + 1;
    case 'concat':
      if (typeof acc !== 'string')
        throw originalFailure('accumulator-type', 'accumulator value is not a string');
      if (typeof input !== 'string') {
        throw originalFailure(
          'invalid-input',
          `concat accumulator requires string input, got ${goTypeName(input)}`,
        );
      }
      return acc + input;
    case 'array':
      if (!Array.isArray(acc)) throw originalFailure('accumulator-type', 'accumulator value is not an array');
      return [...(acc as unknown[]), input];
    default:
      throw originalFailure('invalid-operation', `unsupported accumulator operation: ${op}`);
  }
}

export const accumulator = defineOriginal<{ accum_op?: AccumOp; initial_value?: unknown }>({
  name: 'accumulator',
  summary: "Original engine: folds inputs[0] into the run's one accumulator → {operation, value}.",
  category: 'data',
  effects: 'write', // changes the run's state (opaque to the optimiser like every original/* type)
  properties: {
    accum_op: { enum: ['sum', 'product', 'concat', 'array', 'count'], description: 'How to accumulate.' },
    initial_value: {
      description: 'Start value when the accumulator is still empty (default 0, 1, "" or [] by operation).',
    },
  },
  required: ['accum_op'],
  example: `add:
  type: original/accumulator
  accum_op: sum
  inputs: [5]
`,
  execute(options, ctx) {
    const op = options.accum_op;
    if (typeof op !== 'string') throw originalFailure('invalid-config', 'accumulator node missing accum_op');
    let acc = getAccumulator(ctx);
    if (acc === undefined || acc === null) {
      acc = initialValue(op, options.initial_value);
      setAccumulator(ctx, acc);
    }
    const inputs = inputsOf(options);
    if (inputs.length === 0) return Promise.resolve({ operation: op, value: acc });
    const next = accumulate(op, acc, inputs[0]);
    setAccumulator(ctx, next);
    return Promise.resolve({ operation: op, value: next });
  },
});

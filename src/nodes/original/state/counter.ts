/**
 * `original/counter`: the original `counter` node — the run's one counter: increment,
 * decrement, reset, get. Fix: `initial_value` starts the counter once (when no counter node
 * has set it yet in the run); the original re-applied it on every execution, so two
 * increments with `initial_value: 10` both gave 11.
 */
import { defineOriginal, originalFailure } from '../shared/node.js';
import { getCounter, setCounter } from './store.js';

type CounterOp = 'increment' | 'decrement' | 'reset' | 'get';

export const counter = defineOriginal<{ counter_op?: CounterOp; delta?: number; initial_value?: unknown }>({
  name: 'counter',
  summary: "Original engine: the run's one counter (increment, decrement, reset, get) → {operation, value}.",
  category: 'data',
  effects: 'write', // changes the run's state (opaque to the optimiser like every original/* type)
  properties: {
    counter_op: { enum: ['increment', 'decrement', 'reset', 'get'], description: 'What to do.' },
    delta: { type: 'number', description: 'Step of increment and decrement. Default 1.' },
    initial_value: {
      description:
        'Start value (a number) when no counter node has set the counter yet; also the value of reset.',
    },
  },
  required: ['counter_op'],
  example: `hits:
  type: original/counter
  counter_op: increment
  initial_value: 10
`,
  execute(options, ctx) {
    const op = options.counter_op;
    if (typeof op !== 'string') throw originalFailure('invalid-config', 'counter node missing counter_op');
    const initial = typeof options.initial_value === 'number' ? options.initial_value : undefined;
    const state = getCounter(ctx);
    let value = state.value;
    if (!state.initialised && initial !== undefined) value = initial;
    const delta = typeof options.delta === 'number' ? options.delta : 1;
    switch (op) {
      case 'increment':
        value += delta;
        break;
      case 'decrement':
        value -= delta;
        break;
      case 'reset':
        value = initial ?? 0;
        break;
      case 'get':
        break;
      default:
        throw originalFailure(
          'invalid-operation',
          `unsupported counter operation: ${String(op)} (use increment, decrement, reset, or get)`,
        );
    }
    if (op !== 'get' || (!state.initialised && initial !== undefined)) setCounter(ctx, value);
    return Promise.resolve({ operation: op, value });
  },
});

/**
 * `original/parallel`: the original `parallel` node. The original ran nothing: it collected
 * its inputs. Fix: it is the join point of branches that really run in parallel — its
 * upstream branches are independent nodes, which the engine runs concurrently (bounded by
 * the run's concurrency) before this node collects their results in edge order.
 */
import { defineOriginal, inputsOf, originalFailure } from '../shared/node.js';

export const parallel = defineOriginal<{ max_concurrency?: number }>({
  name: 'parallel',
  summary: 'Original engine: joins branches the engine ran concurrently → {results, count, concurrency}.',
  category: 'control',
  effects: 'pure',
  properties: {
    max_concurrency: {
      type: 'integer',
      description: 'Reported as `concurrency` (default 10); the run’s concurrency bounds the branches.',
    },
  },
  example: `both:
  type: original/parallel
  inputs: [1, 2]
`,
  execute(options) {
    const inputs = inputsOf(options);
    if (inputs.length === 0) throw originalFailure('no-input', 'parallel node requires at least one input');
    const concurrency = typeof options.max_concurrency === 'number' ? options.max_concurrency : 10;
    return Promise.resolve({ results: [...inputs], count: inputs.length, concurrency });
  },
});

/**
 * `original/context_variable`: the original `context_variable` node — sets context
 * variables (`context.<name>` in original expressions; they override constants).
 */
import { defineOriginal } from '../shared/node.js';
import { CONTEXT_PROPERTIES, runContextNode, type ContextOptions } from './context.js';
import { setContextVariable } from './store.js';

export const contextVariable = defineOriginal<ContextOptions>({
  name: 'context_variable',
  summary: 'Original engine: sets typed context variables (context.<name>) → {type: "variable", variables}.',
  category: 'data',
  effects: 'write', // changes the run's state (opaque to the optimiser like every original/* type)
  properties: CONTEXT_PROPERTIES,
  example: `settings:
  type: original/context_variable
  context_values:
    - {name: threshold, value: "10", type: number}
    - {name: since, value: 1700000000, type: epoch_second}
`,
  execute(options, ctx) {
    return Promise.resolve(
      runContextNode(options, { node: 'context_variable', type: 'variable', key: 'variables' }, (n, v) =>
        setContextVariable(ctx, n, v),
      ),
    );
  },
});

/**
 * `original/context_constant`: the original `context_constant` node — sets context constants
 * (`context.<name>` in original expressions; a context variable of the same name wins).
 */
import { defineOriginal } from '../shared/node.js';
import { CONTEXT_PROPERTIES, runContextNode, type ContextOptions } from './context.js';
import { setContextConstant } from './store.js';

export const contextConstant = defineOriginal<ContextOptions>({
  name: 'context_constant',
  summary: 'Original engine: sets typed context constants (context.<name>) → {type: "const", constants}.',
  category: 'data',
  effects: 'write', // changes the run's state (opaque to the optimiser like every original/* type)
  properties: CONTEXT_PROPERTIES,
  example: `limits:
  type: original/context_constant
  context_values:
    - {name: max_items, value: 100, type: number}
`,
  execute(options, ctx) {
    return Promise.resolve(
      runContextNode(options, { node: 'context_constant', type: 'const', key: 'constants' }, (n, v) =>
        setContextConstant(ctx, n, v),
      ),
    );
  },
});

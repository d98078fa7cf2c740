/**
 * `original/variable`: the original `variable` node — sets a workflow variable to its input,
 * or reads one. Variables live for the run (`variables.<name>` in original expressions).
 */
import { defineOriginal, inputsOf, originalFailure } from '../shared/node.js';
import { getVariable, setVariable } from './store.js';

export const variable = defineOriginal<{ var_name?: string; var_op?: string; scope?: unknown }>({
  name: 'variable',
  summary: 'Original engine: sets (to its input) or gets a workflow variable → {var_name, operation, value}.',
  category: 'data',
  effects: 'write', // changes the run's state (opaque to the optimiser like every original/* type)
  properties: {
    var_name: { type: 'string', description: 'The variable name.' },
    var_op: { enum: ['get', 'set'], description: '`set` stores inputs[0]; `get` reads the variable.' },
    scope: { description: 'Accepted and ignored, as in the original.' },
  },
  required: ['var_name', 'var_op'],
  example: `remember:
  type: original/variable
  var_name: total
  var_op: set
  inputs: [42]
recall:
  type: original/variable
  var_name: total
  var_op: get
  needs: remember
`,
  execute(options, ctx) {
    const name = options.var_name;
    const op = options.var_op;
    if (typeof name !== 'string') throw originalFailure('invalid-config', 'variable node missing var_name');
    if (typeof op !== 'string')
      throw originalFailure('invalid-config', 'variable node missing var_op (get or set)');
    if (op === 'set') {
      const inputs = inputsOf(options);
      if (inputs.length === 0)
        throw originalFailure('no-input', 'variable set operation requires input value');
      setVariable(ctx, name, inputs[0]);
      return Promise.resolve({ var_name: name, operation: 'set', value: inputs[0] });
    }
    if (op === 'get') {
      const v = getVariable(ctx, name);
      if (!v.found) throw originalFailure('variable-not-found', `variable '${name}' not found`);
      return Promise.resolve({ var_name: name, operation: 'get', value: v.value });
    }
    throw originalFailure('invalid-operation', `unsupported variable operation: ${op} (use 'get' or 'set')`);
  },
});

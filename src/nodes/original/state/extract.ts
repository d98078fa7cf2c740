/** `original/extract`: the original `extract` node — picks one field (`field`) or several (`fields`) of an object. */
import { goTypeName, isMap } from '../shared/go.js';
import { defineOriginal, inputsOf, originalFailure } from '../shared/node.js';

export const extract = defineOriginal<{ field?: string; fields?: string[] }>({
  name: 'extract',
  summary:
    'Original engine: picks `field` → {field, value}, or `fields` → a sub-object, of the input object.',
  category: 'data',
  effects: 'pure',
  properties: {
    field: { type: 'string', description: 'One field: the result is {field, value}; a missing field fails.' },
    fields: {
      type: 'array',
      items: { type: 'string' },
      description: 'Several fields: the result is an object of those present.',
    },
  },
  example: `age:
  type: original/extract
  field: age
  inputs: [{name: Ada, age: 36}]
`,
  execute(options) {
    const inputs = inputsOf(options);
    if (inputs.length === 0) throw originalFailure('no-input', 'extract node requires input');
    const input = inputs[0];
    if (!isMap(input)) {
      throw originalFailure('not-object', `extract node requires object input, got ${goTypeName(input)}`);
    }
    if (typeof options.field === 'string') {
      const field = options.field;
      if (!Object.hasOwn(input, field)) {
        throw originalFailure('field-not-found', `field '${field}' not found in input object`);
      }
      return Promise.resolve({ field, value: input[field] });
    }
    if (Array.isArray(options.fields) && options.fields.length > 0) {
      const out: Record<string, unknown> = {};
      for (const f of options.fields) if (Object.hasOwn(input, f)) out[f] = input[f];
      return Promise.resolve(out);
    }
    throw originalFailure('invalid-config', "extract node requires 'field' or 'fields' configuration");
  },
});

/**
 * `original/transform`: the original `transform` node — reshapes data: all inputs to an
 * array, `[k1, v1, k2, v2…]` to an object, recursive flatten, an object's keys or values.
 * Fix: `keys` and `values` follow the sorted keys (the original used Go's random map order).
 */
import { goTypeName, isMap } from '../shared/go.js';
import { defineOriginal, inputsOf, originalFailure } from '../shared/node.js';

type TransformType = 'to_array' | 'to_object' | 'flatten' | 'keys' | 'values';

function flatten(arr: unknown[]): unknown[] | null {
  const out: unknown[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else out.push(x);
  };
  arr.forEach(walk);
  // Go: a nil slice (nothing appended) is JSON null.
  return out.length === 0 ? null : out;
}

export const transform = defineOriginal<{ transform_type?: TransformType }>({
  name: 'transform',
  summary:
    'Original engine: to_array (all inputs), to_object ([k, v, …]), flatten, keys, values (sorted keys).',
  category: 'data',
  effects: 'pure',
  properties: {
    transform_type: {
      enum: ['to_array', 'to_object', 'flatten', 'keys', 'values'],
      description: 'The transformation.',
    },
  },
  required: ['transform_type'],
  example: `pairs:
  type: original/transform
  transform_type: to_object
  inputs: [[a, 1, b, 2]]
`,
  execute(options) {
    const type = options.transform_type;
    if (typeof type !== 'string')
      throw originalFailure('invalid-config', 'transform node missing transform_type');
    const inputs = inputsOf(options);
    if (inputs.length === 0) throw originalFailure('no-input', 'transform node requires input');
    const input = inputs[0];
    switch (type) {
      case 'to_array':
        return Promise.resolve([...inputs]);
      case 'to_object': {
        if (!Array.isArray(input)) {
          throw originalFailure('not-array', `to_object requires array input, got ${goTypeName(input)}`);
        }
        const out: Record<string, unknown> = {};
        for (let i = 0; i < input.length - 1; i += 2) {
          const key: unknown = input[i];
          if (typeof key !== 'string') {
            throw originalFailure('invalid-key', `to_object requires string keys at index ${i}`);
          }
          out[key] = input[i + 1];
        }
        return Promise.resolve(out);
      }
      case 'flatten':
        if (!Array.isArray(input)) {
          throw originalFailure('not-array', `flatten requires array input, got ${goTypeName(input)}`);
        }
        return Promise.resolve(flatten(input));
      case 'keys':
      case 'values': {
        if (!isMap(input)) {
          throw originalFailure(
            'not-object',
            `${type} transform requires object input, got ${goTypeName(input)}`,
          );
        }
        const keys = Object.keys(input).sort();
        return Promise.resolve(type === 'keys' ? keys : keys.map((k) => input[k]));
      }
      default:
        throw originalFailure('invalid-operation', `unsupported transform type: ${String(type)}`);
    }
  },
});

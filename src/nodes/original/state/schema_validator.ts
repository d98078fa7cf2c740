/**
 * `original/schema_validator`: the original `schema_validator` node — validates its input
 * against a JSON Schema (draft-07, compiled with ajv at run time: the schema is the user's),
 * giving `{valid, data[, errors]}` with errors shaped like the original's gojsonschema ones
 * (`{field, type, description, value}`), or failing in `strict` mode.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { defineOriginal, inputsOf, originalFailure } from '../shared/node.js';

type Ajv = import('ajv').Ajv;
let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

async function validatorFor(schema: unknown): Promise<ValidateFunction> {
  const key = JSON.stringify(schema);
  let v = compiled.get(key);
  if (!v) {
    if (!ajv) {
      const { Ajv: AjvClass } = await import('ajv');
      ajv = new AjvClass({ allErrors: true, strict: false, validateFormats: false });
    }
    v = ajv.compile(schema as object);
    if (compiled.size >= 200) compiled.delete(compiled.keys().next().value as string);
    compiled.set(key, v);
  }
  return v;
}

/** gojsonschema's name of a JSON value's type. */
function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v === 'object' ? 'object' : typeof v;
}

function valueAt(data: unknown, pointer: string): unknown {
  let cur = data;
  for (const raw of pointer.split('/').slice(1)) {
    const k = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
  }
  return cur ?? null;
}

/** gojsonschema's `Field()`: `(root)`, or the dotted path (`address.city`, `items.0`). */
function fieldOf(pointer: string): string {
  if (pointer === '') return '(root)';
  return pointer
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

/** One ajv error as the original reported it. */
export function toOriginalError(e: ErrorObject, data: unknown): Record<string, unknown> {
  const p = e.params as Record<string, unknown>;
  const field = fieldOf(e.instancePath);
  const value = valueAt(data, e.instancePath);
  const shape = (type: string, description: string) => ({ field, type, description, value });
  switch (e.keyword) {
    case 'required':
      return shape('required', `${String(p['missingProperty'])} is required`);
    case 'type':
      return shape('invalid_type', `Invalid type. Expected: ${String(p['type'])}, given: ${jsonType(value)}`);
    case 'minimum':
      return shape('number_gte', `Must be greater than or equal to ${String(p['limit'])}`);
    case 'maximum':
      return shape('number_lte', `Must be less than or equal to ${String(p['limit'])}`);
    case 'exclusiveMinimum':
      return shape('number_gt', `Must be greater than ${String(p['limit'])}`);
    case 'exclusiveMaximum':
      return shape('number_lt', `Must be less than ${String(p['limit'])}`);
    case 'minLength':
      return shape('string_gte', `String length must be greater than or equal to ${String(p['limit'])}`);
    case 'maxLength':
      return shape('string_lte', `String length must be less than or equal to ${String(p['limit'])}`);
    case 'pattern':
      return shape('pattern', `Does not match pattern '${String(p['pattern'])}'`);
    case 'enum':
      return shape(
        'enum',
        `${field} must be one of the following: ${(p['allowedValues'] as unknown[]).map((x) => JSON.stringify(x)).join(', ')}`,
      );
    case 'minItems':
      return shape('array_min_items', `Array must have at least ${String(p['limit'])} items`);
    case 'maxItems':
      return shape('array_max_items', `Array must have at most ${String(p['limit'])} items`);
    case 'additionalProperties':
      return shape(
        'additional_property_not_allowed',
        `Additional property ${String(p['additionalProperty'])} is not allowed`,
      );
    case 'const':
      return shape('const', `${field} does not match: ${JSON.stringify(p['allowedValue'])}`);
    default:
      return shape(e.keyword, e.message ?? e.keyword);
  }
}

export const schemaValidator = defineOriginal<{ schema?: Record<string, unknown>; strict?: boolean }>({
  name: 'schema_validator',
  summary:
    'Original engine: validates inputs[0] against a JSON Schema → {valid, data[, errors]}; strict fails.',
  category: 'data',
  effects: 'pure',
  properties: {
    schema: {
      type: 'object',
      required: ['type'],
      description: 'A JSON Schema (draft-07) object with a `type`.',
    },
    strict: {
      type: 'boolean',
      description: 'Fail with "validation failed: N errors found" instead. Default false.',
    },
  },
  required: ['schema'],
  example: `checked:
  type: original/schema_validator
  schema: {type: object, required: [name], properties: {name: {type: string}}}
  inputs: [{name: Ada}]
`,
  async execute(options) {
    const inputs = inputsOf(options);
    const input = inputs.length > 0 ? inputs[0] : null;
    if (input === null || input === undefined) {
      throw originalFailure('no-input', 'no input provided for validation');
    }
    if (options.schema === undefined || options.schema === null) {
      throw originalFailure('invalid-config', 'schema not provided');
    }
    let validate: ValidateFunction;
    try {
      validate = await validatorFor(options.schema);
    } catch (err) {
      throw originalFailure(
        'invalid-schema',
        `schema validation failed: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    if (validate(input)) return { valid: true, data: input };
    const errors = (validate.errors ?? []).map((e) => toOriginalError(e, input));
    if (options.strict === true) {
      throw originalFailure('validation-failed', `validation failed: ${errors.length} errors found`, {
        errors,
      });
    }
    return { valid: false, data: input, errors };
  },
});

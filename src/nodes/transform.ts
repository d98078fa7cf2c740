/**
 * `transform`: computes a value with a raw JSONata expression over the run scope, or
 * passes a (templated) JSON value through unchanged.
 */
import { FailureCode, NodeFailure, type NodeType } from './types.js';

/** Options of `transform`: exactly one of `expression` or `value`. */
export interface TransformOptions {
  expression?: string;
  value?: unknown;
}

/**
 * The `transform` node type.
 * @example
 * total:
 *   type: transform
 *   expression: $sum(nodes.fetch.output.body.price)
 */
export const transform: NodeType<TransformOptions> = {
  type: 'transform',
  summary: 'Computes a value with a JSONata expression, or returns a templated JSON value as is.',
  category: 'data',
  effects: 'pure',
  optionsSchema: {
    type: 'object',
    properties: {
      expression: {
        type: 'string',
        minLength: 1,
        description:
          'Raw JSONata (no ${{ }}) evaluated against inputs, nodes.<id>.output, env, secrets and run; the result is the output.',
      },
      value: {
        description: 'Any JSON value, templates resolved, returned unchanged. Use instead of expression.',
      },
    },
    // "Exactly one": both present or both missing is an error.
    // (`properties` repeated inside so ajv's strictRequired accepts the branches.)
    oneOf: [
      { properties: { expression: true }, required: ['expression'] },
      { properties: { value: true }, required: ['value'] },
    ],
    additionalProperties: false,
  },
  expressionOptions: ['expression'],
  example: `total:
  type: transform
  expression: '$sum([{"price": 2}, {"price": 3}].price)'
`,
  async execute(options, ctx) {
    // The engine hands raw JSONata options to ctx.evaluate, not in `options`, so only
    // `value` is visible here: "exactly one" is enforced by the schema's oneOf. The check
    // below covers callers that pass everything in `options` (tests, direct use).
    if (Object.hasOwn(options, 'value')) {
      if (Object.hasOwn(options, 'expression')) {
        throw new NodeFailure(
          FailureCode.invalidOptions,
          'transform: give either "expression" (raw JSONata) or "value" (JSON), not both',
        );
      }
      return options.value ?? null;
    }
    return ctx.evaluate('expression');
  },
};

/**
 * `original/expression`: the original `expression` node — evaluates an expression of the
 * original language against inputs[0] (bound as `input`); a comparison gives its boolean.
 */
import { errorMessage, evalBool, evalValue } from '../shared/expr.js';
import { defineOriginal, firstInput, originalFailure } from '../shared/node.js';

/** The original's cap on the expression text. */
export const MAX_EXPRESSION_LENGTH = 10_000;

export const expression = defineOriginal<{ expression: string }>({
  name: 'expression',
  summary: 'Original engine: evaluates an original expression on the input (bound as `input`) → its value.',
  category: 'data',
  effects: 'pure',
  properties: {
    expression: {
      type: 'string',
      minLength: 1,
      maxLength: MAX_EXPRESSION_LENGTH,
      description:
        'An expression of the original language, e.g. "input * 2", "input.price * input.qty" or "input > 100 ? \'high\' : \'low\'" (at most 10000 characters).',
    },
  },
  required: ['expression'],
  example: `double:
  type: original/expression
  expression: input * 2
  inputs: ['\${{ nodes.n1.output }}']
`,
  execute(options, ctx) {
    const input = firstInput(options, 'expression');
    if (typeof options.expression !== 'string' || options.expression === '') {
      return Promise.resolve({ result: input ?? null, warning: 'no expression specified' });
    }
    if (options.expression.length > MAX_EXPRESSION_LENGTH)
      throw originalFailure('expression-too-long', 'expression is too long (max 10000 characters)');
    const bindings = { input };
    try {
      return Promise.resolve(evalValue(options.expression, ctx, options, input, bindings) ?? null);
    } catch (valueError) {
      try {
        return Promise.resolve(evalBool(options.expression, ctx, options, input, bindings));
      } catch {
        throw originalFailure('expression', `expression evaluation failed: ${errorMessage(valueError)}`);
      }
    }
  },
});

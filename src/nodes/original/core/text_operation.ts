/**
 * `original/text_operation`: the original `text_operation` node — case changes, concat of all
 * inputs, repeat.
 */
import { limitFailure, originalLimits } from '../shared/limits.js';
import { goLower, goUpper, toCamelCase, toInverseCase, toTitleCase } from '../shared/text.js';
import { defineOriginal, inputsOf, originalFailure } from '../shared/node.js';
import type { NodeContext } from '../../types.js';

interface TextOperationOptions {
  text_op: string;
  separator?: string;
  repeat_n?: number;
}

export const textOperation = defineOriginal<TextOperationOptions>({
  name: 'text_operation',
  summary: 'Original engine: uppercase, lowercase, titlecase, camelcase, inversecase, concat or repeat text.',
  category: 'data',
  effects: 'pure',
  properties: {
    text_op: {
      type: 'string',
      description:
        'uppercase, lowercase, titlecase, camelcase, inversecase (on inputs[0]), concat (all inputs) or repeat (inputs[0], repeat_n times).',
    },
    separator: { type: 'string', default: '', description: 'concat: placed between the inputs.' },
    repeat_n: { type: 'integer', description: 'repeat: how many times (≥ 0); required for repeat.' },
  },
  required: ['text_op'],
  example: `shout:
  type: original/text_operation
  text_op: uppercase
  inputs: ['\${{ nodes.greeting.output }}']
`,
  execute(options, ctx) {
    if (typeof options.text_op !== 'string')
      throw originalFailure('missing-op', 'text operation node missing text_op');
    const inputs = inputsOf(options);
    if (inputs.length === 0) throw originalFailure('no-input', 'text operation needs at least 1 input');
    const op = options.text_op;
    if (op === 'concat') {
      const parts = inputs.map((v, i) => {
        if (typeof v !== 'string')
          throw originalFailure('not-string', `concat operation input ${i} must be text/string`);
        return v;
      });
      return Promise.resolve(checkLength(ctx, parts.join(options.separator ?? '')));
    }
    if (op === 'repeat') {
      const text = inputs[0];
      if (typeof text !== 'string')
        throw originalFailure('not-string', 'repeat operation input must be text/string');
      const n = options.repeat_n;
      if (typeof n !== 'number')
        throw originalFailure('missing-repeat-n', 'repeat operation requires repeat_n field');
      if (n < 0) throw originalFailure('invalid-repeat-n', `repeat_n must be non-negative, got ${n}`);
      // Fix: the original built any size; the result is bounded by original.limits.maxStringLength.
      const max = originalLimits(ctx).maxStringLength;
      if (max > 0 && text.length * n > max) {
        throw limitFailure(
          'maxStringLength',
          `string too long: ${text.length * n} characters (limit: ${max})`,
          text.length * n,
        );
      }
      return Promise.resolve(text.repeat(n));
    }
    const text = inputs[0];
    if (typeof text !== 'string')
      throw originalFailure('not-string', 'text operation input must be text/string');
    switch (op) {
      case 'uppercase':
        return Promise.resolve(goUpper(text));
      case 'lowercase':
        return Promise.resolve(goLower(text));
      case 'titlecase':
        return Promise.resolve(toTitleCase(text));
      case 'camelcase':
        return Promise.resolve(toCamelCase(text));
      case 'inversecase':
        return Promise.resolve(toInverseCase(text));
      default:
        throw originalFailure('unknown-op', `unknown text operation: ${op}`);
    }
  },
});

function checkLength(ctx: NodeContext, s: string): string {
  const max = originalLimits(ctx).maxStringLength;
  if (max > 0 && s.length > max) {
    throw limitFailure(
      'maxStringLength',
      `string too long: ${s.length} characters (limit: ${max})`,
      s.length,
    );
  }
  return s;
}

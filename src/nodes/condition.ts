/**
 * `condition`: turns a value into a boolean branch that downstream nodes select with
 * `when: ${{ nodes.<id>.output.result }}` (or `.branch = 'else'`).
 */
import { truthy } from './shared/values.js';
import type { NodeType } from './types.js';

/** Options of `condition`. */
export interface ConditionOptions {
  if: unknown;
  then?: unknown;
  else?: unknown;
}

/** Output of `condition`; one shape whichever branch is taken. */
export interface ConditionOutput {
  result: boolean;
  branch: 'then' | 'else';
  /** The `then` or `else` option of the branch taken; null when that option is not set. */
  value: unknown;
}

/**
 * The `condition` node type.
 * @example
 * adult:
 *   type: condition
 *   if: ${{ inputs.age >= 18 }}
 */
export const condition: NodeType<ConditionOptions> = {
  type: 'condition',
  summary: 'Tests a value for truthiness and reports the branch taken (then/else) for `when` to select.',
  category: 'control',
  effects: 'pure',
  optionsSchema: {
    type: 'object',
    properties: {
      if: {
        description:
          'The value to test, usually ${{ … }}. Truthy per JSONata $boolean: null, false, 0, "", [] and {} are false.',
      },
      then: { description: 'Output `value` when the test is truthy (any JSON, templates resolved).' },
      else: { description: 'Output `value` when the test is falsy (any JSON, templates resolved).' },
    },
    required: ['if'],
    additionalProperties: false,
  },
  example: `adult:
  type: condition
  if: \${{ 21 >= 18 }}
  then: adult
  else: minor
`,
  async execute(options) {
    const result = await truthy(options.if);
    const out: ConditionOutput = result
      ? { result, branch: 'then', value: options.then ?? null }
      : { result, branch: 'else', value: options.else ?? null };
    return out;
  },
};

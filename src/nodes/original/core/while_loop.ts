/**
 * `original/while_loop`: the original `while_loop` node, made real — with `body` (a workflow
 * file), the body runs while `condition` holds on the latest value, each run getting
 * `{value, iteration}` and its result becoming the next value; `max_iterations` bounds it.
 */
import { checkBodyFile, runBody } from '../shared/body.js';
import { evalBool } from '../shared/expr.js';
import { legacyCondition } from '../shared/legacy.js';
import { checkIterations } from '../shared/limits.js';
import { defineOriginal, firstInput, originalFailure, type CommonOptions } from '../shared/node.js';
import type { NodeContext } from '../../types.js';

/** The original's default cap (lower than for_each's). */
export const WHILE_LOOP_MAX_ITERATIONS = 100;

interface WhileLoopOptions {
  condition: string;
  max_iterations?: number;
  body?: string;
}

function holds(expr: string, value: unknown, ctx: NodeContext, options: CommonOptions): boolean {
  try {
    return evalBool(expr, ctx, options, value);
  } catch {
    // The original only knew the legacy numeric conditions (">5", "true").
    return legacyCondition(expr, value);
  }
}

export const whileLoop = defineOriginal<WhileLoopOptions>({
  name: 'while_loop',
  summary:
    'Original engine: runs a body workflow while a condition holds on its latest result → {final_value, iterations, condition}.',
  category: 'flow',
  effects: 'write',
  properties: {
    condition: {
      type: 'string',
      description:
        'An expression of the original language on the current value, e.g. "<100" or "input.done == false"; checked before every iteration.',
    },
    max_iterations: {
      type: 'integer',
      default: WHILE_LOOP_MAX_ITERATIONS,
      description:
        'Fail when the condition still holds after this many iterations (0 or less: the default 100).',
    },
    body: {
      type: 'string',
      minLength: 1,
      description:
        "The loop body: a workflow file (relative to this workflow's directory, inside the project) run with inputs value (the current value) and iteration (0-based; declare both). Its `result` output (else all its outputs) is the next value. Without a body the value never changes, like the original.",
    },
  },
  required: ['condition'],
  example: `grow:
  type: original/while_loop
  condition: '<100'
  body: ./double.yaml
  inputs: ['\${{ nodes.start.output }}']
`,
  async execute(options, ctx) {
    if (typeof options.condition !== 'string')
      throw originalFailure('missing-condition', 'while_loop node missing condition');
    let value = firstInput(options, 'while_loop') ?? null;
    const max =
      typeof options.max_iterations === 'number' && options.max_iterations > 0
        ? Math.trunc(options.max_iterations)
        : WHILE_LOOP_MAX_ITERATIONS;
    const exceeded = () =>
      originalFailure('max-iterations', `while_loop exceeded max iterations: ${max}`, {
        max_iterations: max,
      });
    if (options.body === undefined) {
      // Nothing changes the value: a true condition can only hit the limit.
      if (holds(options.condition, value, ctx, options)) throw exceeded();
      return { final_value: value, iterations: 0, condition: options.condition };
    }
    const file = checkBodyFile(options.body, ctx, 'while_loop');
    let iterations = 0;
    while (holds(options.condition, value, ctx, options)) {
      if (iterations >= max) throw exceeded();
      checkIterations(ctx, iterations + 1);
      const outcome = await runBody(ctx, file, { value, iteration: iterations });
      if (!outcome.ok) {
        throw originalFailure(
          'loop-body',
          `while_loop body failed at iteration ${iterations}: ${outcome.error}`,
          {
            iteration: iterations,
          },
        );
      }
      value = outcome.value ?? null;
      iterations++;
    }
    return { final_value: value, iterations, condition: options.condition };
  },
});

/**
 * `original/for_each`: the original `for_each` node, made real — with `body` (a workflow
 * file), the body runs once per item, in order, with inputs `{value, position}` (the item
 * and its 0-based index; `item`/`index` are reserved names in thaiyyal templates); a failed
 * iteration is counted and the loop goes on, as the original intended.
 */
import { checkBodyFile, runBody } from '../shared/body.js';
import { goTypeName } from '../shared/go.js';
import { checkIterations } from '../shared/limits.js';
import { defineOriginal, firstInput, originalFailure } from '../shared/node.js';

/** The original's default cap (its `Config.MaxIterations` was ignored). */
export const FOR_EACH_MAX_ITERATIONS = 1000;

interface ForEachOptions {
  max_iterations?: number;
  body?: string;
}

export const forEach = defineOriginal<ForEachOptions>({
  name: 'for_each',
  summary:
    'Original engine: runs a body workflow once per array item → {input_count, iterations, successful, failed, results, errors}.',
  category: 'flow',
  effects: 'write',
  properties: {
    max_iterations: {
      type: 'integer',
      default: FOR_EACH_MAX_ITERATIONS,
      description: 'Fail when the array has more items than this (0 or less: the default 1000).',
    },
    body: {
      type: 'string',
      minLength: 1,
      description:
        "The loop body: a workflow file (relative to this workflow's directory, inside the project) run once per item with inputs value (the item) and position (its 0-based index; declare both). Its value is its `result` output when declared, else all its outputs. Without a body the loop only counts, like the original.",
    },
  },
  example: `each:
  type: original/for_each
  body: ./per-item.yaml
  inputs: ['\${{ nodes.users.output }}']
`,
  async execute(options, ctx) {
    const input = firstInput(options, 'for_each');
    if (!Array.isArray(input))
      throw originalFailure('not-array', `for_each node requires array input, got ${goTypeName(input)}`);
    const items: unknown[] = input;
    const max =
      typeof options.max_iterations === 'number' && options.max_iterations > 0
        ? Math.trunc(options.max_iterations)
        : FOR_EACH_MAX_ITERATIONS;
    if (items.length > max) {
      throw originalFailure('max-iterations', `for_each exceeds max iterations: ${items.length} > ${max}`, {
        items: items.length,
        max_iterations: max,
      });
    }
    checkIterations(ctx, items.length);
    if (options.body === undefined) {
      return { input_count: items.length, iterations: items.length, successful: items.length, failed: 0 };
    }
    const file = checkBodyFile(options.body, ctx, 'for_each');
    const results: unknown[] = [];
    const errors: { index: number; error: string }[] = [];
    for (const [index, item] of items.entries()) {
      const outcome = await runBody(ctx, file, { value: item ?? null, position: index });
      if (outcome.ok) results.push(outcome.value);
      else {
        results.push(null);
        errors.push({ index, error: outcome.error });
      }
    }
    return {
      input_count: items.length,
      iterations: items.length,
      successful: items.length - errors.length,
      failed: errors.length,
      results,
      errors,
    };
  },
});

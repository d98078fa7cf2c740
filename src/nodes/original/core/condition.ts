/**
 * `original/condition`: the original `condition` node — evaluates `condition` on inputs[0]
 * and passes the input on with which path was taken; edges gate on `path`.
 */
import { evalBool } from '../shared/expr.js';
import { legacyCondition } from '../shared/legacy.js';
import { defineOriginal, firstInput, originalFailure } from '../shared/node.js';

interface ConditionOptions {
  condition: string;
  true_path?: unknown;
  false_path?: unknown;
}

export const condition = defineOriginal<ConditionOptions>({
  name: 'condition',
  summary:
    'Original engine: evaluates an original expression on the input → {value, condition_met, condition, path, true_path, false_path}.',
  category: 'control',
  effects: 'pure',
  properties: {
    condition: {
      type: 'string',
      description:
        'An expression of the original language, e.g. "input > 100", ">=18" or "node.http1.status == 200"; falls back to the legacy numeric parser when it fails.',
    },
    true_path: { description: 'Unused by the original engine; accepted.' },
    false_path: { description: 'Unused by the original engine; accepted.' },
  },
  required: ['condition'],
  example: `check:
  type: original/condition
  condition: '>=18'
  inputs: ['\${{ nodes.age.output }}']
`,
  execute(options, ctx) {
    if (typeof options.condition !== 'string')
      throw originalFailure('missing-condition', 'condition node missing condition');
    const input = firstInput(options, 'condition');
    let met: boolean;
    try {
      met = evalBool(options.condition, ctx, options, input);
    } catch {
      met = legacyCondition(options.condition, input);
    }
    return Promise.resolve({
      value: input ?? null,
      condition_met: met,
      condition: options.condition,
      path: met ? 'true' : 'false',
      true_path: met,
      false_path: !met,
    });
  },
});

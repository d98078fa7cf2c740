/**
 * `undocumented-input`: a declared input without a `description`. Inputs are a workflow's
 * interface: `thaiyyal run --input`, editors (through the JSON Schema) and calling workflows
 * show the description, so a missing one leaves callers guessing what to pass.
 */
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'undocumented-input',
    category: 'maintainability',
    severity: 'warning',
    fixable: false,
    description: 'An input without a description leaves callers guessing what to pass.',
  },
  check(ctx) {
    for (const [name, spec] of Object.entries(ctx.workflow.inputs)) {
      if (spec.description !== undefined && spec.description.trim() !== '') continue;
      ctx.report({
        message: `input "${name}" has no description; add "description:" saying what to pass (format, example, effect)`,
        path: ['inputs', name],
        atKey: true,
      });
    }
  },
};

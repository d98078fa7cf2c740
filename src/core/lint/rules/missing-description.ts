/**
 * `missing-description`: a workflow without a top-level `description`. The description is
 * what `thaiyyal` listings, the fleet and reviewers show next to the name; without it a
 * reader has to open the nodes to learn what the workflow is for.
 */
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'missing-description',
    category: 'maintainability',
    severity: 'info',
    fixable: false,
    description: 'A workflow without a description leaves readers to guess what it is for from its nodes.',
  },
  check(ctx) {
    const { description, name } = ctx.workflow;
    if (description !== undefined && description.trim() !== '') return;
    ctx.report({
      message:
        description === undefined
          ? `workflow "${name}" has no description; add a top-level "description:" that says what it does`
          : `workflow "${name}" has an empty description; say what the workflow does`,
      // No key to point at when it is missing: the name is the closest thing.
      path: description === undefined ? ['name'] : ['description'],
      atKey: true,
    });
  },
};

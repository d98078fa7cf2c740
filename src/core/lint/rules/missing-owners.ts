/**
 * `missing-owners`: a workflow without `owners`. When a run fails at 3 a.m. (or a lint rule
 * fires in CI), `owners` says which team or person to ask; without it the workflow belongs
 * to nobody.
 */
import { hasKey } from '../keys.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'missing-owners',
    category: 'maintainability',
    severity: 'info',
    fixable: false,
    description: 'A workflow without owners has nobody to ask when it fails or needs a change.',
  },
  check(ctx) {
    const { owners, name } = ctx.workflow;
    if (owners.some((o) => typeof o === 'string' && o.trim() !== '')) return;
    // `owners: []` has a key to point at; a missing one does not (its key range equals the document's).
    const present = hasKey(ctx, ['owners']);
    ctx.report({
      message: present
        ? `workflow "${name}" has an empty owners list; name the teams or people responsible for it`
        : `workflow "${name}" has no owners; add "owners: [team-name]" so failures reach someone`,
      path: present ? ['owners'] : ['name'],
      atKey: true,
    });
  },
};

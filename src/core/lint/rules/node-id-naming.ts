/**
 * `node-id-naming`: node ids should read the same way across a workflow — camelCase
 * (`fetchUser`) or kebab-case (`fetch-user`), one style per workflow. Ids with `_` or a
 * leading capital are reported always; ids of the other style are reported when the
 * workflow's majority style is clear (a tie counts as camelCase, which needs no backticks
 * in expressions). Ids that fit both styles (`fetch`) do not vote.
 */
import type { Rule } from '../types.js';

const CAMEL = /^[a-z][a-zA-Z0-9]*$/;
const KEBAB = /^[a-z][a-z0-9-]*$/;

type Style = 'camelCase' | 'kebab-case';

/** The words of an id: split on `_`/`-` and before capitals (`fetch_UserID` → fetch, user, id). */
function words(id: string): string[] {
  return id
    .split(/[_-]+/)
    .flatMap((part) => part.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/))
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
}

/** The id rewritten in `style`, or undefined when no valid id comes out. */
function renamed(id: string, style: Style): string | undefined {
  const ws = words(id);
  const out =
    style === 'kebab-case'
      ? ws.join('-')
      : ws.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  return (style === 'kebab-case' ? KEBAB : CAMEL).test(out) && out !== id ? out : undefined;
}

export const rule: Rule = {
  meta: {
    id: 'node-id-naming',
    category: 'maintainability',
    severity: 'warning',
    fixable: false,
    description: 'Node ids should be camelCase or kebab-case, one style per workflow.',
  },
  check(ctx) {
    const ids = Object.keys(ctx.workflow.nodes);
    let camel = 0;
    let kebab = 0;
    for (const id of ids) {
      const c = CAMEL.test(id);
      const k = KEBAB.test(id);
      if (c && !k) camel++;
      else if (k && !c) kebab++;
    }
    const style: Style = kebab > camel ? 'kebab-case' : 'camelCase';
    const fits = style === 'camelCase' ? CAMEL : KEBAB;
    for (const id of ids) {
      if (fits.test(id)) continue;
      const to = renamed(id, style);
      const why = /^[A-Z]/.test(id)
        ? 'starts with a capital letter'
        : id.includes('_')
          ? 'contains "_"'
          : `is not ${style} like the other ids of this workflow`;
      ctx.report({
        message: `node id "${id}" ${why}; ${to ? `rename it to "${to}"` : `rename it in ${style}`} and update its references`,
        path: ['nodes', id],
        atKey: true,
      });
    }
  },
};

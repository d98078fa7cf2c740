/**
 * `secret-in-log`: a `log` node whose `message` or `data` reads `secrets.X` (or an input
 * declared `secret: true`). The run log redacts secret values, so the line shows `***`:
 * logging a secret is useless at best, and a mistake that leaks it wherever the text is copied
 * before redaction (e.g. a transformed or encoded secret is not recognised). Log what was done
 * with the secret instead.
 */
import { collectExpressions } from '../../expr/template.js';
import { secretReads } from '../secrets.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'secret-in-log',
    category: 'security',
    severity: 'error',
    fixable: false,
    description:
      'A log node that writes a secret is a mistake: the value is redacted at best and leaked at worst.',
  },
  check(ctx) {
    for (const node of Object.values(ctx.workflow.nodes)) {
      if (node.type !== 'log') continue;
      for (const option of ['message', 'data'] as const) {
        for (const e of collectExpressions(node.options[option], ['nodes', node.id, option])) {
          if (e.error) continue;
          for (const read of secretReads(e.source, ctx.workflow)) {
            ctx.report({
              message: `log node "${node.id}" writes ${read.label} to the run log: do not log secrets (they show as *** at best); log what was done with it instead, such as the status of the call that used it`,
              range: ctx.map.rangeInString(e.path, e.offset + read.start, read.length),
            });
          }
        }
      }
    }
  },
};

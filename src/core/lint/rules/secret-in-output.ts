/**
 * `secret-in-output`: a workflow output that reads `secrets.X` (or an input declared
 * `secret: true`) directly. Outputs are printed by `thaiyyal run`, stored in the event log and
 * handed to parent workflows: a secret does not belong there. Output what was done with it
 * (e.g. the response of the request that used it).
 */
import { collectExpressions } from '../../expr/template.js';
import type { Rule } from '../types.js';
import { secretReads } from '../secrets.js';

export const rule: Rule = {
  meta: {
    id: 'secret-in-output',
    category: 'security',
    severity: 'error',
    fixable: false,
    description:
      'A workflow output that reads a secret hands it to whoever reads the outputs and the event log.',
  },
  check(ctx) {
    for (const [name, value] of Object.entries(ctx.workflow.outputs)) {
      for (const e of collectExpressions(value, ['outputs', name])) {
        if (e.error) continue;
        for (const read of secretReads(e.source, ctx.workflow)) {
          ctx.report({
            message: `output "${name}" returns ${read.label}: outputs are printed, kept in the event log and passed to parent workflows; remove it, or output a result of using the secret instead`,
            range: ctx.map.rangeInString(e.path, e.offset + read.start, read.length),
          });
        }
      }
    }
  },
};

/**
 * `unknown-output-field`: `nodes.<id>.output.<field>` where the node's output has a fixed
 * shape without that field (`nodes.fetch.output.stauts`). JSONata yields nothing for a
 * missing field, so the typo only shows up as an empty value at run time. For a `foreach`
 * node the output is an array and `.field` maps over its items: the item shape is checked.
 * Fields of an `onError.fallback` object count as known too.
 */
import { didYouMean } from '../../parse/suggest.js';
import type { Rule } from '../types.js';
import { astOf, nameSpan, rootSteps, stepName, walkAst } from '../expression-ast.js';
import { expressionSites, siteRange } from '../expressions.js';

/** Output fields of the node types whose output shape is fixed (see src/nodes/*.ts). */
const SHAPES: Readonly<Record<string, readonly string[]>> = {
  http: ['status', 'headers', 'body', 'url', 'truncated'],
  exec: ['exitCode', 'stdout', 'stderr', 'truncated'],
  condition: ['result', 'branch', 'value'],
  switch: ['branch', 'value'],
  delay: ['delayedMs'],
  log: ['message'],
};

export const rule: Rule = {
  meta: {
    id: 'unknown-output-field',
    category: 'expressions',
    severity: 'error',
    fixable: false,
    description:
      'A field read from a node output whose shape is known and has no such field is always empty.',
  },
  check(ctx) {
    for (const site of expressionSites(ctx)) {
      walkAst(astOf(site.source), (n) => {
        const steps = rootSteps(n);
        const id = stepName(steps[1]);
        const fieldStep = steps[3];
        const field = stepName(fieldStep);
        if (stepName(steps[0]) !== 'nodes' || id === undefined || stepName(steps[2]) !== 'output') return;
        if (field === undefined || !fieldStep) return;
        const node = Object.hasOwn(ctx.workflow.nodes, id) ? ctx.workflow.nodes[id] : undefined;
        const shape = node ? SHAPES[node.type] : undefined;
        if (!node || !shape) return;
        const fallback = node.onError.action === 'fallback' ? node.onError.value : null;
        const known = [
          ...shape,
          ...(fallback && typeof fallback === 'object' && !Array.isArray(fallback)
            ? Object.keys(fallback)
            : []),
        ];
        if (known.includes(field)) return;
        const guess = didYouMean(field, known);
        const whose =
          node.foreach !== undefined
            ? `each item of the output of foreach node "${id}"`
            : `the output of ${node.type} node "${id}"`;
        const span = nameSpan(site.source, fieldStep);
        ctx.report({
          message:
            `${whose} has no field "${field}" (it has ${shape.join(', ')}), so this is always empty; ` +
            (guess ? `did you mean "${guess}"?` : `read one of those fields`),
          range: siteRange(ctx, site, span.start, span.length),
        });
      });
    }
  },
};

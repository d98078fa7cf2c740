/**
 * `numeric-duration`: a duration written as a bare number (`timeout: 30000`) is milliseconds,
 * which readers often take for seconds. `30s` says what it means. The fix rewrites the number
 * as the equivalent duration string.
 */
import type { JsonPath } from '../../parse/source-map.js';
import { formatDuration } from '../durations.js';
import { lineStarts, offsetOf } from '../source-edits.js';
import type { Rule, RuleContext } from '../types.js';

/**
 * The JSON paths that may hold durations in a workflow: those whose setting the model has
 * (a node without a timeout or retry policy has no such path to look up in the source).
 */
function durationPaths(ctx: RuleContext): JsonPath[] {
  const wf = ctx.workflow;
  const paths: JsonPath[] = [];
  const add = (base: JsonPath, spec: { timeoutMs?: number; retry?: unknown }) => {
    if (spec.timeoutMs !== undefined) paths.push([...base, 'timeout']);
    if (spec.retry !== undefined) paths.push([...base, 'retry', 'delay'], [...base, 'retry', 'maxDelay']);
  };
  add(['defaults'], wf.defaults);
  for (const node of Object.values(wf.nodes)) {
    add(['nodes', node.id], node);
    if (node.type === 'delay') paths.push(['nodes', node.id, 'duration']);
  }
  return paths;
}

export const rule: Rule = {
  meta: {
    id: 'numeric-duration',
    category: 'maintainability',
    severity: 'warning',
    fixable: true,
    description:
      'A duration written as a bare number is milliseconds, which readers often take for seconds; write 30s.',
  },
  check(ctx) {
    const starts = lineStarts(ctx.text);
    for (const path of durationPaths(ctx)) {
      const key = ctx.map.keyRangeOf(path);
      const value = ctx.map.rangeOf(path);
      // Only paths that exist: a missing path falls back to an ancestor, whose key differs.
      const keyText = ctx.text.slice(
        offsetOf(starts, ctx.text, key.start),
        offsetOf(starts, ctx.text, key.end),
      );
      if (keyText !== String(path.at(-1))) continue;
      const raw = ctx.text.slice(
        offsetOf(starts, ctx.text, value.start),
        offsetOf(starts, ctx.text, value.end),
      );
      if (!/^\d+$/.test(raw)) continue;
      const ms = Number(raw);
      const text = formatDuration(ms, 'exact');
      ctx.report({
        message: `${path.join('.')} is ${raw}, a number of milliseconds; write "${text}" so nobody reads it as seconds`,
        range: value,
        fix: { description: `write ${raw} as ${text}`, edits: [{ range: value, text }] },
      });
    }
  },
};

/** A rule context for a workflow text, for unit tests of the lint helpers (reports are dropped). */
import type { RuleContext } from '../../src/core/lint/types.js';
import { parseWorkflow } from '../../src/core/validate.js';
import { nodeTypes } from '../../src/nodes/registry.js';

export function lintContext(text: string): RuleContext {
  const parsed = parseWorkflow(text, 'test.yaml', nodeTypes);
  if (!parsed.model || !parsed.map) throw new Error(parsed.diagnostics.map((d) => d.message).join('\n'));
  return {
    file: 'test.yaml',
    text,
    lines: text.split(/\r?\n/),
    workflow: parsed.model,
    graph: parsed.graph,
    map: parsed.map,
    nodeTypes,
    report() {},
  };
}

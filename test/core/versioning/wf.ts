/** Parses workflow YAML with the real parser and node registry, for the versioning tests. */
import { parseWorkflow } from '../../../src/core/validate.js';
import type { Workflow } from '../../../src/core/workflow.js';
import { nodeTypes } from '../../../src/nodes/registry.js';

export function wf(body: string, name = 'demo'): Workflow {
  const text = `apiVersion: thaiyyal.dev/v1\nkind: Workflow\nname: ${name}\n${body}`;
  const r = parseWorkflow(text, 'test.yaml', nodeTypes);
  if (!r.workflow)
    throw new Error(`invalid test workflow:\n${r.diagnostics.map((d) => d.message).join('\n')}`);
  return r.workflow;
}

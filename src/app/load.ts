/**
 * Loading a workflow file with the node registry: the one place the app layer hands the
 * registry to the pure validator.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import type { WorkflowGraph } from '../core/graph.js';
import type { Workflow } from '../core/workflow.js';
import { loadWorkflowFile } from '../adapters/load-workflow.js';
import { nodeTypes } from '../nodes/registry.js';

/** Reads, parses and validates a workflow file against the registered node types. */
export function loadWorkflow(
  path: string,
): Promise<{ workflow?: Workflow; graph?: WorkflowGraph; diagnostics: Diagnostic[] }> {
  return loadWorkflowFile(path, nodeTypes);
}

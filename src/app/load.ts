/**
 * Loading a workflow file with the node registry: the one place the app layer hands the
 * registry to the pure validator.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import type { WorkflowGraph } from '../core/graph.js';
import type { Workflow } from '../core/workflow.js';
import { loadWorkflowFile, type WorkflowSource } from '../adapters/load-workflow.js';
import { catalogFor, loadOriginalNodeTypes } from '../nodes/lazy-registry.js';

/**
 * Reads, parses and validates a workflow file against the registered node types. A `.json`
 * file is a workflow of the original engine, imported in memory (src/app/import.ts): its
 * import warnings come first in `diagnostics`, and `imported` has the renamed ids.
 */
export async function loadWorkflow(
  path: string,
  source?: WorkflowSource,
): Promise<{
  workflow?: Workflow;
  graph?: WorkflowGraph;
  diagnostics: Diagnostic[];
  imported?: { renamed: Record<string, string>; warnings: string[] };
}> {
  // A `.json` file is an original-engine workflow (import.ts is loaded only then: start-up).
  if (/\.json$/i.test(path)) {
    const [{ loadOriginalWorkflow }] = await Promise.all([import('./import.js'), loadOriginalNodeTypes()]);
    const { imported, ...loaded } = await loadOriginalWorkflow(path, undefined, source);
    return {
      ...loaded,
      ...(imported ? { imported: { renamed: imported.renamed, warnings: imported.warnings } } : {}),
    };
  }
  return loadWorkflowFile(path, catalogFor, source);
}

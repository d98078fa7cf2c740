/**
 * `parseWorkflow`: everything that can be known about a workflow file without running it —
 * YAML syntax, input limits, the workflow format, node types and their options, expression
 * syntax and references, and the dependency graph. Pure.
 */
import type { NodeCatalog } from './parse/node-catalog.js';
import { parseWorkflowWith, type ParsedWorkflow } from './parse/workflow-parser.js';

export type { ParsedWorkflow } from './parse/workflow-parser.js';

/**
 * Parses and validates workflow text. Diagnostics are sorted; `workflow` and `graph` are
 * present only when there are no errors. The node types are passed in (the registry in
 * `src/nodes/registry.ts` is one) because the pure core may not import the nodes layer.
 * @example const {workflow, graph, diagnostics} = parseWorkflow(text, 'workflows/stars.yaml', nodeTypes)
 */
export function parseWorkflow(text: string, file: string, nodeTypes: NodeCatalog): ParsedWorkflow {
  return parseWorkflowWith(text, file, nodeTypes);
}

/**
 * The published JSON Schemas (`schemas/*.schema.json`): what editors use through
 * `# yaml-language-server: $schema=…`. Built from the same objects the validator compiles.
 */
import type { NodeCatalog } from '../parse/node-catalog.js';
import { buildConfigSchema } from './config-schema.js';
import { buildWorkflowSchema, type JsonSchema } from './workflow-schema.js';

export { buildConfigSchema } from './config-schema.js';
export { buildWorkflowSchema, COMMON_NODE_KEYS, type JsonSchema } from './workflow-schema.js';

/**
 * The editor schema of workflow files: the format plus, per node type, its options
 * (`if type == T then …`), from the node registry passed in.
 */
export function workflowJsonSchema(nodeTypes: NodeCatalog): JsonSchema {
  return buildWorkflowSchema([...nodeTypes.values()]);
}

/** The schema of `thaiyyal.config.yaml`. */
export function configJsonSchema(): JsonSchema {
  return buildConfigSchema();
}

/** File name (under `schemas/`) → file content: pretty JSON with a final newline. */
export function renderSchemaFiles(nodeTypes: NodeCatalog): Record<string, string> {
  const pretty = (s: JsonSchema) => `${JSON.stringify(s, null, 2)}\n`;
  return {
    'config.schema.json': pretty(configJsonSchema()),
    'workflow.schema.json': pretty(workflowJsonSchema(nodeTypes)),
  };
}

/**
 * The explicit registry of every node type: the native ones (`native.ts`) and the original
 * engine's catalogue (`original/index.ts`). For lint, `thaiyyal nodes`, the JSON Schemas and
 * the optimiser. The run path uses `lazy-registry.ts`, which loads the original catalogue
 * only for workflows that use it (start-up).
 */
import { nativeNodeTypes } from './native.js';
import { originalNodeTypes } from './original/index.js';
import type { NodeType } from './types.js';

const ALL: NodeType<never>[] = [...nativeNodeTypes, ...originalNodeTypes];

/** Node types by their `type:` name. */
export const nodeTypes: ReadonlyMap<string, NodeType<never>> = new Map(ALL.map((t) => [t.type, t]));

/** Looks up a node type; undefined when unknown. */
export function getNodeType(type: string): NodeType<never> | undefined {
  return nodeTypes.get(type);
}

/** Raw-JSONata option names of a type (empty for unknown types). */
export function expressionOptionsOf(type: string): readonly string[] {
  return nodeTypes.get(type)?.expressionOptions ?? [];
}

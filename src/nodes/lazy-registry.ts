/**
 * The node registry of the run path: the native types at once, the original engine's 52
 * `original/*` types (~140 KB of code with their expression language) only once a workflow
 * that uses them is loaded, so `thaiyyal run` of a native workflow does not compile them
 * (docs/performance.md). Same lookups as `registry.ts`, over a map that only grows.
 */
import { nativeNodeTypes } from './native.js';
import type { NodeType } from './types.js';

const types = new Map<string, NodeType<never>>(nativeNodeTypes.map((t) => [t.type, t]));
let original: Promise<void> | undefined;

/** Node types by their `type:` name: the native ones, plus the original ones once loaded. */
export const nodeTypes: ReadonlyMap<string, NodeType<never>> = types;

/** Adds the original engine's catalogue (idempotent). */
export function loadOriginalNodeTypes(): Promise<void> {
  original ??= import('./original/index.js').then(({ originalNodeTypes }) => {
    for (const t of originalNodeTypes) types.set(t.type, t);
  });
  return original;
}

/** The catalogue a workflow text needs: with the original types when it names any. */
export async function catalogFor(text: string): Promise<ReadonlyMap<string, NodeType<never>>> {
  if (text.includes('original/')) await loadOriginalNodeTypes();
  return types;
}

/** Looks up a node type; undefined when unknown (or an original type not loaded yet). */
export function getNodeType(type: string): NodeType<never> | undefined {
  return types.get(type);
}

/** Raw-JSONata option names of a type (empty for unknown types). */
export function expressionOptionsOf(type: string): readonly string[] {
  return types.get(type)?.expressionOptions ?? [];
}

/**
 * What the pure core needs to know about node types: their names, option schemas and raw
 * JSONata options. The core may not import `src/nodes` (docs/architecture.md), so callers in
 * the app layer pass the node registry in.
 */

/** The part of a node type the validator and schema builder read (a `NodeType` satisfies it). */
export interface NodeTypeInfo {
  /** The value of `type:` in YAML. */
  readonly type: string;
  /** One line, shown by editors on hover. */
  readonly summary: string;
  /** JSON Schema (2020-12) of the node's own options. */
  readonly optionsSchema: { readonly [key: string]: unknown };
  /** Options that are raw JSONata rather than `${{ }}` templates. */
  readonly expressionOptions?: readonly string[] | undefined;
}

/** Node types by their `type:` name (the registry's `nodeTypes` map is one). */
export type NodeCatalog = ReadonlyMap<string, NodeTypeInfo>;

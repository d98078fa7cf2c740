/**
 * The original engine's workflow JSON (reference §2.1) as the importer reads it, and what
 * the importer returns.
 */

/** A node of the original payload: `{id, type?, data}`. */
export interface OriginalNode {
  id: string;
  /** The `type` as written; undefined when the original would infer it. */
  type?: string;
  data: Record<string, unknown>;
  /** Keys of the node object besides id, type and data (e.g. `position`), which the original ignored. */
  extraKeys: string[];
  /** Index in the `nodes` array. */
  index: number;
}

/** An edge of the original payload: `{id?, source, target, sourceHandle?, targetHandle?, condition?}`. */
export interface OriginalEdge {
  id?: string;
  source: string;
  target: string;
  /** `sourceHandle`, or the legacy `condition`: the edge is conditional when set. */
  handle?: string;
  /** Keys the original ignored (a non-null `targetHandle`, editor fields). */
  extraKeys: string[];
  /** Index in the `edges` array. */
  index: number;
}

/** The bare payload `{workflow_id?, nodes, edges}` or the wrapper `{name, description, nodes, edges}`. */
export interface OriginalPayload {
  workflowId?: string;
  name?: string;
  description?: string;
  nodes: OriginalNode[];
  edges: OriginalEdge[];
  /** Top-level keys the original ignored. */
  extraKeys: string[];
}

/** The result of an import: the workflow document (and its YAML), or the errors that prevent it. */
export interface ImportResult {
  /** The workflow as a plain object (the YAML document's content); absent when there are errors. */
  workflow?: Record<string, unknown>;
  /** The workflow YAML a person would maintain; absent when there are errors. */
  yaml?: string;
  /** Problems that prevent the import, each naming the file and the node, edge or limit. */
  errors: string[];
  /** Things the original ignored or that changed, each naming the file and the node. */
  warnings: string[];
  /** Imported id → original id, for the ids that had to be renamed. */
  renamed: Record<string, string>;
  /** The original type of each node (original id → type), inferred or given. */
  types: Record<string, string>;
  /** The original's execution order (original ids). */
  order: string[];
}

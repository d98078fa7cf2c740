/**
 * Reading the original payload (reference §2.1) from parsed JSON: the bare payload
 * `{workflow_id?, nodes, edges}` or the wrapper `{name, description, nodes, edges}`.
 * Shape problems are errors naming the node or edge; keys the original ignored are listed
 * for warnings.
 */
import type { OriginalEdge, OriginalNode, OriginalPayload } from './types.js';

const TOP_KEYS = new Set(['workflow_id', 'name', 'description', 'nodes', 'edges']);
const NODE_KEYS = new Set(['id', 'type', 'data']);
const EDGE_KEYS = new Set(['id', 'source', 'target', 'sourceHandle', 'condition', 'targetHandle']);

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** Reads the payload; `errors` name the node (`node "x"`) or edge (`edge 3 ("e1")`). */
export function readPayload(doc: unknown): { payload?: OriginalPayload; errors: string[] } {
  const errors: string[] = [];
  if (!isObj(doc)) {
    return { errors: [`the workflow must be a JSON object with "nodes" and "edges", got ${kind(doc)}`] };
  }
  if (!Array.isArray(doc.nodes)) {
    return {
      errors: [
        doc.nodes === undefined
          ? 'missing "nodes": an original workflow is {"nodes": [...], "edges": [...]}'
          : `"nodes" must be an array, got ${kind(doc.nodes)}`,
      ],
    };
  }
  if (doc.edges !== undefined && doc.edges !== null && !Array.isArray(doc.edges)) {
    errors.push(`"edges" must be an array, got ${kind(doc.edges)}`);
  }
  const str = (key: string): string | undefined => {
    const v = doc[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') {
      errors.push(`"${key}" must be a string, got ${kind(v)}`);
      return undefined;
    }
    return v;
  };
  const workflowId = str('workflow_id');
  const name = str('name');
  const description = str('description');

  const nodes: OriginalNode[] = [];
  doc.nodes.forEach((raw, index) => {
    const where = `node ${index + 1} of "nodes"`;
    if (!isObj(raw)) {
      errors.push(`${where}: must be an object {id, type, data}, got ${kind(raw)}`);
      return;
    }
    const id = raw.id;
    if (typeof id !== 'string' || id === '') {
      errors.push(
        `${where}: "id" must be a non-empty string, got ${id === undefined ? 'nothing' : JSON.stringify(id)}`,
      );
      return;
    }
    if (raw.type !== undefined && raw.type !== null && typeof raw.type !== 'string') {
      errors.push(`node "${id}": "type" must be a string, got ${kind(raw.type)}`);
      return;
    }
    if (raw.data !== undefined && raw.data !== null && !isObj(raw.data)) {
      errors.push(`node "${id}": "data" must be an object, got ${kind(raw.data)}`);
      return;
    }
    const type = typeof raw.type === 'string' && raw.type !== '' ? raw.type : undefined;
    nodes.push({
      id,
      ...(type ? { type } : {}),
      data: isObj(raw.data) ? raw.data : {},
      extraKeys: Object.keys(raw).filter((k) => !NODE_KEYS.has(k)),
      index,
    });
  });

  const edges: OriginalEdge[] = [];
  (Array.isArray(doc.edges) ? doc.edges : []).forEach((raw: unknown, index) => {
    if (!isObj(raw)) {
      errors.push(`edge ${index + 1} of "edges": must be an object {id, source, target}, got ${kind(raw)}`);
      return;
    }
    const where = `edge ${index + 1}${typeof raw.id === 'string' ? ` ("${raw.id}")` : ''}`;
    const { source, target } = raw;
    if (typeof source !== 'string' || typeof target !== 'string') {
      errors.push(`${where}: "source" and "target" must be node ids (strings)`);
      return;
    }
    const handleOf = (v: unknown): string | undefined =>
      typeof v === 'string' && v !== ''
        ? v
        : typeof v === 'boolean' || typeof v === 'number'
          ? String(v)
          : undefined;
    const handle = handleOf(raw.sourceHandle) ?? handleOf(raw.condition);
    const extraKeys = Object.keys(raw).filter(
      (k) => !EDGE_KEYS.has(k) || (k === 'targetHandle' && raw[k] !== null && raw[k] !== undefined),
    );
    edges.push({
      ...(typeof raw.id === 'string' ? { id: raw.id } : {}),
      source,
      target,
      ...(handle !== undefined ? { handle } : {}),
      extraKeys,
      index,
    });
  });

  if (errors.length > 0) return { errors };
  return {
    payload: {
      ...(workflowId !== undefined ? { workflowId } : {}),
      ...(name !== undefined ? { name } : {}),
      ...(description !== undefined ? { description } : {}),
      nodes,
      edges,
      extraKeys: Object.keys(doc).filter((k) => !TOP_KEYS.has(k)),
    },
    errors,
  };
}

/** How an edge is named in messages: `edge 3 ("e1": a → b)`. */
export function edgeName(e: OriginalEdge): string {
  return `edge ${e.index + 1} (${e.id !== undefined ? `"${e.id}": ` : ''}${e.source} → ${e.target})`;
}

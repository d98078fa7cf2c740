/**
 * `thaiyyal import`, pure: the original engine's workflow JSON → a thaiyyal workflow YAML
 * document and warnings (docs/compat.md). The I/O twin is src/app/import.ts.
 */
import { Document, isSeq } from 'yaml';
import { originalNodeRefs } from '../expr/original/index.js';
import { limitSetting, type OriginalLimits } from '../original-limits.js';
import type { NodeCatalog } from '../parse/node-catalog.js';
import { COMMON_NODE_KEYS, NODE_ID_PATTERN, WORKFLOW_NAME_PATTERN } from '../schema/workflow-schema.js';
import { ORIGINAL_TYPES, inferOriginalType } from './infer.js';
import { parseJsonText } from './json.js';
import { originalOrder } from './order.js';
import { edgeName, readPayload } from './payload.js';
import { upstreamPolicy, type UpstreamPolicy } from './policies.js';
import type { ImportResult, OriginalEdge, OriginalNode } from './types.js';

export type { ImportResult, OriginalEdge, OriginalNode, OriginalPayload } from './types.js';
export { inferOriginalType, ORIGINAL_TYPES } from './infer.js';
export { originalOrder } from './order.js';

export interface ImportOptions {
  /** The file name used in messages and in the header comment. */
  file: string;
  /** The node registry (the app passes `nodeTypes`): option names and required keys of `original/<type>`. */
  catalog: NodeCatalog;
  /** Import-time limits (`original.limits` of the config). */
  limits: Pick<OriginalLimits, 'maxNodes' | 'maxEdges' | 'maxPayloadSize'>;
}

/** Node types whose results or expressions read or write run state: their relative order matters. */
const STATE_TYPES = new Set([
  'variable',
  'accumulator',
  'counter',
  'cache',
  'context_variable',
  'context_constant',
]);
const CONTEXT_TYPES = new Set(['context_variable', 'context_constant']);
const GUARD_TYPES = new Set(['retry', 'try_catch', 'timeout']);
/** Options holding original expressions. */
const EXPRESSION_KEYS = ['condition', 'expression'];
const RESERVED_OPTIONS = new Set(['inputs', 'node_results', 'upstream']);
const COMMON = new Set<string>(COMMON_NODE_KEYS);
const ID_RE = new RegExp(NODE_ID_PATTERN);
const JSONATA_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `nodes.<id>` in JSONata (backticks for ids with `-`). */
function ref(id: string): string {
  return JSONATA_NAME.test(id) ? `nodes.${id}` : `nodes.\`${id}\``;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The closest known type, for "did you mean". */
function closest(name: string): string | undefined {
  const lower = name.toLowerCase().replace(/[-\s]/g, '_');
  if (ORIGINAL_TYPES.includes(lower)) return lower;
  return ORIGINAL_TYPES.find((t) => t.startsWith(lower.slice(0, 4)) || lower.startsWith(t));
}

/**
 * A data value with every string that contains `${{` made a template of that very text, so
 * thaiyyal does not evaluate it (the original had no templates).
 */
function literal(value: unknown, onChange: () => void): unknown {
  if (typeof value === 'string' && value.includes('${{')) {
    onChange();
    return `\${{ ${JSON.stringify(value)} }}`;
  }
  if (Array.isArray(value)) return value.map((v) => literal(v, onChange));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literal(v, onChange)]));
  }
  return value;
}

/** Expressions of a node's data (condition, expression, cases[].when). */
function expressionsOf(data: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const k of EXPRESSION_KEYS) if (typeof data[k] === 'string') out.push(data[k]);
  if (Array.isArray(data.cases)) {
    for (const c of data.cases) {
      if (c && typeof c === 'object' && typeof (c as { when?: unknown }).when === 'string') {
        out.push((c as { when: string }).when);
      }
    }
  }
  return out;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

/** A workflow name from the wrapper's `name`, the `workflow_id`, or the file name. */
function workflowName(candidates: (string | undefined)[]): string {
  for (const c of candidates) {
    if (!c) continue;
    const s = slug(c);
    if (s && new RegExp(WORKFLOW_NAME_PATTERN).test(s)) return s;
  }
  return 'imported-workflow';
}

/** An id the workflow format accepts, close to the original. */
function legalId(id: string, taken: Set<string>): string {
  let base = id.replace(/[^A-Za-z0-9_-]/g, '_');
  if (!/^[A-Za-z_]/.test(base)) base = `n${base}`;
  let out = base;
  for (let i = 2; taken.has(out); i++) out = `${base}_${i}`;
  return out;
}

/**
 * Imports an original workflow: parse, check (errors name the node, edge or limit), and build
 * the workflow document. Pure.
 * @example importOriginal(text, {file: 'flow.json', catalog: nodeTypes, limits}).yaml
 */
export function importOriginal(text: string, opts: ImportOptions): ImportResult {
  const { file, catalog, limits } = opts;
  const errors: string[] = [];
  const warnings: string[] = [];
  const fail = (): ImportResult => ({
    errors: errors.map((e) => `${file}: ${e}`),
    warnings: warnings.map((w) => `${file}: ${w}`),
    renamed: {},
    types: {},
    order: [],
  });

  const bytes = new TextEncoder().encode(text).length;
  if (limits.maxPayloadSize > 0 && bytes > limits.maxPayloadSize) {
    errors.push(
      `the workflow is ${bytes} bytes, over the limit of ${limits.maxPayloadSize} (${limitSetting('maxPayloadSize')})`,
    );
    return fail();
  }
  const parsed = parseJsonText(text);
  if ('error' in parsed) {
    errors.push(`not valid JSON: ${parsed.error}`);
    return fail();
  }
  const read = readPayload(parsed.value);
  if (!read.payload) {
    errors.push(...read.errors);
    return fail();
  }
  const payload = read.payload;
  if (payload.nodes.length === 0) errors.push('the workflow has no nodes');
  if (limits.maxNodes > 0 && payload.nodes.length > limits.maxNodes) {
    errors.push(
      `the workflow has ${plural(payload.nodes.length, 'node')}, over the limit of ${limits.maxNodes} (${limitSetting('maxNodes')})`,
    );
  }
  if (limits.maxEdges > 0 && payload.edges.length > limits.maxEdges) {
    errors.push(
      `the workflow has ${plural(payload.edges.length, 'edge')}, over the limit of ${limits.maxEdges} (${limitSetting('maxEdges')})`,
    );
  }
  if (errors.length > 0) return fail();

  // Ids: unique; types: given (one of the 52) or inferred.
  const byId = new Map<string, OriginalNode>();
  for (const n of payload.nodes) {
    if (byId.has(n.id)) {
      errors.push(
        `node "${n.id}": duplicate id (nodes ${byId.get(n.id)!.index + 1} and ${n.index + 1} of "nodes"); give each node its own id`,
      );
      continue;
    }
    byId.set(n.id, n);
  }
  const types: Record<string, string> = {};
  for (const n of byId.values()) {
    if (n.type !== undefined) {
      if (n.type === 'paginator') {
        errors.push(
          `node "${n.id}": type "paginator" was declared by the original engine but never implemented (no executor registered for type: paginator)`,
        );
      } else if (!ORIGINAL_TYPES.includes(n.type)) {
        const hint = closest(n.type);
        errors.push(
          `node "${n.id}": unknown node type "${n.type}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
        );
      } else types[n.id] = n.type;
    } else {
      const inferred = inferOriginalType(n.data);
      if (inferred) types[n.id] = inferred;
      else {
        const keys = Object.keys(n.data);
        errors.push(
          `node "${n.id}": no "type", and its data keys (${keys.length ? keys.join(', ') : 'none'}) match no node type; set "type"`,
        );
      }
    }
  }
  for (const e of payload.edges) {
    for (const end of ['source', 'target'] as const) {
      if (!byId.has(e[end])) errors.push(`${edgeName(e)}: ${end} node "${e[end]}" does not exist`);
    }
  }
  if (errors.length > 0) return fail();

  const ids = [...byId.keys()];
  const { order, cycle } = originalOrder(ids, payload.edges);
  if (cycle) {
    errors.push(
      `workflow contains cycles (circular dependencies): ${cycle.map((c) => `"${c}"`).join(' → ')}`,
    );
    return fail();
  }

  // Option names and required keys from the registry.
  for (const id of order) {
    const type = types[id]!;
    if (!catalog.has(`original/${type}`)) {
      errors.push(`node "${id}": node type original/${type} is not available in this thaiyyal`);
      continue;
    }
    const schema = catalog.get(`original/${type}`)!.optionsSchema as { required?: unknown };
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    for (const key of required) {
      const v = byId.get(id)!.data[key];
      if (v === undefined || v === null) {
        errors.push(`node "${id}" (${type}): missing required data key "${key}"`);
      }
    }
  }
  if (errors.length > 0) return fail();

  // Imported ids.
  const newId = new Map<string, string>();
  const taken = new Set(ids.filter((id) => ID_RE.test(id)));
  const renamed: Record<string, string> = {};
  for (const id of ids) {
    if (ID_RE.test(id)) newId.set(id, id);
    else {
      const n = legalId(id, taken);
      taken.add(n);
      newId.set(id, n);
      renamed[n] = id;
      warnings.push(
        `node "${id}": renamed to "${n}" (node ids are letters, digits, _ and -, starting with a letter or _)`,
      );
    }
  }
  const nid = (id: string) => newId.get(id)!;

  // Warnings for what the original ignored.
  if (payload.extraKeys.length > 0) {
    warnings.push(
      `top-level ${payload.extraKeys.map((k) => `"${k}"`).join(', ')}: ignored by the original; dropped`,
    );
  }
  const extraByKey = new Map<string, string[]>();
  for (const id of order) {
    for (const k of byId.get(id)!.extraKeys) extraByKey.set(k, [...(extraByKey.get(k) ?? []), id]);
  }
  for (const [k, list] of extraByKey) {
    warnings.push(
      `${list.length === 1 ? 'node' : 'nodes'} ${list.map((i) => `"${i}"`).join(', ')}: "${k}" was ignored by the original; dropped`,
    );
  }
  for (const e of payload.edges) {
    if (e.extraKeys.length > 0) {
      warnings.push(
        `${edgeName(e)}: ${e.extraKeys.map((k) => `"${k}"`).join(', ')} ignored by the original; dropped`,
      );
    }
  }

  // The graph.
  const incoming = new Map<string, OriginalEdge[]>(ids.map((id) => [id, []]));
  const outgoing = new Map<string, OriginalEdge[]>(ids.map((id) => [id, []]));
  for (const e of payload.edges) {
    incoming.get(e.target)!.push(e);
    outgoing.get(e.source)!.push(e);
  }
  /** Dependencies (original ids) of each node in the imported workflow: sources, node_results, needs. */
  const deps = new Map<string, Set<string>>(
    ids.map((id) => [id, new Set(incoming.get(id)!.map((e) => e.source))]),
  );
  const dependsOn = (a: string, b: string): boolean => {
    // Does a (transitively) depend on b?
    const seen = new Set<string>();
    const stack = [a];
    while (stack.length) {
      const x = stack.pop()!;
      if (x === b) return true;
      if (seen.has(x)) continue;
      seen.add(x);
      for (const d of deps.get(x) ?? []) stack.push(d);
    }
    return false;
  };

  // Guard nodes: the native policy goes on the source of their first incoming edge.
  const policies = new Map<string, UpstreamPolicy>();
  const upstreamOf = new Map<string, string>();
  for (const id of order) {
    const type = types[id]!;
    if (!GUARD_TYPES.has(type)) continue;
    const first = incoming.get(id)![0];
    if (!first) continue;
    const { policy, warnings: w } = upstreamPolicy(
      type as 'retry' | 'try_catch' | 'timeout',
      byId.get(id)!.data,
    );
    for (const msg of w) warnings.push(`node "${id}" (${type}): ${msg}`);
    const merged = { ...(policies.get(first.source) ?? {}), ...policy };
    policies.set(first.source, merged);
    upstreamOf.set(id, first.source);
  }
  /** A guarded node may fail and still let its guard run: it "ran" unless skipped. */
  const ran = (src: string) =>
    policies.has(src) ? `${ref(nid(src))}.status != 'skipped'` : `${ref(nid(src))}.status = 'succeeded'`;

  // node.<id> references.
  const nodeResults = new Map<string, string[]>();
  for (const id of order) {
    const refs: string[] = [];
    for (const expr of expressionsOf(byId.get(id)!.data)) {
      for (const r of originalNodeRefs(expr)) {
        if (refs.includes(r)) continue;
        if (!byId.has(r)) {
          warnings.push(
            `node "${id}": its expression references node.${r}, which does not exist (it never resolves)`,
          );
        } else if (r === id || dependsOn(r, id)) {
          warnings.push(
            `node "${id}": its expression references node.${r}, which runs after it (it never resolves in the original either)`,
          );
        } else {
          refs.push(r);
          deps.get(id)!.add(r);
        }
      }
    }
    if (refs.length) nodeResults.set(id, refs);
  }

  // Sequential order of state: chain the nodes that read or write run state, in the original's order.
  const needs = new Map<string, string[]>();
  let last: string | undefined;
  for (const id of order) {
    const type = types[id]!;
    const readsState = expressionsOf(byId.get(id)!.data).some((e) => /\b(variables|context)\./.test(e));
    if (!STATE_TYPES.has(type) && !readsState) continue;
    if (last !== undefined && !dependsOn(id, last)) {
      if (dependsOn(last, id)) {
        warnings.push(
          `node "${id}": cannot keep the original's order after "${last}" (it is an ancestor of it)`,
        );
      } else {
        needs.set(id, [...(needs.get(id) ?? []), last]);
        deps.get(id)!.add(last);
      }
    }
    last = id;
  }

  // Skip analysis, in the original's order (sources come first).
  const mayBeSkipped = new Map<string, boolean>();
  for (const id of order) {
    const ins = incoming.get(id)!;
    // It runs for sure when one unconditional edge comes from a source that runs for sure.
    mayBeSkipped.set(
      id,
      ins.length > 0 && !ins.some((e) => e.handle === undefined && !mayBeSkipped.get(e.source)),
    );
  }
  const match = (e: OriginalEdge): string => {
    const h = /^[^'\\]*$/.test(e.handle ?? '') ? `'${e.handle}'` : JSON.stringify(e.handle);
    const out = `${ref(nid(e.source))}.output`;
    const srcType = types[e.source];
    if (srcType === 'condition') return `${out}.path = ${h}`;
    if (srcType === 'switch') return `${out}.output_path = ${h}`;
    const alts = [`${out}.path = ${h}`, `${out}.output_path = ${h}`];
    if (e.handle === 'true') alts.push(`${out}.true_path = true`, `${out}.condition_met = true`);
    if (e.handle === 'false') alts.push(`${out}.false_path = true`, `${out}.condition_met = false`);
    return `(${alts.join(' or ')})`;
  };

  // Nodes.
  const nodes: Record<string, Record<string, unknown>> = {};
  for (const id of order) {
    const n = byId.get(id)!;
    const type = types[id]!;
    const info = catalog.get(`original/${type}`)!;
    const props = (info.optionsSchema as { properties?: Record<string, unknown> }).properties ?? {};
    const out: Record<string, unknown> = { type: `original/${type}` };
    if (typeof n.data.label === 'string' && n.data.label.trim() !== '') out.description = n.data.label;
    const ins = incoming.get(id)!;
    const skippable = mayBeSkipped.get(id)!;
    const depSkippable = [...deps.get(id)!].some((d) => mayBeSkipped.get(d));
    if (needs.has(id)) out.needs = needs.get(id)!.map(nid);
    if (skippable) {
      // A source that cannot be skipped ran (had it failed, the run would have stopped): only its handle counts.
      const certain = (src: string) => !mayBeSkipped.get(src);
      const terms = [
        ...new Set(
          ins.map((e) => {
            if (e.handle === undefined) return ran(e.source);
            return certain(e.source) ? match(e) : `${ran(e.source)} and ${match(e)}`;
          }),
        ),
      ];
      out.when = `\${{ ${terms.length > 1 ? terms.map((t) => (t.includes(' and ') ? `(${t})` : t)).join(' or ') : terms[0]} }}`;
    }
    if (skippable || depSkippable) out.tolerateSkipped = true;
    const policy = policies.get(id);
    if (policy?.retry) out.retry = policy.retry;
    if (policy?.timeout !== undefined) out.timeout = policy.timeout;
    if (policy) out.onError = policy.onError;

    const dropped: string[] = [];
    const templated: string[] = [];
    for (const [k, v] of Object.entries(n.data)) {
      if (k === 'label') continue;
      if (type === 'timeout' && k === 'timeout') {
        // `timeout` is every node's native key: the compat node takes the original's as `timeout_duration`
        // (the real limit is the native `timeout:` the guard put on the upstream node).
        out.timeout_duration = typeof v === 'number' ? String(v) : v;
        continue;
      }
      if (RESERVED_OPTIONS.has(k) || COMMON.has(k) || !Object.hasOwn(props, k)) {
        dropped.push(k);
        continue;
      }
      out[k] = literal(v, () => {
        if (!templated.includes(k)) templated.push(k);
      });
    }
    if (templated.length > 0) {
      warnings.push(
        `node "${id}" (${type}): data ${templated.map((k) => `"${k}"`).join(', ')} contains "\${{", which the original kept as text: written as a template of that text`,
      );
    }
    if (dropped.length > 0) {
      const hints = dropped.map((k) =>
        k === 'fallbackValue' ? `"${k}" (the key is fallback_value)` : `"${k}"`,
      );
      warnings.push(
        `node "${id}" (${type}): data ${hints.join(', ')} ${dropped.length === 1 ? 'is' : 'are'} ignored by the original; dropped`,
      );
    }
    if (ins.length > 0) {
      const sources = ins.map((e) => e.source);
      if (ins.length > 1 && sources.some((s) => mayBeSkipped.get(s))) {
        // Only the sources that ran feed the inputs, in edge order.
        const list = sources.map((s) => ref(nid(s))).join(', ');
        out.inputs =
          `\${{ $reduce([${list}], function($in, $n) { $n.status != 'skipped' ? ` +
          `$append($in, $type($n.output) = 'array' ? [[$n.output]] : [$n.output]) : $in }, []) }}`;
      } else {
        out.inputs = sources.map((s) => `\${{ ${ref(nid(s))}.output }}`);
      }
    }
    const refs = nodeResults.get(id);
    if (refs) out.node_results = Object.fromEntries(refs.map((r) => [r, `\${{ ${ref(nid(r))}.output }}`]));
    const up = upstreamOf.get(id);
    if (up !== undefined) out.upstream = `\${{ ${ref(nid(up))} }}`;
    nodes[nid(id)] = out;
  }

  // The final output: the last terminal non-context node that ran, in the original's order.
  const terminals = order.filter((id) => outgoing.get(id)!.length === 0);
  const ranked = [
    ...terminals.filter((id) => !CONTEXT_TYPES.has(types[id]!)).reverse(),
    ...terminals.filter((id) => CONTEXT_TYPES.has(types[id]!)).reverse(),
  ];
  let result: string;
  if (ranked.length === 1 || !mayBeSkipped.get(ranked[0]!)) {
    result = `\${{ ${ref(nid(ranked[0]!))}.output }}`;
  } else {
    let expr = 'null';
    for (const id of [...ranked].reverse()) {
      expr = `${ref(nid(id))}.status = 'succeeded' ? ${ref(nid(id))}.output : ${expr}`;
      if (!mayBeSkipped.get(id)) expr = `${ref(nid(id))}.output`;
    }
    result = `\${{ ${expr} }}`;
  }

  const workflow: Record<string, unknown> = {
    apiVersion: 'thaiyyal.dev/v1',
    kind: 'Workflow',
    name: workflowName([
      payload.name,
      payload.workflowId,
      file.replace(/^.*[\\/]/, '').replace(/\.json$/i, ''),
    ]),
    description:
      payload.description ?? `Imported from ${file.replace(/^.*[\\/]/, '')} (original thaiyyal engine)`,
    nodes,
    outputs: { result },
  };
  const doc = new Document(workflow);
  // Short lists of ids read best on one line: `needs: [a, b]`.
  for (const id of Object.keys(nodes)) {
    const list = doc.getIn(['nodes', id, 'needs'], true);
    if (isSeq(list)) list.flow = true;
  }
  doc.commentBefore =
    ` Imported by \`thaiyyal import\` from ${file.replace(/^.*[\\/]/, '')} (the original thaiyyal engine's JSON).\n` +
    ` Original node types run as original/<type>; expressions in their options are the original's\n` +
    ` language, not JSONata. See docs/compat.md.`;
  const yaml = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  return {
    workflow,
    yaml,
    errors: [],
    warnings: warnings.map((w) => `${file}: ${w}`),
    renamed,
    types: Object.fromEntries(order.map((id) => [id, types[id]!])),
    order,
  };
}

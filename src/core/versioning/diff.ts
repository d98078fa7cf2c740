/**
 * Semantic diff of two workflows: inputs, outputs, triggers, nodes and workflow metadata added, removed, renamed or
 * changed, each change with a dotted path (`nodes.fetch.options.url`) and its before/after values.
 *
 * Renames are detected before comparing: a removed input/output/node whose definition reappears unchanged under a
 * new name is one `renamed` change, and references to the old name (`inputs.x`, `nodes.x`, `needs:`) in the old
 * workflow are rewritten to the new name so they do not show up as further changes. The result is deterministic:
 * the same two workflows always give the same changes in the same order.
 */
import type { InputSpec, Json, NodeSpec, Workflow } from '../workflow.js';
import { canonicalJson, isJsonObject, jsonEqual } from '../json.js';
import { byCodePoint, mapStrings } from './json.js';

/** The part of a workflow a change is in; also the order changes are listed in. */
export type ChangeArea = 'workflow' | 'input' | 'output' | 'trigger' | 'node';
export type ChangeKind = 'added' | 'removed' | 'changed' | 'renamed';

/** One semantic change. */
export interface Change {
  area: ChangeArea;
  kind: ChangeKind;
  /** Dotted path in the new workflow (old one for `removed`/`renamed`): `inputs.env.required`, `nodes.a.options.url`. */
  path: string;
  /** The input, output or node name, trigger key, or workflow field the change is about. */
  subject: string;
  /** For `changed`: the field of the subject that changed (`required`, `type`, `options.url`…). */
  field?: string;
  /** Value before (absent for `added`); for `renamed`, the old name. */
  before?: Json;
  /** Value after (absent for `removed`); for `renamed`, the new name. */
  after?: Json;
}

export interface WorkflowDiff {
  before: { name: string };
  after: { name: string };
  /** Old name → new name of detected renames. */
  renamed: { inputs: Record<string, string>; outputs: Record<string, string>; nodes: Record<string, string> };
  /** Inputs of the new workflow declared `required: true`, sorted (classification of a removed default needs it). */
  requiredInputs: string[];
  changes: Change[];
}

const AREA_ORDER: Record<ChangeArea, number> = { workflow: 0, input: 1, output: 2, trigger: 3, node: 4 };
const KIND_ORDER: Record<ChangeKind, number> = { removed: 0, renamed: 1, added: 2, changed: 3 };

/** Computes the semantic diff from `before` to `after`. Pure and deterministic. */
export function diffWorkflows(before: Workflow, after: Workflow): WorkflowDiff {
  const changes: Change[] = [];
  const renamed: WorkflowDiff['renamed'] = { inputs: {}, outputs: {}, nodes: {} };

  // Inputs first: their renames rewrite templates everywhere in the old workflow.
  const inputRenames = pairRenames(
    sortedKeys(before.inputs).filter((k) => !(k in after.inputs)),
    sortedKeys(after.inputs).filter((k) => !(k in before.inputs)),
    (o, n) => jsonEqual(inputJson(before.inputs[o]!), inputJson(after.inputs[n]!)),
  );
  Object.assign(renamed.inputs, inputRenames);
  let rewrite = makeRewriter(inputRenames, {});

  // Nodes: a fixpoint, since renamed nodes may refer to each other.
  const nodeRenames: Record<string, string> = {};
  const removedNodes = sortedKeys(before.nodes).filter((k) => !(k in after.nodes));
  const addedNodes = sortedKeys(after.nodes).filter((k) => !(k in before.nodes));
  for (let found = true; found;) {
    found = false;
    const taken = new Set(Object.values(nodeRenames));
    for (const strict of [true, false]) {
      for (const o of removedNodes) {
        if (o in nodeRenames) continue;
        for (const n of addedNodes) {
          if (taken.has(n)) continue;
          const trial = makeRewriter(inputRenames, { ...nodeRenames, [o]: n });
          if (sameNode(before.nodes[o]!, after.nodes[n]!, trial, strict)) {
            nodeRenames[o] = n;
            taken.add(n);
            found = true;
            break;
          }
        }
      }
      if (found) break;
    }
  }
  Object.assign(renamed.nodes, nodeRenames);
  rewrite = makeRewriter(inputRenames, nodeRenames);

  const outputRenames = pairRenames(
    sortedKeys(before.outputs).filter((k) => !(k in after.outputs)),
    sortedKeys(after.outputs).filter((k) => !(k in before.outputs)),
    (o, n) => jsonEqual(rewrite.json(before.outputs[o]!), after.outputs[n]),
  );
  Object.assign(renamed.outputs, outputRenames);

  diffMeta(before, after, changes);
  diffInputs(before, after, inputRenames, changes);
  diffOutputs(before, after, outputRenames, rewrite, changes);
  diffTriggers(before.triggers, after.triggers, changes);
  diffNodes(before, after, nodeRenames, rewrite, changes);

  changes.sort(
    (a, b) =>
      AREA_ORDER[a.area] - AREA_ORDER[b.area] ||
      byCodePoint(a.subject, b.subject) ||
      byCodePoint(a.path, b.path) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind],
  );
  const requiredInputs = sortedKeys(after.inputs).filter((k) => after.inputs[k]!.required);
  return { before: { name: before.name }, after: { name: after.name }, renamed, requiredInputs, changes };
}

// ---------------------------------------------------------------------------------------------------------------

function sortedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).sort(byCodePoint);
}

/** Pairs removed and added names whose definitions are equal, first match in sorted order, each name once. */
function pairRenames(
  removed: string[],
  added: string[],
  same: (oldName: string, newName: string) => boolean,
): Record<string, string> {
  const out: Record<string, string> = {};
  const taken = new Set<string>();
  for (const o of removed) {
    const n = added.find((a) => !taken.has(a) && same(o, a));
    if (n !== undefined) {
      out[o] = n;
      taken.add(n);
    }
  }
  return out;
}

function inputJson(spec: InputSpec): Json {
  const o: { [k: string]: Json } = { type: spec.type, required: spec.required };
  if (spec.description !== undefined) o.description = spec.description;
  if (spec.default !== undefined) o.default = spec.default;
  if (spec.enum !== undefined) o.enum = spec.enum;
  if (spec.secret !== undefined) o.secret = spec.secret;
  return o;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function nodeRef(id: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(id) ? id : `\`${id}\``;
}

interface Rewriter {
  json(v: Json): Json;
  id(nodeId: string): string;
}

/** Rewrites `inputs.<old>` and `nodes.<old>` references (old workflow) to the new names. */
function makeRewriter(inputs: Record<string, string>, nodes: Record<string, string>): Rewriter {
  const rules: Array<[RegExp, string]> = [];
  for (const [o, n] of Object.entries(inputs))
    rules.push([new RegExp(`\\binputs\\.${escapeRe(o)}(?![A-Za-z0-9_])`, 'g'), `inputs.${n}`]);
  for (const [o, n] of Object.entries(nodes))
    rules.push([
      new RegExp(`\\bnodes\\.(?:${escapeRe(o)}(?![A-Za-z0-9_-])|\`${escapeRe(o)}\`)`, 'g'),
      `nodes.${nodeRef(n)}`,
    ]);
  const str = (s: string) => rules.reduce((acc, [re, to]) => acc.replace(re, () => to), s);
  return {
    json: (v) => (rules.length === 0 ? v : mapStrings(v, str)),
    id: (nodeId) => nodes[nodeId] ?? nodeId,
  };
}

/** The comparable fields of a node other than `type` and `options`. */
const NODE_FIELDS = [
  'description',
  'needs',
  'when',
  'foreach',
  'concurrency',
  'retry',
  'timeoutMs',
  'onError',
  'tolerateSkipped',
  'pure',
  'idempotent',
] as const;

function nodeField(spec: NodeSpec, field: (typeof NODE_FIELDS)[number], rw?: Rewriter): Json | undefined {
  if (field === 'needs') {
    const ids = spec.needs.map((id) => (rw ? rw.id(id) : id)).sort(byCodePoint);
    return ids.length === 0 ? undefined : ids;
  }
  if (field === 'tolerateSkipped') return spec.tolerateSkipped ? true : undefined;
  if (field === 'onError')
    return spec.onError.action === 'fail' ? undefined : (spec.onError as unknown as Json);
  const v = spec[field] as Json | undefined;
  return v === undefined || !rw ? v : rw.json(v);
}

function sameNode(o: NodeSpec, n: NodeSpec, rw: Rewriter, strict: boolean): boolean {
  if (o.type !== n.type || !jsonEqual(rw.json(o.options), n.options)) return false;
  return !strict || NODE_FIELDS.every((f) => jsonEqual(nodeField(o, f, rw), nodeField(n, f)));
}

/** Adds `added`/`removed`/`changed` changes for two values, recursing into plain objects. */
function diffValue(
  out: Change[],
  base: Omit<Change, 'kind' | 'path' | 'before' | 'after' | 'field'>,
  path: string,
  field: string,
  a: Json | undefined,
  b: Json | undefined,
): void {
  if (jsonEqual(a, b)) return;
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(byCodePoint);
    for (const k of keys) diffValue(out, base, `${path}.${k}`, `${field}.${k}`, a[k], b[k]);
    return;
  }
  const c: Change = {
    ...base,
    kind: a === undefined ? 'added' : b === undefined ? 'removed' : 'changed',
    path,
    field,
  };
  if (a !== undefined) c.before = a;
  if (b !== undefined) c.after = b;
  out.push(c);
}

function diffMeta(before: Workflow, after: Workflow, out: Change[]): void {
  const meta = (w: Workflow): Record<string, Json | undefined> => ({
    apiVersion: w.apiVersion,
    name: w.name,
    description: w.description,
    owners: w.owners.length ? [...w.owners].sort(byCodePoint) : undefined,
    labels: Object.keys(w.labels).length ? w.labels : undefined,
    defaults: Object.keys(w.defaults).length ? (w.defaults as unknown as Json) : undefined,
    resources: w.resources,
  });
  const a = meta(before);
  const b = meta(after);
  for (const k of Object.keys(a)) {
    const parts: Change[] = [];
    diffValue(parts, { area: 'workflow', subject: k }, k, k, a[k], b[k]);
    for (const p of parts) {
      // A field of the workflow that appears or disappears is "changed" for the workflow itself.
      if (p.path === k && p.kind !== 'changed' && k !== 'labels' && k !== 'defaults') p.kind = 'changed';
      out.push(p);
    }
  }
}

function diffInputs(before: Workflow, after: Workflow, renames: Record<string, string>, out: Change[]): void {
  const renamedTo = new Set(Object.values(renames));
  for (const name of sortedKeys(before.inputs)) {
    if (name in renames) {
      out.push(rename('input', 'inputs', name, renames[name]!));
    } else if (!(name in after.inputs)) {
      out.push({
        area: 'input',
        kind: 'removed',
        path: `inputs.${name}`,
        subject: name,
        before: inputJson(before.inputs[name]!),
      });
    } else {
      const a = inputJson(before.inputs[name]!) as Record<string, Json>;
      const b = inputJson(after.inputs[name]!) as Record<string, Json>;
      for (const f of ['type', 'required', 'default', 'enum', 'secret', 'description']) {
        if (jsonEqual(a[f], b[f])) continue;
        const c: Change = {
          area: 'input',
          kind: 'changed',
          path: `inputs.${name}.${f}`,
          subject: name,
          field: f,
        };
        if (a[f] !== undefined) c.before = a[f];
        if (b[f] !== undefined) c.after = b[f];
        out.push(c);
      }
    }
  }
  for (const name of sortedKeys(after.inputs)) {
    if (name in before.inputs || renamedTo.has(name)) continue;
    out.push({
      area: 'input',
      kind: 'added',
      path: `inputs.${name}`,
      subject: name,
      after: inputJson(after.inputs[name]!),
    });
  }
}

function rename(area: ChangeArea, prefix: string, o: string, n: string): Change {
  return { area, kind: 'renamed', path: `${prefix}.${o}`, subject: o, before: o, after: n };
}

function diffOutputs(
  before: Workflow,
  after: Workflow,
  renames: Record<string, string>,
  rw: Rewriter,
  out: Change[],
): void {
  const renamedTo = new Set(Object.values(renames));
  for (const name of sortedKeys(before.outputs)) {
    if (name in renames) out.push(rename('output', 'outputs', name, renames[name]!));
    else if (!(name in after.outputs))
      out.push({
        area: 'output',
        kind: 'removed',
        path: `outputs.${name}`,
        subject: name,
        before: before.outputs[name]!,
      });
    else {
      const a = rw.json(before.outputs[name]!);
      const b = after.outputs[name]!;
      if (!jsonEqual(a, b))
        out.push({
          area: 'output',
          kind: 'changed',
          path: `outputs.${name}`,
          subject: name,
          field: 'value',
          before: before.outputs[name]!,
          after: b,
        });
    }
  }
  for (const name of sortedKeys(after.outputs)) {
    if (name in before.outputs || renamedTo.has(name)) continue;
    out.push({
      area: 'output',
      kind: 'added',
      path: `outputs.${name}`,
      subject: name,
      after: after.outputs[name]!,
    });
  }
}

/**
 * Triggers are free-form in format v1: a map is keyed by its keys; a list by each item's `name` or `id`, else by
 * the item's canonical JSON; any other value is one trigger.
 */
export function triggerMap(t: Json | undefined): Record<string, Json> {
  if (t === undefined || t === null) return {};
  if (isJsonObject(t)) {
    const o: Record<string, Json> = {};
    for (const [k, v] of Object.entries(t)) if (v !== undefined) o[k] = v;
    return o;
  }
  const items = Array.isArray(t) ? t : [t];
  const o: Record<string, Json> = {};
  for (const item of items) {
    const named =
      isJsonObject(item) && typeof (item.name ?? item.id) === 'string'
        ? String(item.name ?? item.id)
        : undefined;
    o[named ?? (typeof item === 'string' ? item : canonicalJson(item))] = item;
  }
  return o;
}

function diffTriggers(a: Json | undefined, b: Json | undefined, out: Change[]): void {
  const ma = triggerMap(a);
  const mb = triggerMap(b);
  const keys = [...new Set([...Object.keys(ma), ...Object.keys(mb)])].sort(byCodePoint);
  for (const k of keys) {
    const path = /^[A-Za-z0-9_-]+$/.test(k) ? `triggers.${k}` : `triggers[${JSON.stringify(k)}]`;
    if (!(k in mb)) out.push({ area: 'trigger', kind: 'removed', path, subject: k, before: ma[k]! });
    else if (!(k in ma)) out.push({ area: 'trigger', kind: 'added', path, subject: k, after: mb[k]! });
    else if (!jsonEqual(ma[k], mb[k]))
      out.push({
        area: 'trigger',
        kind: 'changed',
        path,
        subject: k,
        field: 'value',
        before: ma[k]!,
        after: mb[k]!,
      });
  }
}

function diffNodes(
  before: Workflow,
  after: Workflow,
  renames: Record<string, string>,
  rw: Rewriter,
  out: Change[],
): void {
  const renamedTo = new Set(Object.values(renames));
  for (const id of sortedKeys(before.nodes)) {
    const o = before.nodes[id]!;
    const newId = renames[id] ?? id;
    const n = after.nodes[newId];
    if (id in renames) out.push(rename('node', 'nodes', id, newId));
    if (!n) {
      out.push({
        area: 'node',
        kind: 'removed',
        path: `nodes.${id}`,
        subject: id,
        before: { type: o.type, ...o.options },
      });
      continue;
    }
    const base = { area: 'node' as const, subject: newId };
    if (o.type !== n.type)
      out.push({
        ...base,
        kind: 'changed',
        path: `nodes.${newId}.type`,
        field: 'type',
        before: o.type,
        after: n.type,
      });
    diffValue(out, base, `nodes.${newId}.options`, 'options', rw.json(o.options), n.options);
    for (const f of NODE_FIELDS) {
      const a = nodeField(o, f, rw);
      const b = nodeField(n, f);
      if (jsonEqual(a, b)) continue;
      const c: Change = { ...base, kind: 'changed', path: `nodes.${newId}.${f}`, field: f };
      const ra = nodeField(o, f);
      if (ra !== undefined) c.before = ra;
      if (b !== undefined) c.after = b;
      out.push(c);
    }
  }
  for (const id of sortedKeys(after.nodes)) {
    if (id in before.nodes || renamedTo.has(id)) continue;
    const n = after.nodes[id]!;
    out.push({
      area: 'node',
      kind: 'added',
      path: `nodes.${id}`,
      subject: id,
      after: { type: n.type, ...n.options },
    });
  }
}

/**
 * Writes an optimised workflow back into its YAML text, keeping comments and the layout of
 * everything untouched: removed nodes are deleted line by line, a changed node's block is
 * re-rendered with only its changed keys edited (its comments kept by `yaml`'s document
 * model), hoisted nodes are inserted after the node they came from, changed outputs are
 * edited in place. Used by `optimize --write` and `--diff`. Pure.
 */
import { isMap, isScalar, parseDocument, stringify, type Document, type YAMLMap } from 'yaml';
import type { Json, NodeSpec, RetryPolicy, Workflow } from '../core/workflow.js';
import { DEFAULT_RETRY } from '../core/parse/normalize.js';
import { canonicalJson } from '../core/json.js';

/** The YAML keys and values of a node, as it would be written (durations in ms). */
export function rawNode(spec: NodeSpec): Record<string, unknown> {
  const out: Record<string, unknown> = { type: spec.type };
  if (spec.description !== undefined) out['description'] = spec.description;
  if (spec.needs.length > 0) out['needs'] = spec.needs.length === 1 ? spec.needs[0] : [...spec.needs];
  if (spec.when !== undefined) out['when'] = spec.when;
  if (spec.foreach !== undefined) out['foreach'] = spec.foreach;
  if (spec.concurrency !== undefined) out['concurrency'] = spec.concurrency;
  if (spec.retry !== undefined) out['retry'] = rawRetry(spec.retry);
  if (spec.timeoutMs !== undefined) out['timeout'] = spec.timeoutMs;
  if (spec.onError.action === 'continue') out['onError'] = 'continue';
  else if (spec.onError.action === 'fallback') out['onError'] = { fallback: spec.onError.value };
  if (spec.tolerateSkipped) out['tolerateSkipped'] = true;
  if (spec.pure !== undefined) out['pure'] = spec.pure;
  if (spec.idempotent !== undefined) out['idempotent'] = spec.idempotent;
  for (const [k, v] of Object.entries(spec.options)) out[k] = v;
  return out;
}

function rawRetry(r: RetryPolicy): Record<string, unknown> {
  const out: Record<string, unknown> = { attempts: r.attempts };
  if (r.backoff !== DEFAULT_RETRY.backoff) out['backoff'] = r.backoff;
  if (r.delayMs !== DEFAULT_RETRY.delayMs) out['delay'] = r.delayMs;
  if (r.maxDelayMs !== DEFAULT_RETRY.maxDelayMs) out['maxDelay'] = r.maxDelayMs;
  if (r.jitter !== DEFAULT_RETRY.jitter) out['jitter'] = r.jitter;
  if (r.on.length > 0) out['on'] = [...r.on];
  return out;
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo; // 0-based
}

/** Entries of a top-level block map (`nodes`, `outputs`): key → its line span (0-based, end exclusive). */
interface Entry {
  start: number;
  end: number;
  indent: string;
  /** First line of the comment block right above the entry (its own comment), else `start`. */
  lead: number;
}

function blockEntries(doc: Document, text: string, key: string): Map<string, Entry> | undefined {
  const map = doc.get(key, true);
  if (!isMap(map) || (map as YAMLMap).flow) return undefined;
  const starts = lineStartsOf(text);
  const lines = text.split('\n');
  const out = new Map<string, Entry>();
  for (const pair of (map as YAMLMap).items) {
    if (!isScalar(pair.key) || !pair.key.range) return undefined;
    const line = lineAt(starts, pair.key.range[0]);
    const indent = /^ */.exec(lines[line]!)![0];
    if (starts[line]! + indent.length !== pair.key.range[0]) return undefined;
    let end = line + 1;
    for (let i = line + 1; i < lines.length; i++) {
      const l = lines[i]!;
      if (l.trim() === '' || l.trimStart().startsWith('#')) continue;
      if (/^ */.exec(l)![0].length <= indent.length) break;
      end = i + 1;
    }
    let lead = line;
    while (lead > 0 && lines[lead - 1]!.startsWith(`${indent}#`)) lead--;
    out.set(String(pair.key.value), { start: line, end, indent, lead });
  }
  return out;
}

/** Re-renders one `key: value` block with the given changes to its inner map (or its value). */
function editBlock(
  block: string[],
  indent: string,
  key: string,
  change: { set?: Record<string, unknown>; remove?: string[]; value?: unknown },
): string[] {
  const text = block.map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l)).join('\n');
  const doc = parseDocument(text);
  // A scalar replaced by a scalar keeps its node, so its comment stays with it.
  const put = (path: string[], v: unknown) => {
    const node = doc.getIn(path, true);
    if (isScalar(node) && (v === null || typeof v !== 'object')) {
      node.value = v;
      // A style chosen for the old text may not fit the new one (e.g. plain → needs quotes).
      if (node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL') delete node.type;
    } else doc.setIn(path, doc.createNode(v));
  };
  if ('value' in change) put([key], change.value);
  for (const k of change.remove ?? []) doc.deleteIn([key, k]);
  for (const [k, v] of Object.entries(change.set ?? {})) put([key, k], v);
  const out = doc.toString({ lineWidth: 0, flowCollectionPadding: false }).replace(/\n$/, '');
  return out.split('\n').map((l) => (l === '' ? l : indent + l));
}

/**
 * The text of `before`'s file rewritten to `after`. Returns undefined when the layout does not
 * allow line edits (flow-style `nodes:` or `outputs:`); callers then render the document.
 */
export function renderOptimized(
  text: string,
  before: Workflow,
  after: Workflow,
  hoisted: Record<string, string>,
): string | undefined {
  const doc = parseDocument(text);
  const nodes = blockEntries(doc, text, 'nodes');
  const outputs = blockEntries(doc, text, 'outputs');
  if (!nodes) return undefined;
  const lines = text.split('\n');
  /** Replacements by start line: [end, new lines]. */
  const edits = new Map<number, { end: number; lines: string[] }>();
  const inserts = new Map<number, string[]>();
  for (const [id, entry] of nodes) {
    const was = before.nodes[id];
    const now = after.nodes[id];
    if (!was) return undefined;
    if (!now) {
      // The node goes with the comment lines right above it.
      edits.set(entry.lead, { end: entry.end, lines: [] });
      continue;
    }
    const a = rawNode(was);
    const b = rawNode(now);
    const remove = Object.keys(a).filter((k) => !(k in b));
    const set = Object.fromEntries(Object.entries(b).filter(([k, v]) => !same(a[k], v)));
    if (remove.length > 0 || Object.keys(set).length > 0) {
      edits.set(entry.start, {
        end: entry.end,
        lines: editBlock(lines.slice(entry.start, entry.end), entry.indent, id, { set, remove }),
      });
    }
  }
  for (const [newId, from] of Object.entries(hoisted)) {
    const spec = after.nodes[newId];
    const at = nodes.get(from) ?? [...nodes.values()].at(-1);
    if (!spec || !at) continue;
    const rendered = stringify(
      { [newId]: rawNode(spec) },
      { lineWidth: 0, flowCollectionPadding: false },
    ).replace(/\n$/, '');
    const list = inserts.get(at.start) ?? [];
    list.push(...rendered.split('\n').map((l) => (l === '' ? l : at.indent + l)));
    inserts.set(at.start, list);
  }
  for (const [name, value] of Object.entries(after.outputs)) {
    if (same(before.outputs[name], value)) continue;
    const entry = outputs?.get(name);
    if (!entry) return undefined;
    edits.set(entry.start, {
      end: entry.end,
      lines: editBlock(lines.slice(entry.start, entry.end), entry.indent, name, { value: value as Json }),
    });
  }
  // Inserted nodes go before the node after the one they came from (i.e. right after its block).
  const out: string[] = [];
  for (let i = 0; i < lines.length;) {
    const e = edits.get(i);
    const ins = inserts.get(i);
    if (e) {
      out.push(...e.lines);
      if (ins) out.push(...ins);
      i = e.end;
      continue;
    }
    const entry = ins ? [...nodes.values()].find((n) => n.start === i) : undefined;
    if (entry && ins) {
      out.push(...lines.slice(entry.start, entry.end), ...ins);
      i = entry.end;
      continue;
    }
    out.push(lines[i]!);
    i++;
  }
  return out.join('\n');
}

/** Renders the whole workflow document with `yaml`'s document model (comments mostly kept). */
export function renderDocument(text: string, after: Workflow): string {
  const doc = parseDocument(text);
  doc.set(
    'nodes',
    doc.createNode(Object.fromEntries(Object.entries(after.nodes).map(([id, s]) => [id, rawNode(s)]))),
  );
  if (Object.keys(after.outputs).length > 0) doc.set('outputs', doc.createNode(after.outputs));
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

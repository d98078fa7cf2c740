/**
 * Expression helpers of the optimiser: canonical forms of values and JSONata (so nodes that
 * differ only in spacing or key order compare equal), what a node reads, and renaming the
 * node references inside expressions, checked against the parser. Pure.
 */
import { compileExpression } from '../core/expr/jsonata.js';
import { collectRefs, type ExpressionRefs } from '../core/expr/refs.js';
import { collectExpressions, isTemplate, parseTemplate } from '../core/expr/template.js';
import { canonicalJson } from '../core/json.js';
import type { Json, NodeSpec } from '../core/workflow.js';

/** A rename of node ids applied while canonicalising (a copy reads the survivor). */
export type Rename = ReadonlyMap<string, string>;

/**
 * The canonical shape of an expression: its AST without positions, keys sorted, with each node
 * reference (`nodes.<id>`, `$$.nodes.<id>`) replaced by a placeholder `#k`; `refs[k]` is the
 * id. Memoised by source; renaming then touches only `refs`, never the text.
 */
interface Shape {
  text: string;
  refs: string[];
}
const shapes = new Map<string, Shape>();

function shapeOf(source: string): Shape {
  let sh = shapes.get(source);
  if (!sh) {
    const refs: string[] = [];
    let text: string;
    try {
      text = canonicalAst(compileExpression(source).ast(), refs);
    } catch {
      text = `raw:${source}`;
    }
    sh = { text, refs };
    if (shapes.size > 50_000) shapes.clear();
    shapes.set(source, sh);
  }
  return sh;
}

/**
 * A canonical text of a JSONata expression (uses the compiled expression the validator already
 * cached: no new parse). Equal texts mean equal expressions up to spacing and key order, with
 * node references compared after `rename`.
 */
export function canonicalExpression(source: string, rename?: Rename): string {
  const sh = shapeOf(source);
  if (sh.refs.length === 0) return sh.text;
  return `${sh.text}|${sh.refs.map((r) => rename?.get(r) ?? r).join(',')}`;
}

type Ast = Record<string, unknown>;

function canonicalAst(v: unknown, refs: string[]): string {
  if (Array.isArray(v)) return `[${v.map((x) => canonicalAst(x, refs)).join(',')}]`;
  if (!v || typeof v !== 'object') return JSON.stringify(v) ?? 'undefined';
  const n = v as Ast;
  let steps = n['steps'];
  if (n['type'] === 'path' && Array.isArray(steps)) {
    // The node id step of `nodes.<id>` (after an optional `$$`), as src/core/expr/refs.ts reads it.
    const list = steps as Ast[];
    const i = list[0]?.['type'] === 'variable' && list[0]['value'] === '$' ? 1 : 0;
    const head = list[i];
    const id = list[i + 1];
    if (head?.['type'] === 'name' && head['value'] === 'nodes' && id?.['type'] === 'name') {
      let k = refs.indexOf(id['value'] as string);
      if (k < 0) k = refs.push(id['value'] as string) - 1;
      steps = list.map((st, j) => (j === i + 1 ? { ...st, value: `#${k}` } : st));
    }
  }
  const keys = Object.keys(n)
    .filter((k) => k !== 'position' && typeof n[k] !== 'function')
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalAst(k === 'steps' ? steps : n[k], refs)}`).join(',')}}`;
}

/** Canonical text of a templated value: expression parts by their AST, the rest as JSON. */
export function canonicalTemplate(value: Json | undefined, rename?: Rename): string {
  if (typeof value === 'string') {
    if (!isTemplate(value)) return JSON.stringify(value);
    try {
      return `tpl[${parseTemplate(value)
        .map((p) =>
          p.kind === 'text' ? JSON.stringify(p.text) : `{${canonicalExpression(p.source, rename)}}`,
        )
        .join(',')}]`;
    } catch {
      return JSON.stringify(value);
    }
  }
  if (value === undefined || value === null || typeof value !== 'object') return canonicalJson(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalTemplate(v, rename)).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalTemplate(value[k], rename)}`).join(',')}}`;
}

/** Every expression source of a node (templates in options, `when`, `foreach`, and raw options). */
export function nodeExpressions(spec: NodeSpec, rawOptions: readonly string[]): string[] {
  const out: string[] = [];
  const raw = new Set(rawOptions);
  for (const [k, v] of Object.entries(spec.options)) {
    if (raw.has(k) && typeof v === 'string') out.push(v);
    else for (const e of collectExpressions(v)) if (!e.error) out.push(e.source);
  }
  for (const v of [spec.when, spec.foreach]) {
    for (const e of collectExpressions(v)) if (!e.error) out.push(e.source);
  }
  return out;
}

/** Expressions reading the clock or randomness give a different value each time. */
const NONDETERMINISTIC = /\$(now|millis|random)\s*\(/;

/** What a set of expressions reads, merged; undefined when one does not parse. */
export interface Reads {
  nodes: Set<string>;
  inputs: boolean;
  secrets: boolean;
  env: boolean;
  run: boolean;
  usesItem: boolean;
  dynamicNodes: boolean;
  nondeterministic: boolean;
}

export function readsOf(sources: readonly string[]): Reads | undefined {
  const r: Reads = {
    nodes: new Set(),
    inputs: false,
    secrets: false,
    env: false,
    run: false,
    usesItem: false,
    dynamicNodes: false,
    nondeterministic: false,
  };
  for (const s of sources) {
    let refs: ExpressionRefs;
    try {
      refs = collectRefs(s);
    } catch {
      return undefined;
    }
    for (const n of refs.nodes.keys()) r.nodes.add(n);
    r.inputs ||= refs.inputs.size > 0 || /\binputs\b/.test(s);
    r.secrets ||= refs.secrets.size > 0 || /\bsecrets\b/.test(s);
    r.env ||= refs.env.size > 0 || /\benv\b/.test(s);
    r.run ||= /\brun\b/.test(s) || /\$\$/.test(s);
    r.usesItem ||= refs.usesItem;
    r.dynamicNodes ||= refs.dynamicNodes;
    r.nondeterministic ||= NONDETERMINISTIC.test(s);
  }
  return r;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A JSONata reference to node `id` (backticks when the id is not a plain name). */
export function nodeRefText(id: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(id) ? `nodes.${id}` : `nodes.\`${id}\``;
}

/** Matches `nodes.<id>` / ``nodes.`<id>` `` not followed by more name characters. */
const patterns = new Map<string, RegExp>();
function refPattern(id: string, suffix = ''): RegExp {
  const key = `${id}\n${suffix}`;
  let re = patterns.get(key);
  if (!re) {
    re = buildRefPattern(id, suffix);
    if (patterns.size > 10_000) patterns.clear();
    patterns.set(key, re);
  }
  return re;
}
function buildRefPattern(id: string, suffix: string): RegExp {
  const e = escapeRe(id);
  return new RegExp(`(?<![A-Za-z0-9_$])nodes\\s*\\.\\s*(?:${e}(?![A-Za-z0-9_-])|\`${e}\`)${suffix}`, 'g');
}

/**
 * Conservative facts from the text alone (no parse): whether it may read inputs, secrets, env,
 * run data, an item, the clock or randomness. A false "may" only costs a missed rewrite.
 */
export function textFlags(sources: readonly string[]): {
  varies: boolean;
  usesItem: boolean;
  nondeterministic: boolean;
} {
  const text = sources.join('\n');
  return {
    varies: /\b(inputs|secrets|env|run)\b|\$\$|\$lookup|\$eval/.test(text),
    usesItem: /\b(item|index)\b/.test(text),
    nondeterministic: NONDETERMINISTIC.test(text) || /\$eval/.test(text),
  };
}

/** Thrown when a textual rewrite of an expression would not mean what it should. */
export class RewriteRefused extends Error {}

/** String literals and comments of JSONata text (blanked before matching references). */
const LITERALS = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\/\*[\s\S]*?\*\//g;

/**
 * Checks that every textual match of `pattern` in `source` is a node reference as
 * src/core/expr/refs.ts reads it: none inside a string literal or comment, and none that is a
 * field of something else (`x.nodes.a`; `$$.nodes.a` is a reference). Throws otherwise.
 */
function checkMatches(source: string, pattern: RegExp): number {
  const all = source.match(pattern)?.length ?? 0;
  if (all === 0) return 0;
  const bare = /["'/]/.test(source) ? source.replace(LITERALS, (m) => ' '.repeat(m.length)) : source;
  let count = 0;
  for (const m of bare.matchAll(pattern)) {
    count++;
    let j = m.index - 1;
    while (j >= 0 && isSpace(bare.charCodeAt(j))) j--;
    if (bare[j] !== '.') continue;
    j--;
    while (j >= 0 && isSpace(bare.charCodeAt(j))) j--;
    if (!(bare[j] === '$' && bare[j - 1] === '$'))
      throw new RewriteRefused('`nodes` used as a field, not as the root');
  }
  if (count !== all) throw new RewriteRefused('a reference-like text inside a string or comment');
  return all;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * Renames references to node `from` into `to` inside one expression source. Text only (a new
 * parse costs ~0.2 ms per expression), checked so that only real references change.
 */
export function renameInExpression(source: string, from: string, to: string): string {
  const pattern = refPattern(from);
  if (checkMatches(source, pattern) === 0) return source;
  return source.replace(pattern, nodeRefText(to));
}

/**
 * Replaces `nodes.<id>.output` by `replacement` (e.g. a variable) inside an expression; refuses
 * when the expression reads the node any other way (`status`, the whole `nodes.<id>`).
 */
export function substituteOutput(source: string, id: string, replacement: string): string {
  const outputRef = refPattern(id, '\\s*\\.\\s*output(?![A-Za-z0-9_])');
  const all = checkMatches(source, refPattern(id));
  if (all === 0 || all !== checkMatches(source, outputRef)) {
    throw new RewriteRefused(`node ${id} is not only read as .output`);
  }
  return source.replace(outputRef, replacement);
}

/** Applies `f` to every expression source inside a templated JSON value (text parts kept). */
export function mapTemplateExpressions(value: Json, f: (source: string) => string): Json {
  if (typeof value === 'string') {
    if (!isTemplate(value)) return value;
    const parts = parseTemplate(value);
    let changed = false;
    const text = parts
      .map((p) => {
        if (p.kind === 'text') return p.text;
        const n = f(p.source);
        if (n !== p.source) changed = true;
        return `\${{ ${n} }}`;
      })
      .join('');
    return changed ? text : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const items = value.map((v) => mapTemplateExpressions(v, f));
    return items.every((v, i) => v === value[i]) ? value : items;
  }
  let changed = false;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = mapTemplateExpressions(v, f);
    if (out[k] !== v) changed = true;
  }
  return changed ? out : value;
}

/** A node with every expression (templates and raw options) passed through `f`; same object when unchanged. */
export function mapNodeExpressions(
  spec: NodeSpec,
  rawOptions: readonly string[],
  f: (source: string) => string,
): NodeSpec {
  const raw = new Set(rawOptions);
  let changed = false;
  const options: Record<string, Json> = {};
  for (const [k, v] of Object.entries(spec.options)) {
    options[k] = raw.has(k) && typeof v === 'string' ? f(v) : mapTemplateExpressions(v, f);
    if (options[k] !== v) changed = true;
  }
  const out: NodeSpec = { ...spec, options };
  if (spec.when !== undefined) {
    out.when = mapTemplateExpressions(spec.when, f);
    if (out.when !== spec.when) changed = true;
  }
  if (spec.foreach !== undefined) {
    out.foreach = mapTemplateExpressions(spec.foreach, f);
    if (out.foreach !== spec.foreach) changed = true;
  }
  return changed ? out : spec;
}

/** What a templated value (an output, a `when`) reads; undefined when it does not parse. */
export function valueReads(value: Json | undefined): Reads | undefined {
  return readsOf(collectExpressions(value).flatMap((e) => (e.error ? [] : [e.source])));
}

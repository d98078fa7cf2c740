/**
 * Maps JSON paths (`['nodes', 'fetch', 'url']`) back to 1-based line:col ranges in the YAML
 * source, using the node ranges `yaml`'s `parseDocument` keeps. Pure.
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Document,
  type LineCounter,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import { FILE_START, type Position, type Range } from '../diagnostics.js';
import type { SourceMap } from '../workflow.js';

export type JsonPath = readonly (string | number)[];

/** The {@link SourceMap} of a YAML document, with finer lookups used by the validator. */
export interface YamlSourceMap extends SourceMap {
  /**
   * Range of the key of the map entry at `path` (e.g. `url:` for `['nodes','fetch','url']`).
   * Falls back like {@link SourceMap.rangeOf} when the path has no key of its own.
   */
  keyRangeOf(path: JsonPath): Range;
  /**
   * Range of `length` characters starting at `offset` inside the string value at `path`.
   * Exact for single-line plain and quoted scalars and for literal (`|`) blocks; for other
   * scalars (folded, multi-line, escaped) it is the start of the scalar.
   */
  rangeInString(path: JsonPath, offset: number, length?: number): Range;
  /** Range of a 0-based character offset in the whole source text. */
  rangeAtOffset(offset: number, length?: number): Range;
}

/** Where a path leads in a document: the deepest node reached and the key holding it. */
export interface Found<N> {
  /** The deepest node reached (the target when `complete`). */
  node: N | undefined;
  /** The key of the pair holding `node`, when `node` is a map value. */
  key: N | undefined;
  complete: boolean;
}

/** What {@link sourceMapOver} needs of a document's nodes (`yaml`'s, or the fast path's). */
export interface NodeAccess<N> {
  find(path: JsonPath): Found<N>;
  /** Start and value end offsets, when known. */
  range(n: N): readonly [number, number] | undefined;
  isScalar(n: N): boolean;
  /** The node as a string scalar, or undefined when it is none. */
  stringScalar(n: N): ScalarSource | undefined;
}

/**
 * The {@link YamlSourceMap} over a document's nodes: collections are reported at their key,
 * scalars at the value itself; `pos` turns an offset into a 1-based line and column.
 */
export function sourceMapOver<N>(
  file: string,
  text: string,
  pos: (offset: number) => Position,
  nodes: NodeAccess<N>,
): YamlSourceMap {
  const range = (start: number, end: number): Range => ({
    start: pos(Math.max(0, Math.min(start, text.length))),
    end: pos(Math.max(0, Math.min(Math.max(start, end), text.length))),
  });
  const nodeRange = (n: N): Range => {
    const r = nodes.range(n);
    return r ? range(r[0], r[1]) : FILE_START;
  };
  const rangeOf = (path: JsonPath): Range => {
    const f = nodes.find(path);
    if (f.node === undefined) return FILE_START;
    if (f.key !== undefined && (!nodes.isScalar(f.node) || !f.complete)) return nodeRange(f.key);
    return nodeRange(f.node);
  };
  return {
    file,
    rangeOf,
    keyRangeOf(path) {
      const f = nodes.find(path);
      return f.key !== undefined ? nodeRange(f.key) : rangeOf(path);
    },
    rangeInString(path, offset, length = 1) {
      const f = nodes.find(path);
      const scalar = f.complete && f.node !== undefined ? nodes.stringScalar(f.node) : undefined;
      if (!scalar) return rangeOf(path);
      const at = sourceOffset(text, scalar, offset);
      const start = scalar.range[0] ?? 0;
      if (at === undefined) return range(start, start);
      const end = sourceOffset(text, scalar, offset + length);
      return range(at, end ?? at);
    },
    rangeAtOffset: (offset, length = 0) => range(offset, offset + length),
  };
}

/** Creates the source map of a parsed document. `text` must be the text the document was parsed from. */
export function createSourceMap(
  file: string,
  text: string,
  doc: Document.Parsed | undefined,
  lineCounter: LineCounter,
): YamlSourceMap {
  const pos = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, col: p.col };
  };
  // Each map's entries by key, indexed on first lookup: reporting on every node of a large
  // workflow stays linear rather than scanning the `nodes` map once per lookup.
  const entries = new WeakMap<YAMLMap, Map<string, Pair>>();
  const entryOf = (map: YAMLMap, seg: string | number): Pair | undefined => {
    let index = entries.get(map);
    if (!index) {
      index = new Map();
      for (const pair of map.items) {
        if (!isPair(pair)) continue;
        const k = pair.key as Node | null;
        // The first of duplicate keys, as a linear scan would find it.
        if (isScalar(k) && !index.has(String(k.value))) index.set(String(k.value), pair);
      }
      entries.set(map, index);
    }
    return index.get(String(seg));
  };

  const find = (path: JsonPath): Found<Node> => {
    let node = (doc?.contents ?? undefined) as Node | undefined;
    let key: Node | undefined;
    if (!node) return { node: undefined, key: undefined, complete: false };
    for (const seg of path) {
      // Follow anchors so a path through `*alias` lands on the anchored text.
      let cur: Node | undefined = node;
      for (let hops = 0; cur && isAlias(cur) && hops < 16 && doc; hops++) {
        cur = cur.resolve(doc) as Node | undefined;
      }
      let next: Node | undefined;
      let nextKey: Node | undefined;
      if (isMap(cur)) {
        const pair = entryOf(cur, seg);
        if (pair) {
          const k = pair.key as Node;
          next = (pair.value ?? undefined) as Node | undefined;
          nextKey = k;
          // A key with no value (`foo:`) still has a place: the key.
          if (!next) return { node: k, key: k, complete: true };
        }
      } else if (isSeq(cur) && typeof seg === 'number') {
        next = (cur.items[seg] ?? undefined) as Node | undefined;
        nextKey = undefined;
      }
      if (!next) return { node, key, complete: false };
      node = next;
      key = nextKey;
    }
    return { node, key, complete: true };
  };

  return sourceMapOver<Node>(file, text, pos, {
    find,
    range: (n) => (n.range ? [n.range[0], n.range[1]] : undefined),
    isScalar: (n) => isScalar(n),
    stringScalar: (n) =>
      isScalar(n) && typeof n.value === 'string' && n.range ? (n as ScalarSource & Scalar) : undefined,
  });
}

/** A string scalar as `sourceOffset` needs it: `yaml`'s `Scalar`, or the fast path's node. */
export interface ScalarSource {
  /** `PLAIN`, `QUOTE_DOUBLE`, `QUOTE_SINGLE`, `BLOCK_LITERAL`, `BLOCK_FOLDED`. */
  type?: string | undefined;
  value: string;
  /** Start and value end offsets in the text. */
  range: readonly number[];
}

/**
 * The 0-based offset in `text` of character `offset` of a string scalar's value, when the
 * scalar's source maps character by character onto its value; undefined otherwise.
 * Every mapping is verified against the source, so a wrong guess falls back to the scalar start.
 */
export function sourceOffset(text: string, node: ScalarSource, offset: number): number | undefined {
  const [start = 0, end = 0] = node.range;
  const value = node.value;
  if (offset < 0 || offset > value.length) return undefined;
  const src = text.slice(start, end);
  switch (node.type) {
    case 'PLAIN':
      return src === value ? start + offset : undefined;
    case 'QUOTE_DOUBLE': {
      const inner = src.slice(1, -1);
      return inner === value ? start + 1 + offset : undefined;
    }
    case 'QUOTE_SINGLE': {
      // `''` in the source is one `'` in the value; nothing else is escaped.
      const inner = src.slice(1, -1);
      if (inner.includes('\n')) return undefined;
      let i = 0;
      let j = 0;
      while (j < offset && i < inner.length) {
        i += inner[i] === "'" && inner[i + 1] === "'" ? 2 : 1;
        j++;
      }
      return inner.replaceAll("''", "'") === value ? start + 1 + i : undefined;
    }
    case 'BLOCK_LITERAL':
      return literalOffset(src, start, value, offset);
    default:
      return undefined;
  }
}

/** Maps a value offset of a `|` block scalar onto the source: value line k is source line k after the header. */
function literalOffset(src: string, start: number, value: string, offset: number): number | undefined {
  const headerEnd = src.indexOf('\n');
  if (headerEnd < 0) return undefined;
  const lines = src.slice(headerEnd + 1).split('\n');
  const first = lines.find((l) => l.trim() !== '');
  if (first === undefined) return undefined;
  const indent = first.length - first.trimStart().length;
  const before = value.slice(0, offset);
  const lineIdx = before.split('\n').length - 1;
  const col = offset - (before.lastIndexOf('\n') + 1);
  const valueLine = value.split('\n')[lineIdx] ?? '';
  const srcLine = lines[lineIdx];
  if (srcLine === undefined || srcLine.slice(indent) !== valueLine) return undefined;
  let at = start + headerEnd + 1;
  for (let k = 0; k < lineIdx; k++) at += lines[k]!.length + 1;
  return at + indent + col;
}

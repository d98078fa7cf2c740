/**
 * The fast path of `parseYamlSource`: js-yaml's event parser (`parseEvents`, which reports
 * source offsets; 2–3× faster than `yaml`'s parser), from whose events one walk builds the
 * value — scalars resolved by the YAML 1.2 core schema exactly as `yaml` resolves them — and
 * the source map. It takes plain documents only — block and flow maps and sequences, scalars,
 * comments — and answers undefined for anything else: anchors, aliases, tags, directives,
 * document markers after the first, merge keys, keys that are not plain strings, empty values,
 * block scalars with `+` or indentation indicators or whitespace-only lines, lone CRs, BOMs,
 * and every error. `parseYamlSource` then reads the text with `yaml`, whose diagnostics are
 * precise. Both paths give the same value and the same ranges — except the end of a block
 * collection without a key followed by comment lines (see `collectionNode`):
 * test/core/yaml-fast.test.ts compares them on every YAML file of the repository, generated
 * and random documents, and the cases a review's differential fuzz found.
 */
import {
  EVENT_ALIAS,
  EVENT_DOCUMENT,
  EVENT_MAPPING,
  EVENT_POP,
  EVENT_SCALAR,
  EVENT_SEQUENCE,
  getScalarValue,
  parseEvents,
  SCALAR_STYLE_DOUBLE_QUOTED,
  SCALAR_STYLE_FOLDED_BLOCK,
  SCALAR_STYLE_LITERAL_BLOCK,
  SCALAR_STYLE_SINGLE_QUOTED,
  type Event,
} from 'js-yaml';
import type { Position } from '../diagnostics.js';
import { MAX_NESTING_DEPTH } from './limits.js';
import { sourceMapOver, type Found, type JsonPath, type YamlSourceMap } from './source-map.js';

/**
 * A node of the document with its source range as `yaml` gives it: `end` is its value end
 * (`range[1]`), `next` its node end (`range[2]`: past its line), where an enclosing block
 * collection ends when the node is its last value.
 */
type PosNode =
  | { kind: 'scalar'; start: number; end: number; next: number; type: string; value: string; data: unknown }
  | { kind: 'seq'; start: number; end: number; next: number; items: PosNode[]; data: unknown[] }
  | {
      kind: 'map';
      start: number;
      end: number;
      next: number;
      keys: PosNode[];
      values: PosNode[];
      data: object;
    };

/** What the fast path read: the value and its source map. */
export interface FastYaml {
  value: unknown;
  map: YamlSourceMap;
}

/** Thrown inside the walk to give up on the fast path. */
const GIVE_UP = Symbol('give up');

/**
 * Reads a plain YAML document, or returns undefined when the text needs the `yaml` path.
 * @example readYamlFast('a: 1\n', 'wf.yaml')?.value // {a: 1}
 */
export function readYamlFast(text: string, file: string): FastYaml | undefined {
  // What the two parsers read differently: a lone CR (a line break only for js-yaml), a BOM
  // inside the text, and `...` document end markers.
  if (/\r(?!\n)|\uFEFF|^\.\.\.(?:[ \t]|\r?$)/m.test(text)) return undefined;
  let root: PosNode;
  try {
    root = buildTree(text, parseEvents(text, { maxDepth: MAX_NESTING_DEPTH }));
  } catch {
    return undefined;
  }
  return { value: root.data, map: createPositionMap(file, text, root) };
}

/**
 * A plain scalar's value by the YAML 1.2 core schema, with `yaml`'s tests in `yaml`'s order
 * (null, bool, octal, decimal and hex ints, .nan/.inf, floats); anything else is the string.
 */
export function resolvePlain(s: string): unknown {
  // Most scalars are words: only these first characters can start a null, bool or number.
  if (s !== '' && !'~nNtTfF0123456789+-.'.includes(s[0]!)) return s;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s)) return s[0] === 't' || s[0] === 'T';
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.slice(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s))
    return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity;
  if (
    /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s) ||
    /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)
  )
    return parseFloat(s);
  return s;
}

function buildTree(text: string, events: readonly Event[]): PosNode {
  type Frame = { kind: 'seq' | 'map'; start: number; flow: boolean; children: PosNode[] };
  const stack: Frame[] = [];
  let root: PosNode | undefined;
  let documents = 0;
  const add = (node: PosNode) => {
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else if (root === undefined) root = node;
    else throw GIVE_UP;
  };
  for (const ev of events) {
    switch (ev.type) {
      case EVENT_DOCUMENT:
        if (++documents > 1 || ev.directives.length > 0) throw GIVE_UP;
        break;
      case EVENT_MAPPING:
      case EVENT_SEQUENCE:
        if (ev.anchorStart !== -1 || ev.tagStart !== -1) throw GIVE_UP;
        stack.push({
          kind: ev.type === EVENT_MAPPING ? 'map' : 'seq',
          start: ev.start,
          flow: ev.style === 2,
          children: [],
        });
        break;
      case EVENT_SCALAR:
        if (ev.anchorStart !== -1 || ev.tagStart !== -1) throw GIVE_UP;
        // An empty value (`key:` and nothing): `yaml` places its null by rules of its own; left to it.
        if (ev.valueStart === -1) throw GIVE_UP;
        add(scalarNode(text, ev));
        break;
      case EVENT_POP: {
        const frame = stack.pop();
        if (!frame) break; // the document's end
        add(collectionNode(text, frame));
        break;
      }
      case EVENT_ALIAS:
      default:
        throw GIVE_UP;
    }
  }
  if (root === undefined || documents !== 1) throw GIVE_UP;
  return root;
}

function scalarNode(text: string, ev: Extract<Event, { type: typeof EVENT_SCALAR }>): PosNode {
  const { valueStart: vs, valueEnd: ve } = ev;
  switch (ev.style) {
    case SCALAR_STYLE_SINGLE_QUOTED:
    case SCALAR_STYLE_DOUBLE_QUOTED: {
      const q = ev.style === SCALAR_STYLE_DOUBLE_QUOTED ? '"' : "'";
      if (text[vs - 1] !== q || text[ve] !== q) throw GIVE_UP;
      const type = q === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
      const value = getScalarValue(text, ev);
      return {
        kind: 'scalar',
        start: vs - 1,
        end: ve + 1,
        next: afterLine(text, ve + 1),
        type,
        value,
        data: value,
      };
    }
    case SCALAR_STYLE_LITERAL_BLOCK:
    case SCALAR_STYLE_FOLDED_BLOCK: {
      // The header (`|`, `>-`, `|2`…) ends the line before the content; nothing else may follow it.
      const lineEnd = text.lastIndexOf('\n', vs - 1);
      const header = Math.max(text.lastIndexOf('|', lineEnd), text.lastIndexOf('>', lineEnd));
      // Left to `yaml`: keep chomping (`|+`) and indentation indicators (`|2`), which it ends
      // and reads differently, and blocks with whitespace-only lines (a tab there, or more
      // spaces than the content, is an error in `yaml`).
      if (lineEnd < 0 || header < 0 || !/^[|>]-?[ \t]*\r?$/.test(text.slice(header, lineEnd))) throw GIVE_UP;
      // (the blank lines that follow the content count: `yaml` reads them as the block's)
      const blankAfter = /(?:[ \t]*\r?\n)*/y;
      blankAfter.lastIndex = ve;
      blankAfter.test(text);
      if (/\n[ \t]+\r?(?=\n|$)/.test(text.slice(lineEnd, blankAfter.lastIndex))) throw GIVE_UP;
      const type = ev.style === SCALAR_STYLE_LITERAL_BLOCK ? 'BLOCK_LITERAL' : 'BLOCK_FOLDED';
      // `yaml` ends a block scalar after its last line with content (trailing blank lines are not its).
      let last = ve - 1;
      while (last >= vs && /[ \t\r\n]/.test(text[last]!)) last--;
      if (last < vs) throw GIVE_UP;
      const end = afterLine(text, last + 1);
      const value = getScalarValue(text, ev);
      return { kind: 'scalar', start: header, end, next: end, type, value, data: value };
    }
    default: {
      if (vs === ve) throw GIVE_UP;
      const value = getScalarValue(text, ev);
      const data = resolvePlain(value);
      return { kind: 'scalar', start: vs, end: ve, next: afterLine(text, ve), type: 'PLAIN', value, data };
    }
  }
}

function collectionNode(
  text: string,
  frame: { kind: 'seq' | 'map'; start: number; flow: boolean; children: PosNode[] },
): PosNode {
  const last = frame.children[frame.children.length - 1];
  // Block collections end where their last value's node ends (as `yaml` ends them); flow ones
  // after their bracket.
  let end = last ? last.next : frame.start;
  let next: number;
  if (frame.flow) {
    // A pair written in a flow sequence (`[k: v]`) is a map without braces: left to `yaml`.
    if (text[frame.start] !== (frame.kind === 'map' ? '{' : '[')) throw GIVE_UP;
    const from = last ? last.end : frame.start + 1;
    end = text.indexOf(frame.kind === 'map' ? '}' : ']', from);
    // A comment before the bracket could hold a bracket of its own.
    if (end < 0 || text.slice(from, end).includes('#')) throw GIVE_UP;
    end += 1;
    next = afterLine(text, end);
  } else {
    // (`yaml` also extends a block collection over some comment lines after it, by rules of
    // its own; here a block collection ends with its last value. Only the end of a collection
    // without a key — the document, a map in a list — can differ, by those comment lines.)
    next = end;
  }
  if (frame.kind === 'seq') {
    const data = frame.children.map((c) => c.data);
    return { kind: 'seq', start: frame.start, end, next, items: frame.children, data };
  }
  if (frame.children.length % 2 !== 0) throw GIVE_UP;
  const keys: PosNode[] = [];
  const values: PosNode[] = [];
  const data: Record<string, unknown> = {};
  for (let i = 0; i < frame.children.length; i += 2) {
    const key = frame.children[i]!;
    const value = frame.children[i + 1]!;
    // Keys must be strings as written: not collections, `<<` merges, numbers, `__proto__` or duplicates.
    if (key.kind !== 'scalar' || key.type.startsWith('BLOCK') || typeof key.data !== 'string') throw GIVE_UP;
    // `yaml` refuses implicit keys longer than 1024 characters.
    if (key.end - key.start > 1024) throw GIVE_UP;
    if (key.value === '<<' || key.value === '__proto__' || Object.hasOwn(data, key.value)) throw GIVE_UP;
    data[key.value] = value.data;
    keys.push(key);
    values.push(value);
  }
  return { kind: 'map', start: frame.start, end, next, keys, values, data };
}

/** The offset after the line break that ends the line holding `offset` (unless one ends just before it). */
function afterLine(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

/** The {@link YamlSourceMap} of a position tree (the same answers as `createSourceMap` gives). */
function createPositionMap(file: string, text: string, root: PosNode): YamlSourceMap {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const pos = (o: number): Position => {
    let low = 0;
    let high = lineStarts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (lineStarts[mid]! < o) low = mid + 1;
      else high = mid;
    }
    if (lineStarts[low] === o) return { line: low + 1, col: 1 };
    return { line: low, col: o - lineStarts[low - 1]! + 1 };
  };
  const indexes = new WeakMap<PosNode, Map<string, number>>();
  const entry = (map: Extract<PosNode, { kind: 'map' }>, seg: string | number): number | undefined => {
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      map.keys.forEach((k, i) => index!.set((k as { value: string }).value, i));
      indexes.set(map, index);
    }
    return index.get(String(seg));
  };

  const find = (path: JsonPath): Found<PosNode> => {
    let node: PosNode = root;
    let key: PosNode | undefined;
    for (const seg of path) {
      let next: PosNode | undefined;
      let nextKey: PosNode | undefined;
      if (node.kind === 'map') {
        const i = entry(node, seg);
        if (i !== undefined) {
          nextKey = node.keys[i]!;
          next = node.values[i]!;
        }
      } else if (node.kind === 'seq' && typeof seg === 'number') {
        next = node.items[seg];
      }
      if (!next) return { node, key, complete: false };
      node = next;
      key = nextKey;
    }
    return { node, key, complete: true };
  };

  return sourceMapOver<PosNode>(file, text, pos, {
    find,
    range: (n) => [n.start, n.end],
    isScalar: (n) => n.kind === 'scalar',
    stringScalar: (n) =>
      n.kind === 'scalar' && typeof n.data === 'string'
        ? { type: n.type, value: n.value, range: [n.start, n.end] }
        : undefined,
  });
}

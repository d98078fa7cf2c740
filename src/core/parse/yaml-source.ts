/**
 * Turns YAML text into a plain JSON value plus a source map, refusing hostile input early:
 * size, nesting and alias expansion are bounded before or while parsing. Plain documents are
 * read by the fast path (./yaml-fast.ts, js-yaml's event parser); the rest by `yaml`. Shared by the
 * workflow and config parsers. Pure: diagnostics are returned, never thrown.
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
  type YAMLError,
} from 'yaml';
import type { Diagnostic, DiagnosticCode, Range } from '../diagnostics.js';
import { formatBytes, MAX_ALIAS_COUNT, MAX_NESTING_DEPTH, MAX_SOURCE_BYTES } from './limits.js';
import { createSourceMap, type JsonPath, type YamlSourceMap } from './source-map.js';
import { readYamlFast } from './yaml-fast.js';

/** The result of reading YAML text; `value` is absent when the text could not be turned into JSON. */
export interface YamlSource {
  /** The document as plain JSON (undefined on errors; `null` for an empty document). */
  value?: unknown;
  /** True when the document holds nothing but comments and whitespace. */
  empty: boolean;
  map: YamlSourceMap;
  diagnostics: Diagnostic[];
}

export interface YamlSourceOptions {
  /** Largest accepted size in UTF-8 bytes (default {@link MAX_SOURCE_BYTES}). */
  maxBytes?: number;
  /** Try the fast path first (default true; tests compare both paths). */
  fast?: boolean;
}

/** Parses YAML text (one document, YAML 1.2 core schema, `<<` merge keys allowed). */
export function parseYamlSource(text: string, file: string, opts: YamlSourceOptions = {}): YamlSource {
  const maxBytes = opts.maxBytes ?? MAX_SOURCE_BYTES;
  const lineCounter = new LineCounter();
  const diag = (
    code: DiagnosticCode,
    message: string,
    range: Range,
    severity: Diagnostic['severity'] = 'error',
  ) => ({
    code,
    severity,
    message,
    file,
    range,
  });
  const startMap = createSourceMap(file, '', undefined, lineCounter);
  const fail = (d: Diagnostic): YamlSource => ({ empty: false, map: startMap, diagnostics: [d] });

  // Size first, without touching the text more than needed: UTF-16 length ≤ UTF-8 length,
  // so a long string is refused before any scan, and the exact byte count is taken only near the limit.
  const bytes = text.length > maxBytes ? text.length : text.length * 3 > maxBytes ? utf8Length(text) : 0;
  if (bytes > maxBytes) {
    return fail(
      diag(
        'yaml-limit',
        `file is too large (${formatBytes(bytes)}; the limit is ${formatBytes(maxBytes)}); split it into smaller workflows`,
        startMap.rangeOf([]),
      ),
    );
  }

  // A linear pre-scan refuses absurd nesting before the (recursive, slower) parser sees it.
  const deep = prescanDepth(text, PRESCAN_DEPTH);
  if (deep !== undefined) {
    return fail(
      diag(
        'yaml-limit',
        `nesting is deeper than ${MAX_NESTING_DEPTH} levels; flatten the data`,
        lineRange(text, deep),
      ),
    );
  }

  // Plain documents take the fast path (./yaml-fast.ts); everything else, errors included, `yaml`.
  const fast = opts.fast === false ? undefined : readYamlFast(text, file);
  if (fast) return jsonValue(fast.value, fast.map, diag, []);

  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      lineCounter,
      prettyErrors: false,
      // The built-in duplicate check is quadratic in the size of a map; ours (below) is linear.
      uniqueKeys: false,
      merge: true,
      schema: 'core',
      // 'error' keeps MULTIPLE_DOCS an error (it is dropped when 'silent') and never prints warnings.
      logLevel: 'error',
      keepSourceTokens: false,
    });
  } catch (err) {
    // `yaml` collects errors instead of throwing; this is a last line of defence (stack overflow).
    return fail(
      diag(
        'yaml-limit',
        `the YAML could not be parsed safely (${(err as Error).message})`,
        startMap.rangeOf([]),
      ),
    );
  }
  const map = createSourceMap(file, text, doc, lineCounter);
  const at = (offset: number, length = 0) => map.rangeAtOffset(offset, length);
  const diagnostics: Diagnostic[] = [];

  // One error per line: after the first, `yaml` often reports the same mistake again.
  const errorLines = new Set<number>();
  for (const e of doc.errors) {
    const d = yamlErrorDiagnostic(e, file, at);
    if (errorLines.has(d.range.start.line)) continue;
    errorLines.add(d.range.start.line);
    diagnostics.push(d);
  }
  for (const w of doc.warnings)
    diagnostics.push({ ...yamlErrorDiagnostic(w, file, at), severity: 'warning' });
  if (diagnostics.some((d) => d.severity === 'error')) return { empty: false, map, diagnostics };

  const contents = doc.contents as Node | null;
  if (contents === null) {
    return { value: null, empty: true, map, diagnostics };
  }

  diagnostics.push(...checkTree(contents, file, at));
  if (diagnostics.some((d) => d.severity === 'error')) return { empty: false, map, diagnostics };

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    const message =
      err instanceof ReferenceError && /alias/i.test(err.message)
        ? `aliases expand to too much data (more than ${MAX_ALIAS_COUNT} alias expansions); use fewer or smaller *aliases`
        : `the YAML could not be converted to data: ${(err as Error).message}`;
    diagnostics.push(
      diag(err instanceof ReferenceError ? 'yaml-limit' : 'yaml-syntax', message, map.rangeOf([])),
    );
    return { empty: false, map, diagnostics };
  }
  return jsonValue(value, map, diag, diagnostics);
}

/** The result for a document read into `value`: refused if it holds what JSON cannot. */
function jsonValue(
  value: unknown,
  map: YamlSourceMap,
  diag: (code: DiagnosticCode, message: string, range: Range) => Diagnostic,
  diagnostics: Diagnostic[],
): YamlSource {
  const bad = findNonJson(value, []);
  if (bad) {
    diagnostics.push(
      diag(
        'schema',
        `${describePath(bad.path)} is not plain JSON data (${bad.what}); write a string, number, boolean, null, list or map`,
        map.rangeOf(bad.path),
      ),
    );
    return { empty: false, map, diagnostics };
  }
  return { value, empty: false, map, diagnostics };
}

/** UTF-8 byte length without allocating (the core avoids Node's Buffer). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Pre-scan threshold: generous, because the scan over-approximates; the exact check runs on the tree. */
const PRESCAN_DEPTH = MAX_NESTING_DEPTH * 2;

function yamlErrorDiagnostic(e: YAMLError, file: string, at: (o: number, l?: number) => Range): Diagnostic {
  // With prettyErrors off, messages carry no " at line …" suffix; keep the first line only.
  const first = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const limit = e.code === 'RESOURCE_EXHAUSTION';
  return {
    code: limit ? 'yaml-limit' : 'yaml-syntax',
    severity: 'error',
    message: limit
      ? `the YAML is too deeply nested or too large to parse (${first}); simplify it`
      : `YAML syntax error: ${first}${YAML_FIXES[e.code] ?? ''}`,
    file,
    range: at(e.pos[0], Math.max(0, e.pos[1] - e.pos[0])),
  };
}

/** A hint for the YAML errors people make most. */
const YAML_FIXES: Partial<Record<string, string>> = {
  MULTIPLE_DOCS: '; keep one workflow per file (remove the `---` separator)',
  BAD_INDENT: '; check the indentation (spaces only, the same amount for siblings)',
  TAB_AS_INDENT: '; indent with spaces, not tabs',
  MISSING_CHAR: '; close the quote or bracket',
  UNEXPECTED_TOKEN: '; quote values that contain `: `, `#`, `{` or `[`',
};

/**
 * Walks the node tree without recursion: enforces the nesting limit, requires string-like
 * keys and reports duplicate keys (linear time, unlike `yaml`'s own check).
 */
function checkTree(root: Node, file: string, at: (o: number, l?: number) => Range): Diagnostic[] {
  const out: Diagnostic[] = [];
  const stack: { node: Node; depth: number }[] = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (isAlias(node) || isScalar(node)) continue;
    const start = node.range?.[0] ?? 0;
    if (depth > MAX_NESTING_DEPTH) {
      out.push({
        code: 'yaml-limit',
        severity: 'error',
        message: `nesting is deeper than ${MAX_NESTING_DEPTH} levels; flatten the data`,
        file,
        range: at(start),
      });
      return out;
    }
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key as Node | null;
        if (key && !isScalar(key) && !isAlias(key)) {
          out.push({
            code: 'schema',
            severity: 'error',
            message: 'a key must be a plain string, not a list or map; quote it',
            file,
            range: at(key.range?.[0] ?? start),
          });
        } else if (isScalar(key)) {
          const name = String(key.value);
          if (seen.has(name) && name !== '<<') {
            out.push({
              code: 'yaml-syntax',
              severity: 'error',
              message: `duplicate key "${name}"; each key may appear once in a map, remove or rename one`,
              file,
              range: at(key.range?.[0] ?? start, (key.range?.[1] ?? start) - (key.range?.[0] ?? start)),
            });
          }
          seen.add(name);
        }
        if (pair.value) stack.push({ node: pair.value as Node, depth: depth + 1 });
      }
    } else if (isSeq(node)) {
      for (const item of node.items) if (item) stack.push({ node: item as Node, depth: depth + 1 });
    }
  }
  return out;
}

/** The first value that JSON cannot hold (Infinity, binary, sets, …), with its path. */
function findNonJson(
  value: unknown,
  path: (string | number)[],
): { path: (string | number)[]; what: string } | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : { path, what: String(value) };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findNonJson(value[i], [...path, i]);
      if (bad) return bad;
    }
    return undefined;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      return { path, what: (value as object).constructor?.name ?? 'object' };
    }
    for (const [k, v] of Object.entries(value)) {
      const bad = findNonJson(v, [...path, k]);
      if (bad) return bad;
    }
    return undefined;
  }
  return { path, what: typeof value };
}

/** `nodes.fetch.retry`, `needs[0]`, or "the document" for the root: how paths appear in messages. */
export function describePath(path: JsonPath): string {
  if (path.length === 0) return 'the document';
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/** The range of the whole line holding offset `offset`. */
function lineRange(text: string, offset: number): Range {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { start: { line, col: offset - lineStart + 1 }, end: { line, col: offset - lineStart + 1 } };
}

/**
 * A linear, allocation-free over-approximation of the nesting depth: flow brackets outside
 * quotes plus block indentation levels and compact `- ` markers. Returns the offset where
 * `limit` is exceeded, or undefined.
 */
export function prescanDepth(text: string, limit: number): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Start of a line: measure indentation.
    let indent = 0;
    while (i < n && text.charCodeAt(i) === 32) {
      indent++;
      i++;
    }
    const lineStartContent = i;
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 35 /* # */) {
      while (i < n && text.charCodeAt(i) !== 10) i++;
      i++;
      continue;
    }
    let block = 0;
    if (flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      // `- - - x` nests sequences on one line.
      while (
        i + 1 < n &&
        (text.charCodeAt(i) === 45 || text.charCodeAt(i) === 63) &&
        text.charCodeAt(i + 1) === 32
      ) {
        block++;
        i += 2;
        while (i < n && text.charCodeAt(i) === 32) i++;
      }
    }
    if (indents.length + block > limit) return lineStartContent;
    let quote = 0;
    for (; i < n; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) break;
      if (quote !== 0) {
        if (ch === quote) quote = 0;
        else if (ch === 92 /* \ */ && quote === 34) i++;
        continue;
      }
      if (ch === 34 || ch === 39) quote = ch;
      else if (ch === 35 /* # */ && (i === 0 || text.charCodeAt(i - 1) === 32)) {
        while (i < n && text.charCodeAt(i) !== 10) i++;
        break;
      } else if (ch === 91 || ch === 123) {
        flow++;
        if (indents.length + block + flow > limit) return i;
      } else if ((ch === 93 || ch === 125) && flow > 0) flow--;
    }
    i++;
  }
  return undefined;
}

/**
 * `original/parse`: the original `parse` node — text to data, with its AUTO detection
 * (JSON, XML, flat YAML, CSV/TSV) and typed CSV cells. CSV goes through csv-parse, the
 * library of the native `parse` node; the rest is the original's own (and deliberately
 * small) logic: YAML is flat `key: value` lines only, XML gives `{root: text}`.
 */
import { goString } from '../shared/go.js';
import { defineOriginal, inputsOf, originalFailure } from '../shared/node.js';
import { goJsonMarshal } from './go.js';

/** The original's `toString` of the input. */
export function goToString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return goString(v);
  return goJsonMarshal(v);
}

const GO_FLOAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The original's `parseValue` of a CSV cell or YAML value: bool, null, number or the trimmed string. */
export function parseCell(s: string): unknown {
  const t = s.trim();
  if (t === '') return '';
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t === 'null') return null;
  if (GO_FLOAT.test(t)) return Number(t);
  return t;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The original's `detectFormat`. */
export function detectFormat(input: string): string {
  const t = input.trim();
  if (t === '') return 'JSON';
  if (((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']'))) && isJson(t)) {
    return 'JSON';
  }
  if (t.startsWith('<') && t.endsWith('>')) return 'XML';
  const lines = t.split('\n');
  if ((t.includes(':\n') || t.includes(': ')) && lines.length > 1) {
    if (lines.filter((l) => l.trim().includes(': ')).length >= 2) return 'YAML';
  }
  if (lines.length > 1) {
    const first = lines[0]!;
    const commas = first.split(',').length - 1;
    const tabs = first.split('\t').length - 1;
    if (tabs > commas && tabs > 0) return 'TSV';
    if (commas > 0) return 'CSV';
  }
  return 'JSON';
}

function parseJsonText(input: string): unknown {
  const t = input.trim();
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t === 'null') return null;
  if (GO_FLOAT.test(t)) return Number(t);
  try {
    return JSON.parse(t) as unknown;
  } catch (err) {
    const reason = t === '' ? 'EOF' : err instanceof Error ? err.message : String(err);
    throw originalFailure('invalid-json', `invalid JSON: ${reason}`);
  }
}

async function parseCsvText(input: string, delimiter: string): Promise<unknown> {
  const { parse } = await import('csv-parse/sync');
  let records: string[][];
  try {
    records = parse(input, {
      delimiter,
      ltrim: true,
      skip_empty_lines: true,
      relax_column_count: false,
    }) as string[][];
  } catch (err) {
    throw originalFailure(
      'invalid-csv',
      `invalid CSV/TSV: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  if (records.length === 0) return [];
  const [headers, ...rows] = records as [string[], ...string[][]];
  return rows.map((row) => {
    const obj: Record<string, unknown> = {};
    headers.forEach((h, j) => {
      obj[h] = j < row.length ? parseCell(row[j]!) : null;
    });
    return obj;
  });
}

function parseFlatYaml(input: string): unknown {
  const out: Record<string, unknown> = {};
  for (const raw of input.trim().split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const at = line.indexOf(':');
    if (at < 0) continue;
    out[line.slice(0, at).trim()] = parseCell(line.slice(at + 1));
  }
  if (Object.keys(out).length === 0)
    throw originalFailure('invalid-yaml', 'no valid YAML key-value pairs found');
  return out;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });
}

const XML_INVALID = 'invalid XML: unknown type map[string]interface {}';

/**
 * The original's XML result: `{<root element's local name>: parseValue(its own text)}` —
 * `encoding/xml` into a map always failed, so only the root's character data survived.
 */
export function parseXmlText(input: string): unknown {
  const t = input.trim();
  const token =
    /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<\/\s*([^\s>]+)\s*>|<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  const stack: string[] = [];
  let root: string | undefined;
  let text = '';
  for (const m of t.matchAll(token)) {
    const [, cdata, close, open, , selfClose, chars, stray] = m;
    if (stray !== undefined) throw originalFailure('invalid-xml', XML_INVALID);
    if (open !== undefined) {
      if (root === undefined) root = open;
      if (selfClose !== '/') stack.push(open);
      if (stack.length === 0) break;
      continue;
    }
    if (close !== undefined) {
      if (stack.pop() !== close) throw originalFailure('invalid-xml', XML_INVALID);
      if (stack.length === 0) break;
      continue;
    }
    if (stack.length === 1 && cdata !== undefined) text += cdata;
    else if (stack.length === 1 && chars !== undefined) text += decodeEntities(chars);
    else if (root === undefined && chars !== undefined && chars.trim() !== '') {
      throw originalFailure('invalid-xml', XML_INVALID);
    }
  }
  if (root === undefined || stack.length > 0) throw originalFailure('invalid-xml', XML_INVALID);
  const local = root.includes(':') ? root.slice(root.indexOf(':') + 1) : root;
  return { [local]: parseCell(text) };
}

export const parse = defineOriginal<{ input_type?: string }>({
  name: 'parse',
  summary: 'Original engine: parses text (AUTO, JSON, CSV, TSV, flat YAML, XML) into data; CSV cells typed.',
  category: 'data',
  effects: 'pure',
  properties: {
    input_type: {
      type: 'string',
      description: 'AUTO (default: detect), JSON, CSV, TSV, YAML (flat key: value lines) or XML; any case.',
    },
  },
  example: `rows:
  type: original/parse
  input_type: CSV
  inputs: ["name,age\\nAda,36\\nAlan,41"]
`,
  async execute(options) {
    const inputs = inputsOf(options);
    if (inputs.length === 0) throw originalFailure('no-input', 'parse node requires input');
    const text = goToString(inputs[0]);
    let type = typeof options.input_type === 'string' ? options.input_type.toUpperCase() : 'AUTO';
    if (type === 'AUTO') type = detectFormat(text);
    switch (type) {
      case 'JSON':
        return parseJsonText(text);
      case 'CSV':
        return parseCsvText(text, ',');
      case 'TSV':
        return parseCsvText(text, '\t');
      case 'YAML':
        return parseFlatYaml(text);
      case 'XML':
        return parseXmlText(text);
      default:
        throw originalFailure(
          'invalid-input-type',
          `unsupported input type: ${type} (supported: AUTO, JSON, CSV, TSV, YAML, XML)`,
        );
    }
  },
});

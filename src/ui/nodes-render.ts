/**
 * Renders the node type catalogue (`thaiyyal nodes`) and one type's reference
 * (`thaiyyal nodes TYPE`), and the matching `--json` documents. Pure.
 */
import { distance } from '../core/graph.js';
import { UserError } from '../core/errors.js';
import type { JsonSchema, NodeType } from '../nodes/types.js';

/** One documented option of a node type, read from its options schema. */
export interface OptionDoc {
  name: string;
  type: string;
  required: boolean;
  default?: unknown;
  description?: string;
}

/** What `thaiyyal nodes --json` prints per type. */
export interface NodeTypeSummary {
  type: string;
  category: string;
  effects: string;
  summary: string;
}

/** What `thaiyyal nodes TYPE --json` prints. */
export interface NodeTypeDetail extends NodeTypeSummary {
  options: OptionDoc[];
  expressionOptions: string[];
  example: string;
  optionsSchema: JsonSchema;
}

type AnyNodeType = Pick<
  NodeType<never>,
  'type' | 'summary' | 'category' | 'effects' | 'optionsSchema' | 'example' | 'expressionOptions'
>;

/** The summary row of a type. */
export function summarize(t: AnyNodeType): NodeTypeSummary {
  return { type: t.type, category: t.category, effects: t.effects, summary: t.summary };
}

/** Reads `properties`/`required` of an object schema into option rows, in declaration order. */
export function optionDocs(schema: JsonSchema): OptionDoc[] {
  const props = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set(Array.isArray(schema['required']) ? (schema['required'] as string[]) : []);
  return Object.entries(props).map(([name, s]) => {
    const doc: OptionDoc = { name, type: schemaType(s), required: required.has(name) };
    if ('default' in s) doc.default = s['default'];
    if (typeof s['description'] === 'string') doc.description = s['description'];
    return doc;
  });
}

/** The full reference of a type. */
export function describe(t: AnyNodeType): NodeTypeDetail {
  return {
    ...summarize(t),
    options: optionDocs(t.optionsSchema),
    expressionOptions: [...(t.expressionOptions ?? [])],
    example: t.example,
    optionsSchema: t.optionsSchema,
  };
}

/** Looks a type up, or throws a UserError naming the closest known types. */
export function findNodeType<T extends AnyNodeType>(types: ReadonlyMap<string, T>, name: string): T {
  const found = types.get(name);
  if (found) return found;
  const scored = [...types.keys()]
    .map((k) => ({ k, d: distance(k, name.toLowerCase()) }))
    .filter(({ k, d }) => d <= Math.max(2, Math.floor(k.length / 3)));
  // Only the closest ones: "htp" suggests http, not also map.
  const best = Math.min(...scored.map(({ d }) => d));
  const close = scored
    .filter(({ d }) => d === best)
    .map(({ k }) => k)
    .sort();
  throw new UserError('unknown-node-type', `unknown node type "${name}"`, {
    suggestions: [
      ...(close.length > 0 ? [`did you mean ${close.map((k) => `"${k}"`).join(' or ')}?`] : []),
      'run `thaiyyal nodes` to list every node type',
    ],
  });
}

/** The catalogue as an aligned table. */
export function renderNodeTable(types: Iterable<AnyNodeType>): string {
  const rows = [...types].map(summarize).sort((a, b) => a.type.localeCompare(b.type));
  const tableOf = (list: NodeTypeSummary[]) =>
    formatTable(
      ['TYPE', 'CATEGORY', 'EFFECTS', 'SUMMARY'],
      list.map((r) => [r.type, r.category, r.effects, r.summary]),
    );
  // The original engine's catalogue (`original/*`, for imported workflows) comes after the native types.
  const original = rows.filter((r) => r.type.startsWith('original/'));
  const native = rows.filter((r) => !r.type.startsWith('original/'));
  const sections = [tableOf(native)];
  if (original.length > 0) {
    sections.push(
      `Original engine types (workflows imported with \`thaiyyal import\`):\n\n${tableOf(original)}`,
    );
  }
  return `${sections.join('\n\n')}\n\nRun \`thaiyyal nodes TYPE\` for a type's options and an example.\n`;
}

/**
 * One type's reference: summary, options table, example. The description column is
 * wrapped to `width` columns (the terminal's, or 100 when not a terminal).
 */
export function renderNodeDetail(t: AnyNodeType, width = 100): string {
  const d = describe(t);
  const lines = [`${d.type} — ${d.summary}`, `category: ${d.category} · effects: ${d.effects}`, ''];
  if (d.options.length === 0) lines.push('Options: none');
  else {
    lines.push('Options:');
    const table = formatTable(
      ['NAME', 'TYPE', 'REQUIRED', 'DEFAULT', 'DESCRIPTION'],
      d.options.map((o) => [
        o.name + (d.expressionOptions.includes(o.name) ? ' (JSONata)' : ''),
        o.type,
        o.required ? 'yes' : 'no',
        o.default === undefined ? '' : JSON.stringify(o.default),
        describeOption(o, t.optionsSchema),
      ]),
      width - 2,
    );
    lines.push(...table.split('\n').map((l) => `  ${l}`));
  }
  lines.push(
    '',
    'Example:',
    ...d.example
      .trimEnd()
      .split('\n')
      .map((l) => `  ${l}`),
  );
  return lines.join('\n') + '\n';
}

/**
 * Left-aligned columns separated by two spaces. The last column is not padded and, when
 * `width` is given, is word-wrapped so lines fit (continuation lines align under it).
 */
export function formatTable(header: string[], rows: string[][], width?: number): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const lead = widths.slice(0, -1).reduce((sum, w) => sum + w + 2, 0);
  const room = width === undefined ? Infinity : Math.max(30, width - lead);
  return all
    .map((r) => {
      const head = r.slice(0, -1).map((cell, i) => cell.padEnd(widths[i] ?? 0) + '  ');
      const [first = '', ...more] = wrap(r[r.length - 1] ?? '', room);
      return [head.join('') + first, ...more.map((l) => ' '.repeat(lead) + l)]
        .map((l) => l.trimEnd())
        .join('\n');
    })
    .join('\n');
}

/** Greedy word wrap; words longer than `width` stay whole. */
function wrap(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The description of an option, plus its allowed values when the type column could not show them. */
function describeOption(o: OptionDoc, schema: JsonSchema): string {
  const prop = ((schema['properties'] ?? {}) as Record<string, JsonSchema>)[o.name];
  const values =
    prop && o.type === 'enum' && Array.isArray(prop['enum']) ? (prop['enum'] as unknown[]) : undefined;
  const desc = o.description ?? '';
  if (!values || values.every((v) => desc.includes(String(v)))) return desc;
  return `${desc}${desc ? ' ' : ''}One of: ${values.map((v) => JSON.stringify(v)).join(', ')}.`;
}

const MAX_TYPE_WIDTH = 20;

function schemaType(s: JsonSchema): string {
  const t = s['type'];
  if (Array.isArray(t)) return t.join(' | ');
  if (typeof t === 'string') {
    if (t === 'array' && s['items'] && typeof s['items'] === 'object') {
      const item = schemaType(s['items'] as JsonSchema);
      // `string | number[]` would read as "a string, or an array of numbers".
      return item.includes(' | ') ? `(${item})[]` : `${item}[]`;
    }
    return t;
  }
  if (Array.isArray(s['enum'])) {
    const values = (s['enum'] as unknown[]).map((v) => JSON.stringify(v)).join(' | ');
    // Long enums make the table unreadable; their values are listed in the description.
    return values.length <= MAX_TYPE_WIDTH ? values : 'enum';
  }
  if (Array.isArray(s['oneOf']) || Array.isArray(s['anyOf'])) {
    const alts = (s['oneOf'] ?? s['anyOf']) as JsonSchema[];
    return [...new Set(alts.map(schemaType))].join(' | ');
  }
  return 'any';
}

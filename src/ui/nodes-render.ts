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
  const close = [...types.keys()]
    .map((k) => ({ k, d: distance(k, name.toLowerCase()) }))
    .filter(({ k, d }) => d <= Math.max(2, Math.floor(k.length / 3)))
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .map(({ k }) => k);
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
  const table = formatTable(
    ['TYPE', 'CATEGORY', 'EFFECTS', 'SUMMARY'],
    rows.map((r) => [r.type, r.category, r.effects, r.summary]),
  );
  return `${table}\n\nRun \`thaiyyal nodes TYPE\` for a type's options and an example.\n`;
}

/** One type's reference: summary, options table, example. */
export function renderNodeDetail(t: AnyNodeType): string {
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
        o.description ?? '',
      ]),
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

/** Left-aligned columns separated by two spaces; the last column is not padded. */
export function formatTable(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function schemaType(s: JsonSchema): string {
  const t = s['type'];
  if (Array.isArray(t)) return t.join(' | ');
  if (typeof t === 'string') {
    if (t === 'array' && s['items'] && typeof s['items'] === 'object') {
      return `${schemaType(s['items'] as JsonSchema)}[]`;
    }
    return t;
  }
  if (Array.isArray(s['enum'])) return (s['enum'] as unknown[]).map((v) => JSON.stringify(v)).join(' | ');
  if (Array.isArray(s['oneOf']) || Array.isArray(s['anyOf'])) {
    const alts = (s['oneOf'] ?? s['anyOf']) as JsonSchema[];
    return [...new Set(alts.map(schemaType))].join(' | ');
  }
  return 'any';
}

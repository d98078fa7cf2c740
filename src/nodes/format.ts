/**
 * `format`: turns data into JSON, CSV or YAML text (for a request body, a file, a
 * message). The inverse of `parse`.
 */
import { stringify as stringifyYaml } from 'yaml';
import type { DataFormat } from './parse.js';
import { isPlainObject, typeName } from './shared/values.js';
import { FailureCode, NodeFailure, type NodeType } from './types.js';

/** A CSV column: a key of the row objects, optionally with its own header label (array rows: just the label). */
export type CsvColumn = string | { key: string; header?: string };

/** Options of `format`. */
export interface FormatOptions {
  value: unknown;
  format: DataFormat;
  indent?: number;
  header?: boolean;
  columns?: CsvColumn[];
  delimiter?: string;
}

const CSV_ONLY = ['header', 'columns', 'delimiter'] as const;
const DEFAULT_INDENT = 2;

/**
 * The `format` node type.
 * @example
 * report:
 *   type: format
 *   format: csv
 *   value: ${{ nodes.rows.output }}
 *   columns: [id, name]
 */
export const format: NodeType<FormatOptions> = {
  type: 'format',
  summary: 'Formats data as JSON, CSV or YAML text.',
  category: 'data',
  effects: 'pure',
  optionsSchema: {
    type: 'object',
    properties: {
      value: { description: 'The data to format (any JSON; for csv an array of objects or of arrays).' },
      format: { enum: ['json', 'csv', 'yaml'], description: 'Output format: json, csv or yaml.' },
      indent: {
        type: 'integer',
        minimum: 0,
        maximum: 8,
        default: DEFAULT_INDENT,
        description: 'json and yaml: spaces per level; 0 gives one-line JSON (yaml needs at least 1).',
      },
      header: {
        type: 'boolean',
        default: true,
        description:
          'csv only: write a header row (for array rows only when columns are given, as its labels).',
      },
      columns: {
        type: 'array',
        minItems: 1,
        description:
          'csv only: which fields to write, in order; a key, or {key, header} to rename. Default: every key of the rows, in first-seen order.',
        items: {
          oneOf: [
            { type: 'string', description: 'Key of the row objects.' },
            {
              type: 'object',
              properties: {
                key: { type: 'string', description: 'Key of the row objects.' },
                header: { type: 'string', description: 'Label written in the header row.' },
              },
              required: ['key'],
              additionalProperties: false,
              description: 'A key with its own header label.',
            },
          ],
        },
      },
      delimiter: {
        type: 'string',
        minLength: 1,
        default: ',',
        description: 'csv only: the field separator.',
      },
    },
    required: ['value', 'format'],
    additionalProperties: false,
  },
  example: `report:
  type: format
  format: csv
  value:
    - {id: 1, name: Ada}
    - {id: 2, name: Linus}
`,
  async execute(options) {
    if (options.format !== 'csv') {
      const stray = CSV_ONLY.filter((k) => Object.hasOwn(options, k));
      if (stray.length > 0) {
        throw new NodeFailure(
          FailureCode.invalidOptions,
          `format: ${stray.join(', ')} only apply to format csv, not ${options.format}`,
        );
      }
    }
    const value = options.value ?? null;
    const indent = options.indent ?? DEFAULT_INDENT;
    switch (options.format) {
      case 'json':
        return JSON.stringify(value, null, indent);
      case 'yaml':
        if (indent < 1)
          throw new NodeFailure(FailureCode.invalidOptions, 'format: yaml needs an indent of at least 1');
        // No anchors/aliases for repeated objects (JSONata results may share them); no
        // line folding, so long strings come out as written.
        return stringifyYaml(value, { indent, aliasDuplicateObjects: false, lineWidth: 0 });
      case 'csv':
        return formatCsv(value, options, (await import('csv-stringify/sync')).stringify);
      default:
        throw new NodeFailure(
          FailureCode.invalidOptions,
          `format: unknown format ${JSON.stringify(options.format)}; use json, csv or yaml`,
        );
    }
  },
};

/** csv-stringify is loaded only when a workflow writes CSV: `thaiyyal run` start-up matters. */
function formatCsv(
  value: unknown,
  options: FormatOptions,
  stringifyCsv: typeof import('csv-stringify/sync').stringify,
): string {
  const rows = Array.isArray(value) ? value : undefined;
  const objects = rows?.every(isPlainObject) ?? false;
  if (!rows || !(objects || rows.every(Array.isArray))) {
    const got = rows ? `an array holding ${[...new Set(rows.map(typeName))].join(' and ')}` : typeName(value);
    throw new NodeFailure(
      'format.not-rows',
      `format: csv needs an array of objects or an array of arrays, got ${got}`,
      {
        details: { received: typeName(value) },
      },
    );
  }
  const header = options.header ?? true;
  const common = {
    delimiter: options.delimiter ?? ',',
    // The default writes true as "1" and false as ""; keep the JSON spelling.
    cast: { boolean: (v: boolean) => String(v) },
  };
  if (!objects) {
    // csv-stringify would use `columns` to cut array rows down to their first N fields;
    // for array rows columns only label the header, so write that row ourselves.
    const labels = options.columns?.map((c) => (typeof c === 'string' ? c : (c.header ?? c.key)));
    return stringifyCsv(header && labels ? [labels, ...rows] : rows, common);
  }
  // csv-stringify takes the columns of the first record only; the union keeps fields
  // that appear later instead of silently dropping them.
  const columns = options.columns ?? [...new Set((rows as Record<string, unknown>[]).flatMap(Object.keys))];
  return stringifyCsv(rows, { ...common, columns, header: header && columns.length > 0 });
}

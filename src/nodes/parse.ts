/**
 * `parse`: turns JSON, CSV or YAML text into data. Untrusted text is the normal case
 * (HTTP bodies, process output), so YAML is parsed with the safe subset and every
 * problem becomes `parse.invalid` with a line and column when the parser knows them.
 */
import { parseYamlSafe } from './shared/safe-yaml.js';
import { typeName } from './shared/values.js';
import { FailureCode, NodeFailure, type NodeType } from './types.js';

/** Text formats `parse` and `format` understand. */
export type DataFormat = 'json' | 'csv' | 'yaml';

/** Options of `parse`. */
export interface ParseOptions {
  input: unknown;
  format: DataFormat;
  header?: boolean;
  delimiter?: string;
  skipEmptyLines?: boolean;
  cast?: boolean;
}

const CSV_ONLY = ['header', 'delimiter', 'skipEmptyLines', 'cast'] as const;

/**
 * The `parse` node type.
 * @example
 * rows:
 *   type: parse
 *   format: csv
 *   input: ${{ nodes.download.output.body }}
 */
export const parse: NodeType<ParseOptions> = {
  type: 'parse',
  summary: 'Parses JSON, CSV or YAML text into data (safe YAML subset; errors with line and column).',
  category: 'data',
  effects: 'pure',
  optionsSchema: {
    type: 'object',
    properties: {
      input: { type: 'string', description: 'The text to parse, usually ${{ … }}.' },
      format: { enum: ['json', 'csv', 'yaml'], description: 'Format of the text: json, csv or yaml.' },
      header: {
        type: 'boolean',
        default: true,
        description:
          'csv only: the first row names the columns (output: array of objects); false gives arrays of strings.',
      },
      delimiter: {
        type: 'string',
        minLength: 1,
        default: ',',
        description: 'csv only: the field separator.',
      },
      skipEmptyLines: { type: 'boolean', default: true, description: 'csv only: ignore empty lines.' },
      cast: {
        type: 'boolean',
        default: false,
        description: 'csv only: turn numeric fields into numbers (off: every field stays a string).',
      },
    },
    required: ['input', 'format'],
    additionalProperties: false,
  },
  example: `config:
  type: parse
  format: yaml
  input: |
    name: demo
    replicas: 3
`,
  async execute(options) {
    const { input, format } = options;
    if (format !== 'csv') {
      const stray = CSV_ONLY.filter((k) => Object.hasOwn(options, k));
      if (stray.length > 0) {
        throw new NodeFailure(
          FailureCode.invalidOptions,
          `parse: ${stray.join(', ')} only apply to format csv, not ${format}`,
        );
      }
    }
    if (typeof input !== 'string') {
      // Typically an HTTP body the client already decoded as JSON.
      throw new NodeFailure(
        'parse.not-string',
        `parse: input must be a string, got ${typeName(input)} (already parsed?)`,
        {
          details: { received: typeName(input) },
        },
      );
    }
    switch (format) {
      case 'json':
        return parseJson(input);
      case 'yaml':
        return parseYaml(input);
      case 'csv':
        return parseCsvText(input, options, await import('csv-parse/sync'));
      default:
        throw new NodeFailure(
          FailureCode.invalidOptions,
          `parse: unknown format ${JSON.stringify(format)}; use json, csv or yaml`,
        );
    }
  },
};

/** The one failure shape of this node: what went wrong first, then where. */
function invalid(
  format: DataFormat,
  reason: string,
  where: { line?: number; column?: number },
  code?: string,
): NodeFailure {
  const pos =
    where.line === undefined
      ? ''
      : ` at line ${where.line}${where.column === undefined ? '' : `, column ${where.column}`}`;
  return new NodeFailure(
    'parse.invalid',
    `parse: input is not valid ${format.toUpperCase()}${pos}: ${reason}`,
    {
      details: { format, ...where, ...(code ? { reason: code } : {}) },
    },
  );
}

/** 1-based line and column of a 0-based offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // V8 gives a position only in some messages ("… in JSON at position 6"); other
    // messages quote the input, which may hold secrets, so that part is cut.
    const position = /at position (\d+)/.exec(message)?.[1];
    const reason = message
      .replace(/, ".*" is not valid JSON$/s, '')
      .replace(/ in JSON at position \d+.*$/s, '');
    throw invalid('json', reason, position === undefined ? {} : lineColumn(text, Number(position)));
  }
}

function parseYaml(text: string): unknown {
  const result = parseYamlSafe(text);
  if (result.ok) return result.value;
  const { message, reason, ...where } = result.problem;
  throw invalid('yaml', message, where, reason);
}

/** Thrown from the header callback; caught below and reported like a parser error. */
class DuplicateColumn extends Error {}

/** csv-parse is loaded only when a workflow parses CSV: `thaiyyal run` start-up matters. */
function parseCsvText(
  text: string,
  options: ParseOptions,
  { CsvError, parse: parseCsv }: typeof import('csv-parse/sync'),
): unknown {
  const header = options.header ?? true;
  try {
    return parseCsv(text, {
      // A repeated column name would silently overwrite a field; refuse it instead.
      columns: header
        ? (names: string[]) => {
            const seen = new Set<string>();
            for (const name of names) {
              if (seen.has(name)) throw new DuplicateColumn(`column "${name}" appears twice in the header`);
              seen.add(name);
            }
            return names;
          }
        : false,
      delimiter: options.delimiter ?? ',',
      skip_empty_lines: options.skipEmptyLines ?? true,
      cast: options.cast ?? false,
      bom: true,
    }) as unknown;
  } catch (err) {
    if (err instanceof DuplicateColumn) throw invalid('csv', err.message, { line: 1 }, 'DUPLICATE_COLUMN');
    if (err instanceof CsvError) {
      const line = (err as { lines?: number }).lines;
      throw invalid('csv', err.message, line === undefined ? {} : { line }, err.code);
    }
    throw err;
  }
}

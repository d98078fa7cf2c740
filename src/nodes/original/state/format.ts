/**
 * `original/format`: the original `format` node — data to a JSON string (Go's encoding:
 * sorted keys, `<>&` escaped; 2-space indent when pretty) or CSV/TSV (headers = the sorted
 * union of keys, integral numbers without decimals).
 */
import { goString, goTypeName, isMap } from '../shared/go.js';
import { defineOriginal, inputsOf, originalFailure } from '../shared/node.js';
import { goJsonMarshal } from './go.js';

/** The original's `formatValue` of a CSV cell. */
function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') {
    return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? BigInt(v).toString() : goString(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return goJsonMarshal(v);
}

/** Go's `csv.Writer` quoting. */
function quote(field: string, comma: string): string {
  if (field === '') return field;
  const needs = field === '\\.' || field.includes(comma) || /["\r\n]/.test(field) || /^\s/u.test(field);
  return needs ? `"${field.replace(/"/g, '""')}"` : field;
}

function formatCsv(data: unknown, comma: string, includeHeaders: boolean): string {
  let records: Record<string, unknown>[];
  if (Array.isArray(data)) {
    records = data.map((item: unknown) => {
      if (!isMap(item)) {
        throw originalFailure(
          'invalid-input',
          `CSV formatting requires array of objects, got array element of type ${goTypeName(item)}`,
        );
      }
      return item;
    });
  } else if (isMap(data)) {
    records = [data];
  } else {
    throw originalFailure(
      'invalid-input',
      `CSV formatting requires array of objects or single object, got ${goTypeName(data)}`,
    );
  }
  if (records.length === 0) return '';
  const headers = [...new Set(records.flatMap((r) => Object.keys(r)))].sort();
  const lines: string[] = [];
  const write = (row: string[]) => lines.push(`${row.map((f) => quote(f, comma)).join(comma)}\n`);
  if (includeHeaders) write(headers);
  for (const r of records) write(headers.map((h) => cell(r[h])));
  return lines.join('');
}

export const format = defineOriginal<{
  output_type?: string;
  pretty_print?: boolean;
  include_headers?: boolean;
  delimiter?: string;
}>({
  name: 'format',
  summary: 'Original engine: formats data as a JSON, CSV or TSV string (Go encoding: sorted keys).',
  category: 'data',
  effects: 'pure',
  properties: {
    output_type: { type: 'string', description: 'JSON (default), CSV or TSV; any case.' },
    pretty_print: { type: 'boolean', description: 'JSON: indent by 2 spaces. Default false.' },
    include_headers: { type: 'boolean', description: 'CSV/TSV: write the header row. Default true.' },
    delimiter: { type: 'string', description: 'CSV: the separator (its first character). Default ",".' },
  },
  example: `table:
  type: original/format
  output_type: CSV
  inputs: [[{name: Ada, age: 36}, {name: Alan, age: 41}]]
`,
  execute(options) {
    const inputs = inputsOf(options);
    if (inputs.length === 0) throw originalFailure('no-input', 'format node requires input');
    const type = typeof options.output_type === 'string' ? options.output_type.toUpperCase() : 'JSON';
    const headers = options.include_headers ?? true;
    const comma =
      typeof options.delimiter === 'string' && options.delimiter !== '' ? options.delimiter[0]! : ',';
    switch (type) {
      case 'JSON':
        return Promise.resolve(goJsonMarshal(inputs[0], options.pretty_print === true));
      case 'CSV':
        return Promise.resolve(formatCsv(inputs[0], comma, headers));
      case 'TSV':
        return Promise.resolve(formatCsv(inputs[0], '\t', headers));
      default:
        throw originalFailure(
          'invalid-output-type',
          `unsupported output type: ${type} (supported: JSON, CSV, TSV)`,
        );
    }
  },
});

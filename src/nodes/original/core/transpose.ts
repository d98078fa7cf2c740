/** `original/transpose`: the original `transpose` node — rows become columns of a rectangular 2-D array. */
import { notArrayResult } from '../shared/arrays.js';
import { defineOriginal, firstInput } from '../shared/node.js';

export const transpose = defineOriginal<Record<string, never>>({
  name: 'transpose',
  summary:
    'Original engine: transposes a rectangular 2-D array → {transposed, rows, cols, transposed_rows, transposed_cols}.',
  category: 'data',
  effects: 'pure',
  properties: {},
  example: `columns:
  type: original/transpose
  inputs: ['\${{ nodes.matrix.output }}']
`,
  execute(options) {
    const input = firstInput(options, 'transpose');
    if (!Array.isArray(input)) return Promise.resolve(notArrayResult(input));
    const arr: unknown[] = input;
    if (arr.length === 0) return Promise.resolve({ transposed: [], rows: 0, cols: 0 });
    const first = arr[0];
    if (!Array.isArray(first)) {
      return Promise.resolve({
        error: 'input is not a 2D array (array of arrays)',
        first_element: first ?? null,
        expected: 'array of arrays',
      });
    }
    const rows = arr.length;
    const cols = (first as unknown[]).length;
    for (const [i, row] of arr.entries()) {
      if (!Array.isArray(row))
        return Promise.resolve({ error: `row ${i} is not an array`, row_index: i, row_value: row ?? null });
      if (row.length !== cols) {
        return Promise.resolve({
          error: 'all rows must have the same length',
          expected_cols: cols,
          row_index: i,
          actual_cols: row.length,
        });
      }
    }
    const matrix = arr as unknown[][];
    const transposed = Array.from({ length: cols }, (_, c) => matrix.map((row) => row[c] ?? null));
    return Promise.resolve({ transposed, rows, cols, transposed_rows: cols, transposed_cols: rows });
  },
});

import { describe, expect, it } from 'vitest';
import { chunk } from '../../../../src/nodes/original/core/chunk.js';
import { compact } from '../../../../src/nodes/original/core/compact.js';
import { find } from '../../../../src/nodes/original/core/find.js';
import { flatMap } from '../../../../src/nodes/original/core/flat_map.js';
import { groupBy } from '../../../../src/nodes/original/core/group_by.js';
import { partition } from '../../../../src/nodes/original/core/partition.js';
import { range } from '../../../../src/nodes/original/core/range.js';
import { reverse } from '../../../../src/nodes/original/core/reverse.js';
import { sample } from '../../../../src/nodes/original/core/sample.js';
import { slice } from '../../../../src/nodes/original/core/slice.js';
import { sort } from '../../../../src/nodes/original/core/sort.js';
import { transpose } from '../../../../src/nodes/original/core/transpose.js';
import { unique } from '../../../../src/nodes/original/core/unique.js';
import { zip } from '../../../../src/nodes/original/core/zip.js';
import type { NodeType } from '../../../../src/nodes/types.js';
import { failure } from '../../../helpers/failure.js';
import { makeTestContext } from '../../../helpers/node-context.js';
import { run } from '../helpers.js';

describe('array nodes on a non-array input return the original error map', () => {
  const types: [NodeType<never>, Record<string, unknown>][] = [
    [slice, {}],
    [sort, {}],
    [find, { condition: 'true' }],
    [flatMap, {}],
    [groupBy, { field: 'a' }],
    [unique, {}],
    [chunk, { size: 2 }],
    [reverse, {}],
    [partition, { condition: 'true' }],
    [sample, { count: 1 }],
    [compact, {}],
    [transpose, {}],
  ];
  it.each(types.map(([t, o]) => [t.type, t, o] as const))('%s', async (_name, type, options) => {
    expect(await run(type, { ...options, inputs: [{ a: 1 }] })).toEqual({
      error: 'input is not an array',
      input: { a: 1 },
      original_type: 'map[string]interface {}',
    });
    expect(await run(type, { ...options, inputs: [5] })).toMatchObject({ original_type: 'float64' });
    expect(await run(type, { ...options, inputs: [null] })).toMatchObject({
      input: null,
      original_type: '<nil>',
    });
  });

  it.each(types.map(([t, o]) => [t.type, t, o] as const))(
    '%s fails without input',
    async (_name, type, options) => {
      const f = await failure(run(type, options));
      expect(f.code).toBe('original.no-input');
      expect(f.message).toBe(`${type.type.slice('original/'.length)} node needs at least 1 input`);
    },
  );
});

describe('original/slice', () => {
  const arr = [0, 1, 2, 3, 4];
  it.each<[Record<string, unknown>, unknown[], number, number]>([
    [{}, [0, 1, 2, 3, 4], 0, 5],
    [{ start: 1, end: 3 }, [1, 2], 1, 3],
    [{ start: -2 }, [3, 4], 3, 5],
    [{ start: 1, length: 2 }, [1, 2], 1, 3],
    [{ start: 1, end: -1 }, [1, 2, 3], 1, 4],
    [{ start: 10 }, [], 5, 5],
    [{ start: -10, end: 2 }, [0, 1], 0, 2],
    [{ start: 4, end: 1 }, [], 1, 1],
    [{ start: 1.9, end: 'x', length: 1 }, [1], 1, 2],
  ])('%j', async (options, sliced, start, end) => {
    expect(await run(slice, { ...options, inputs: [arr] })).toEqual({
      sliced,
      input_count: 5,
      output_count: sliced.length,
      start,
      end,
    });
  });
});

describe('original/sort', () => {
  it('sorts values: nil first, numbers, strings, booleans', async () => {
    expect(await run(sort, { inputs: [[3, null, 1, 2]] })).toEqual({
      sorted: [null, 1, 2, 3],
      count: 4,
      field: '',
      order: 'asc',
    });
    expect(await run(sort, { inputs: [['b', 'a', 'C']] })).toMatchObject({ sorted: ['C', 'a', 'b'] });
    expect(await run(sort, { inputs: [[true, false]] })).toMatchObject({ sorted: [false, true] });
  });

  it('sorts by field, desc, stably (ties keep their order)', async () => {
    const people = [{ n: 'a', age: 30 }, { n: 'b', age: 25 }, { n: 'c', age: 30 }, { n: 'd' }];
    expect(await run(sort, { field: 'age', order: 'DESC', inputs: [people] })).toEqual({
      sorted: [people[0], people[2], people[1], people[3]],
      count: 4,
      field: 'age',
      order: 'desc',
    });
    expect(await run(sort, { field: 'age', inputs: [people] })).toMatchObject({
      sorted: [people[3], people[1], people[0], people[2]],
    });
  });

  it('compares mixed types by their %v text', async () => {
    expect(await run(sort, { inputs: [['b', 10, 'a']] })).toMatchObject({ sorted: [10, 'a', 'b'] });
  });
});

describe('original/find', () => {
  const people = [{ age: 12 }, { age: 20 }, { age: 40 }];
  it('finds the first match, with the index when asked', async () => {
    expect(await run(find, { condition: 'item.age >= 18', inputs: [people] })).toEqual({
      found: { age: 20 },
      condition: 'item.age >= 18',
    });
    expect(await run(find, { condition: 'item.age >= 18', return_index: true, inputs: [people] })).toEqual({
      found: { age: 20 },
      index: 1,
      condition: 'item.age >= 18',
    });
  });

  it('reports not_found', async () => {
    expect(await run(find, { condition: 'item.age > 100', inputs: [people] })).toEqual({
      found: null,
      not_found: true,
      condition: 'item.age > 100',
      input_count: 3,
    });
  });

  it('fails without a condition', async () => {
    expect((await failure(run(find, { condition: '', inputs: [[1]] }))).message).toBe(
      "find node missing required 'condition' string",
    );
  });
});

describe('original/flat_map', () => {
  it('flattens one level', async () => {
    expect(await run(flatMap, { inputs: [[[1, 2], 3, [[4]]]] })).toEqual({
      flattened: [1, 2, 3, [4]],
      input_count: 3,
      output_count: 4,
      field: '',
    });
  });

  it('flattens a field, skipping objects without it and non-objects', async () => {
    const posts = [{ tags: ['a', 'b'] }, { tags: 'c' }, { x: 1 }, 7];
    expect(await run(flatMap, { field: 'tags', inputs: [posts] })).toEqual({
      flattened: ['a', 'b', 'c'],
      input_count: 4,
      output_count: 3,
      field: 'tags',
    });
  });

  it('gives [] (not null) for an empty result (fix)', async () => {
    expect(await run(flatMap, { inputs: [[]] })).toMatchObject({ flattened: [], output_count: 0 });
  });
});

describe('original/group_by', () => {
  const scores = [
    { team: 'red', points: 3 },
    { team: 'blue', points: 5 },
    { team: 'red', points: 4 },
    { points: 1 },
    { team: 2, points: 'x' },
  ];
  const groups = {
    '2': [scores[4]],
    '<missing>': [scores[3]],
    blue: [scores[1]],
    red: [scores[0], scores[2]],
  };

  it('counts by default, keys as %v, "<missing>" when absent', async () => {
    expect(await run(groupBy, { field: 'team', inputs: [scores] })).toEqual({
      groups,
      group_count: 4,
      input_count: 5,
      field: 'team',
      aggregate: 'count',
      counts: { '2': 1, '<missing>': 1, blue: 1, red: 2 },
    });
  });

  it.each<[string, string, Record<string, unknown>]>([
    ['sum', 'sums', { '2': 0, '<missing>': 1, blue: 5, red: 7 }],
    ['avg', 'averages', { '2': 0, '<missing>': 1, blue: 5, red: 3.5 }],
    ['min', 'minimums', { '2': null, '<missing>': 1, blue: 5, red: 3 }],
    ['max', 'maximums', { '2': null, '<missing>': 1, blue: 5, red: 4 }],
  ])('%s of value_field', async (aggregate, key, expected) => {
    const out = (await run(groupBy, {
      field: 'team',
      aggregate,
      value_field: 'points',
      inputs: [scores],
    })) as Record<string, unknown>;
    expect(out[key]).toEqual(expected);
    expect(out.aggregate).toBe(aggregate);
  });

  it('values lists the items of each group; non-objects group by their own %v', async () => {
    expect(await run(groupBy, { field: 'x', aggregate: 'values', inputs: [[1, 1, 'a']] })).toMatchObject({
      values: { '1': [1, 1], a: ['a'] },
      group_count: 2,
    });
  });

  it('fails on an unknown aggregate, a missing field, or sum without value_field (fix)', async () => {
    expect((await failure(run(groupBy, { field: 'a', aggregate: 'median', inputs: [[]] }))).message).toBe(
      'unknown aggregate function: median',
    );
    expect((await failure(run(groupBy, { field: '', inputs: [[]] }))).message).toBe(
      "group_by node requires 'field' string",
    );
    expect((await failure(run(groupBy, { field: 'a', aggregate: 'sum', inputs: [[]] }))).message).toBe(
      "group_by with 'sum' aggregate requires 'value_field'",
    );
  });
});

describe('original/unique', () => {
  it('keeps the first occurrence by %v (1 and "1" are the same key)', async () => {
    expect(await run(unique, { inputs: [[1, '1', 2, 1, { a: 1 }, { a: 1 }]] })).toEqual({
      unique: [1, 2, { a: 1 }],
      input_count: 6,
      output_count: 3,
      removed: 3,
    });
  });

  it('by field; objects without the field are always kept', async () => {
    const rows = [{ id: 1 }, { id: 1, x: 2 }, { y: 1 }, { y: 1 }];
    expect(await run(unique, { field: 'id', inputs: [rows] })).toMatchObject({
      unique: [{ id: 1 }, { y: 1 }, { y: 1 }],
      removed: 1,
    });
  });
});

describe('original/chunk', () => {
  it('splits into chunks of size', async () => {
    expect(await run(chunk, { size: 2, inputs: [[1, 2, 3, 4, 5]] })).toEqual({
      chunks: [[1, 2], [3, 4], [5]],
      input_count: 5,
      chunk_count: 3,
      chunk_size: 2,
    });
    expect(await run(chunk, { size: 2, inputs: [[]] })).toMatchObject({ chunks: [], chunk_count: 0 });
  });

  it('uses 10 for a non-numeric size and truncates fractions', async () => {
    expect(await run(chunk, { size: 'x', inputs: [[1]] })).toMatchObject({ chunk_size: 10 });
    expect(await run(chunk, { size: 2.9, inputs: [[1, 2, 3]] })).toMatchObject({
      chunk_size: 2,
      chunk_count: 2,
    });
  });

  it('fails for size <= 0', async () => {
    expect((await failure(run(chunk, { size: 0, inputs: [[1]] }))).message).toBe(
      'chunk size must be greater than 0, got 0',
    );
  });
});

describe('original/reverse', () => {
  it('reverses', async () => {
    expect(await run(reverse, { inputs: [[1, 2, 3]] })).toEqual({ reversed: [3, 2, 1], count: 3 });
    expect(await run(reverse, { inputs: [[]] })).toEqual({ reversed: [], count: 0 });
  });
});

describe('original/partition', () => {
  it('splits by condition; evaluation errors go to failed', async () => {
    expect(await run(partition, { condition: 'item > 2', inputs: [[1, 2, 3, 4]] })).toEqual({
      passed: [3, 4],
      failed: [1, 2],
      passed_count: 2,
      failed_count: 2,
      input_count: 4,
      condition: 'item > 2',
    });
    expect(await run(partition, { condition: '(item', inputs: [[1]] })).toMatchObject({
      failed: [1],
      passed: [],
    });
  });

  it('unwraps map inputs like filter', async () => {
    expect(await run(partition, { condition: '>1', inputs: [{ items: [1, 2] }] })).toMatchObject({
      passed: [2],
      failed: [1],
    });
  });

  it('fails without a condition', async () => {
    expect((await failure(run(partition, { condition: '', inputs: [[1]] }))).message).toBe(
      "partition node missing required 'condition' string",
    );
  });
});

describe('original/zip', () => {
  it('zips inputs[0] with the configured arrays, padding with fill_missing', async () => {
    expect(await run(zip, { arrays: [['a', 'b', 'c'], 'skip'], inputs: [[1, 2]] })).toEqual({
      zipped: [
        [1, 'a'],
        [2, 'b'],
        [null, 'c'],
      ],
      array_count: 2,
      tuple_count: 3,
      max_length: 3,
    });
    expect(await run(zip, { arrays: [[1], [1, 2]], fill_missing: 0 })).toMatchObject({
      zipped: [
        [1, 1],
        [0, 2],
      ],
    });
  });

  it('ignores a non-array inputs[0] and fails with no array at all', async () => {
    expect(await run(zip, { arrays: [[1]], inputs: ['x'] })).toMatchObject({ array_count: 1 });
    expect((await failure(run(zip, { inputs: [5] }))).message).toBe('zip node requires at least one array');
  });
});

describe('original/sample', () => {
  const arr = [1, 2, 3, 4, 5];
  it('first and last', async () => {
    expect(await run(sample, { count: 2, method: 'first', inputs: [arr] })).toEqual({
      sample: [1, 2],
      input_count: 5,
      output_count: 2,
      method: 'first',
    });
    expect(await run(sample, { count: 2, method: 'last', inputs: [arr] })).toMatchObject({ sample: [4, 5] });
    expect(await run(sample, { count: 9, method: 'last', inputs: [arr] })).toMatchObject({ sample: arr });
  });

  it('random draws through ctx.random (Fisher–Yates), all items in order when count >= length', async () => {
    const ctx = makeTestContext({ overrides: { random: () => 0.99 } });
    expect(await run(sample, { count: 2, inputs: [arr] }, ctx)).toEqual({
      // i=0 swaps 0↔4, i=1 swaps 1↔4 (which now holds the first item).
      sample: [5, 1],
      input_count: 5,
      output_count: 2,
      method: 'random',
    });
    const zero = makeTestContext({ overrides: { random: () => 0 } });
    expect(await run(sample, { count: 3, inputs: [arr] }, zero)).toMatchObject({ sample: [1, 2, 3] });
    expect(await run(sample, { count: 5, inputs: [arr] }, ctx)).toMatchObject({ sample: arr });
  });

  it('random samples are distinct items of the input', async () => {
    for (let i = 0; i < 20; i++) {
      const out = (await run(sample, { count: 3, inputs: [arr] })) as { sample: number[] };
      expect(new Set(out.sample).size).toBe(3);
      for (const v of out.sample) expect(arr).toContain(v);
    }
  });

  it('fails for count <= 0 and unknown methods; non-numeric count means 1', async () => {
    expect((await failure(run(sample, { count: 0, inputs: [arr] }))).message).toBe(
      'sample count must be greater than 0, got 0',
    );
    expect((await failure(run(sample, { count: 1, method: 'middle', inputs: [arr] }))).message).toBe(
      "unknown sample method: middle (must be 'random', 'first', or 'last')",
    );
    expect(await run(sample, { count: 'x', method: 'first', inputs: [arr] })).toMatchObject({ sample: [1] });
  });
});

describe('original/range', () => {
  it('is inclusive with defaults 0..10 step 1', async () => {
    expect(await run(range, {})).toEqual({
      range: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      count: 11,
      start: 0,
      end: 10,
      step: 1,
    });
    expect(await run(range, { start: 5, end: 1, step: -2 })).toMatchObject({ range: [5, 3, 1] });
    // Accumulated like the original's float64 loop: 0.1 + 0.1 + 0.1 = 0.30000000000000004 > 0.3.
    expect(await run(range, { start: 0, end: 0.3, step: 0.1 })).toMatchObject({
      range: [0, 0.1, 0.2],
      count: 3,
    });
  });

  it('allows exactly 10000 items and fails beyond', async () => {
    expect(await run(range, { start: 1, end: 10000 })).toMatchObject({ count: 10000 });
    expect((await failure(run(range, { start: 0, end: 10000 }))).message).toBe(
      'range would generate more than 10000 items, adjust start/end/step',
    );
  });

  it.each<[Record<string, unknown>, string]>([
    [{ step: 0 }, 'range step cannot be 0'],
    [{ start: 5, end: 1 }, 'range with positive step requires start <= end, got start=5 end=1'],
    [{ start: 1, end: 5, step: -1 }, 'range with negative step requires start >= end, got start=1 end=5'],
  ])('fails: %j', async (options, message) => {
    expect((await failure(run(range, options))).message).toBe(message);
  });
});

describe('original/compact', () => {
  it('drops nulls, and empty strings only with remove_empty', async () => {
    expect(await run(compact, { inputs: [[1, null, '', 0, false]] })).toEqual({
      compacted: [1, '', 0, false],
      input_count: 5,
      output_count: 4,
      removed: 1,
    });
    expect(await run(compact, { remove_empty: true, inputs: [[1, null, '']] })).toMatchObject({
      compacted: [1],
      removed: 2,
    });
  });
});

describe('original/transpose', () => {
  it('transposes a rectangular matrix', async () => {
    expect(
      await run(transpose, {
        inputs: [
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
        ],
      }),
    ).toEqual({
      transposed: [
        [1, 4],
        [2, 5],
        [3, 6],
      ],
      rows: 2,
      cols: 3,
      transposed_rows: 3,
      transposed_cols: 2,
    });
    expect(await run(transpose, { inputs: [[]] })).toEqual({ transposed: [], rows: 0, cols: 0 });
  });

  it('returns the original error maps for non-matrices', async () => {
    expect(await run(transpose, { inputs: [[1, 2]] })).toEqual({
      error: 'input is not a 2D array (array of arrays)',
      first_element: 1,
      expected: 'array of arrays',
    });
    expect(await run(transpose, { inputs: [[[1], 2]] })).toEqual({
      error: 'row 1 is not an array',
      row_index: 1,
      row_value: 2,
    });
    expect(await run(transpose, { inputs: [[[1, 2], [3]]] })).toEqual({
      error: 'all rows must have the same length',
      expected_cols: 2,
      row_index: 1,
      actual_cols: 1,
    });
  });
});

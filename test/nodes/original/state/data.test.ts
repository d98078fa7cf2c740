/** variable, extract, transform, accumulator, counter: NodeType.execute with a real context. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../../src/core/config.js';
import { accumulator } from '../../../../src/nodes/original/state/accumulator.js';
import { counter } from '../../../../src/nodes/original/state/counter.js';
import { extract } from '../../../../src/nodes/original/state/extract.js';
import { transform } from '../../../../src/nodes/original/state/transform.js';
import { variable } from '../../../../src/nodes/original/state/variable.js';
import { failure } from '../../../helpers/failure.js';
import { makeTestContext } from '../../../helpers/node-context.js';
import { run } from '../helpers.js';

const withLimits = (limits: Partial<typeof DEFAULT_CONFIG.original.limits>) =>
  makeTestContext({ config: { original: { limits: { ...DEFAULT_CONFIG.original.limits, ...limits } } } });

describe('original/variable', () => {
  it('sets a variable to inputs[0] and gets it back in the same run', async () => {
    const ctx = makeTestContext();
    expect(
      await run(variable, { var_name: 'total', var_op: 'set', inputs: [{ n: 42 }, 'ignored'] }, ctx),
    ).toEqual({
      var_name: 'total',
      operation: 'set',
      value: { n: 42 },
    });
    expect(await run(variable, { var_name: 'total', var_op: 'get' }, ctx)).toEqual({
      var_name: 'total',
      operation: 'get',
      value: { n: 42 },
    });
    // What original expressions read as variables.total.
    expect(ctx.runStore.get('original.variables')).toEqual({ total: { n: 42 } });
  });

  it('a null value is a value (get finds it)', async () => {
    const ctx = makeTestContext();
    await run(variable, { var_name: 'x', var_op: 'set', inputs: [null] }, ctx);
    expect(await run(variable, { var_name: 'x', var_op: 'get' }, ctx)).toEqual({
      var_name: 'x',
      operation: 'get',
      value: null,
    });
  });

  it.each<[Record<string, unknown>, string, string]>([
    [{ var_name: 'nope', var_op: 'get' }, 'original.variable-not-found', "variable 'nope' not found"],
    [{ var_name: 'x', var_op: 'set' }, 'original.no-input', 'variable set operation requires input value'],
    [
      { var_name: 'x', var_op: 'inc' },
      'original.invalid-operation',
      "unsupported variable operation: inc (use 'get' or 'set')",
    ],
    [{ var_op: 'get' }, 'original.invalid-config', 'variable node missing var_name'],
    [{ var_name: 'x' }, 'original.invalid-config', 'variable node missing var_op (get or set)'],
  ])('%j fails %s: %s', async (options, code, message) => {
    const f = await failure(run(variable, options));
    expect(f.code).toBe(code);
    expect(f.message).toBe(message);
  });

  it('checks the value like the original ValidateValue (string, array, depth)', async () => {
    const ctx = withLimits({ maxStringLength: 5, maxArrayLength: 2, maxContextDepth: 3 });
    const set = (value: unknown) => run(variable, { var_name: 'v', var_op: 'set', inputs: [value] }, ctx);
    expect((await failure(set('abcdef'))).message).toBe(
      'string too long: 6 bytes (limit: 5); raise original.limits.maxStringLength in thaiyyal.config.yaml',
    );
    // Bytes, as Go's len(): é is 2 bytes.
    expect((await failure(set('ééé'))).message).toMatch(/^string too long: 6 bytes/);
    expect((await failure(set([1, 2, 3]))).message).toBe(
      'array too large: 3 elements (limit: 2); raise original.limits.maxArrayLength in thaiyyal.config.yaml',
    );
    expect((await failure(set([['abcdefg']]))).message).toMatch(
      /^array element 0: array element 0: string too long: 7 bytes \(limit: 5\)/,
    );
    const deep = await failure(set({ a: { b: { c: 1 } } }));
    expect(deep.code).toBe('original.limit');
    expect(deep.message).toBe(
      'value too deeply nested: 4 levels (limit: 3); raise original.limits.maxContextDepth in thaiyyal.config.yaml',
    );
    expect(await set({ a: { b: 1 } })).toEqual({ var_name: 'v', operation: 'set', value: { a: { b: 1 } } });
    expect(await set('abcde')).toMatchObject({ value: 'abcde' });
  });

  it('enforces maxVariables on new names only', async () => {
    const ctx = withLimits({ maxVariables: 2 });
    const set = (name: string) => run(variable, { var_name: name, var_op: 'set', inputs: [1] }, ctx);
    await set('a');
    await set('b');
    await set('a'); // overwriting is fine
    const f = await failure(set('c'));
    expect(f.code).toBe('original.limit');
    expect(f.message).toBe(
      'maximum variables exceeded: 3 (limit: 2); raise original.limits.maxVariables in thaiyyal.config.yaml',
    );
  });
});

describe('original/extract', () => {
  it('picks one field as {field, value}, several as a sub-object', async () => {
    const input = { name: 'Ada', age: 36, nothing: null };
    expect(await run(extract, { field: 'age', inputs: [input] })).toEqual({ field: 'age', value: 36 });
    expect(await run(extract, { field: 'nothing', inputs: [input] })).toEqual({
      field: 'nothing',
      value: null,
    });
    expect(await run(extract, { fields: ['name', 'missing', 'age'], inputs: [input] })).toEqual({
      name: 'Ada',
      age: 36,
    });
  });

  it.each<[Record<string, unknown>, string]>([
    [{ field: 'x' }, 'extract node requires input'],
    [{ field: 'x', inputs: [[1]] }, 'extract node requires object input, got []interface {}'],
    [{ field: 'x', inputs: [5] }, 'extract node requires object input, got float64'],
    [{ field: 'x', inputs: [null] }, 'extract node requires object input, got <nil>'],
    [{ field: 'x', inputs: [{ y: 1 }] }, "field 'x' not found in input object"],
    [{ fields: [], inputs: [{ y: 1 }] }, "extract node requires 'field' or 'fields' configuration"],
  ])('%j fails: %s', async (options, message) => {
    expect((await failure(run(extract, options))).message).toBe(message);
  });
});

describe('original/transform', () => {
  it('to_array collects all inputs', async () => {
    expect(await run(transform, { transform_type: 'to_array', inputs: [1, 'a', { b: 2 }] })).toEqual([
      1,
      'a',
      { b: 2 },
    ]);
  });

  it('to_object pairs keys and values; an odd trailing key is dropped', async () => {
    expect(await run(transform, { transform_type: 'to_object', inputs: [['a', 1, 'b', [2], 'c']] })).toEqual({
      a: 1,
      b: [2],
    });
  });

  it('flatten is recursive; nothing left is null (a Go nil slice)', async () => {
    expect(await run(transform, { transform_type: 'flatten', inputs: [[1, [2, [3, [4]]], []]] })).toEqual([
      1, 2, 3, 4,
    ]);
    expect(await run(transform, { transform_type: 'flatten', inputs: [[[], [[]]]] })).toBeNull();
  });

  it('keys and values follow the sorted keys (deterministic fix)', async () => {
    const input = { zeta: 1, alpha: 2, mid: 3 };
    expect(await run(transform, { transform_type: 'keys', inputs: [input] })).toEqual([
      'alpha',
      'mid',
      'zeta',
    ]);
    expect(await run(transform, { transform_type: 'values', inputs: [input] })).toEqual([2, 3, 1]);
  });

  it.each<[Record<string, unknown>, string]>([
    [{ transform_type: 'keys' }, 'transform node requires input'],
    [{ inputs: [1] }, 'transform node missing transform_type'],
    [
      { transform_type: 'to_object', inputs: [{}] },
      'to_object requires array input, got map[string]interface {}',
    ],
    [{ transform_type: 'to_object', inputs: [['a', 1, 2, 3]] }, 'to_object requires string keys at index 2'],
    [{ transform_type: 'flatten', inputs: ['x'] }, 'flatten requires array input, got string'],
    [{ transform_type: 'keys', inputs: [[1]] }, 'keys transform requires object input, got []interface {}'],
    [{ transform_type: 'values', inputs: [true] }, 'values transform requires object input, got bool'],
    [{ transform_type: 'sideways', inputs: [1] }, 'unsupported transform type: sideways'],
  ])('%j fails: %s', async (options, message) => {
    expect((await failure(run(transform, options))).message).toBe(message);
  });
});

describe('original/accumulator', () => {
  it('sums across executions in one run, starting from the default', async () => {
    const ctx = makeTestContext();
    expect(await run(accumulator, { accum_op: 'sum', inputs: [5] }, ctx)).toEqual({
      operation: 'sum',
      value: 5,
    });
    expect(await run(accumulator, { accum_op: 'sum', inputs: [2.5] }, ctx)).toEqual({
      operation: 'sum',
      value: 7.5,
    });
    // No input: the current state.
    expect(await run(accumulator, { accum_op: 'sum' }, ctx)).toEqual({ operation: 'sum', value: 7.5 });
    // A fresh run starts empty.
    expect(await run(accumulator, { accum_op: 'sum', inputs: [1] })).toEqual({ operation: 'sum', value: 1 });
  });

  it.each<[string, unknown[], unknown, unknown]>([
    ['product', [2, 3, 4], undefined, 24],
    ['concat', ['a', 'b', 'c'], undefined, 'abc'],
    ['array', [1, 'x', null], undefined, [1, 'x', null]],
    ['count', ['a', {}, 7], undefined, 3],
    ['sum', [1, 2], 10, 13],
    ['concat', ['b'], '>', '>b'],
  ])('%s of %j (initial %j) → %j', async (op, values, initial, expected) => {
    const ctx = makeTestContext();
    let last: unknown;
    for (const v of values) {
      last = await run(
        accumulator,
        { accum_op: op, inputs: [v], ...(initial !== undefined ? { initial_value: initial } : {}) },
        ctx,
      );
    }
    expect(last).toEqual({ operation: op, value: expected });
  });

  it.each<[Record<string, unknown>, string]>([
    [{ accum_op: 'sum', inputs: ['5'] }, 'sum accumulator requires numeric input, got string'],
    [{ accum_op: 'product', inputs: [null] }, 'product accumulator requires numeric input, got <nil>'],
    [{ accum_op: 'concat', inputs: [1] }, 'concat accumulator requires string input, got float64'],
    [{ accum_op: 'sum', initial_value: 'x', inputs: [1] }, 'accumulator value is not a number'],
    [{ accum_op: 'concat', initial_value: 3, inputs: ['a'] }, 'accumulator value is not a string'],
    [{ accum_op: 'array', initial_value: {}, inputs: ['a'] }, 'accumulator value is not an array'],
    [{ accum_op: 'median', inputs: [1] }, 'unsupported accumulator operation: median'],
    [{ inputs: [1] }, 'accumulator node missing accum_op'],
  ])('%j fails: %s', async (options, message) => {
    expect((await failure(run(accumulator, options))).message).toBe(message);
  });
});

describe('original/counter', () => {
  it('increments, decrements and gets the one counter of the run', async () => {
    const ctx = makeTestContext();
    expect(await run(counter, { counter_op: 'increment' }, ctx)).toEqual({
      operation: 'increment',
      value: 1,
    });
    expect(await run(counter, { counter_op: 'increment', delta: 5 }, ctx)).toEqual({
      operation: 'increment',
      value: 6,
    });
    expect(await run(counter, { counter_op: 'decrement', delta: 2 }, ctx)).toEqual({
      operation: 'decrement',
      value: 4,
    });
    expect(await run(counter, { counter_op: 'get' }, ctx)).toEqual({ operation: 'get', value: 4 });
  });

  it('applies initial_value once, not on every execution (fix)', async () => {
    const ctx = makeTestContext();
    const inc = { counter_op: 'increment', initial_value: 10 };
    expect(await run(counter, inc, ctx)).toEqual({ operation: 'increment', value: 11 });
    // The original re-applied initial_value here and answered 11 again.
    expect(await run(counter, inc, ctx)).toEqual({ operation: 'increment', value: 12 });
    expect(await run(counter, { counter_op: 'get', initial_value: 10 }, ctx)).toEqual({
      operation: 'get',
      value: 12,
    });
  });

  it('get with initial_value on a fresh counter starts it there', async () => {
    const ctx = makeTestContext();
    expect(await run(counter, { counter_op: 'get', initial_value: 3 }, ctx)).toEqual({
      operation: 'get',
      value: 3,
    });
    expect(await run(counter, { counter_op: 'increment' }, ctx)).toEqual({
      operation: 'increment',
      value: 4,
    });
  });

  it('reset goes to initial_value, or 0; a non-number initial_value is ignored', async () => {
    const ctx = makeTestContext();
    await run(counter, { counter_op: 'increment', delta: 7 }, ctx);
    expect(await run(counter, { counter_op: 'reset', initial_value: 2 }, ctx)).toEqual({
      operation: 'reset',
      value: 2,
    });
    expect(await run(counter, { counter_op: 'reset' }, ctx)).toEqual({ operation: 'reset', value: 0 });
    expect(await run(counter, { counter_op: 'increment', initial_value: 'x' })).toEqual({
      operation: 'increment',
      value: 1,
    });
  });

  it.each<[Record<string, unknown>, string]>([
    [
      { counter_op: 'double' },
      'unsupported counter operation: double (use increment, decrement, reset, or get)',
    ],
    [{}, 'counter node missing counter_op'],
  ])('%j fails: %s', async (options, message) => {
    expect((await failure(run(counter, options))).message).toBe(message);
  });
});

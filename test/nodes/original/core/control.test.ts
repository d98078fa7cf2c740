import { describe, expect, it } from 'vitest';
import { condition } from '../../../../src/nodes/original/core/condition.js';
import { expression } from '../../../../src/nodes/original/core/expression.js';
import { filter } from '../../../../src/nodes/original/core/filter.js';
import { map } from '../../../../src/nodes/original/core/map.js';
import { reduce } from '../../../../src/nodes/original/core/reduce.js';
import { switchNode } from '../../../../src/nodes/original/core/switch.js';
import { failure } from '../../../helpers/failure.js';
import { makeTestContext } from '../../../helpers/node-context.js';
import { run } from '../helpers.js';

describe('original/condition', () => {
  const shape = (value: unknown, met: boolean, cond: string) => ({
    value,
    condition_met: met,
    condition: cond,
    path: met ? 'true' : 'false',
    true_path: met,
    false_path: !met,
  });

  it.each<[string, unknown, boolean]>([
    ['input > 100', 150, true],
    ['input > 100', 50, false],
    ['>=18', 18, true],
    ['>=18', { value: 17 }, false],
    ['>100 && <200', 150, true],
    ['input.status == "active"', { status: 'active' }, true],
    ['true', 'anything', true],
  ])('%s on %j', async (cond, input, met) => {
    expect(await run(condition, { condition: cond, inputs: [input] })).toEqual(shape(input, met, cond));
  });

  it('reads variables, context and node results', async () => {
    const ctx = makeTestContext();
    ctx.runStore.set('original.variables', { limit: 5 });
    ctx.runStore.set('original.context', { mode: 'prod' });
    expect(await run(condition, { condition: 'input > variables.limit', inputs: [6] }, ctx)).toMatchObject({
      condition_met: true,
    });
    expect(await run(condition, { condition: 'context.mode == "prod"', inputs: [0] }, ctx)).toMatchObject({
      condition_met: true,
    });
    expect(
      await run(
        condition,
        { condition: 'node.http1.status == 200', inputs: [0], node_results: { http1: { status: 200 } } },
        ctx,
      ),
    ).toMatchObject({ condition_met: true, path: 'true' });
  });

  it('a condition the evaluator cannot handle falls back to the legacy parser (false)', async () => {
    expect(await run(condition, { condition: 'node.missing.x == 1', inputs: [1] })).toEqual(
      shape(1, false, 'node.missing.x == 1'),
    );
  });

  it('fails without input', async () => {
    const f = await failure(run(condition, { condition: '>1' }));
    expect(f.message).toBe('condition node needs at least 1 input');
  });
});

describe('original/switch', () => {
  const cases = [
    { when: '>=90', output_path: 'high' },
    { when: '>=50', output_path: 'medium' },
    { is_default: true, output_path: 'low' },
  ];

  it('routes to the first matching case', async () => {
    expect(await run(switchNode, { cases, inputs: [95] })).toEqual({
      value: 95,
      matched: true,
      case: '>=90',
      output_path: 'high',
      case_index: 0,
    });
    expect(await run(switchNode, { cases, inputs: [60] })).toMatchObject({
      output_path: 'medium',
      case_index: 1,
    });
  });

  it('falls to the default case (output path "default" unless given)', async () => {
    expect(await run(switchNode, { cases, inputs: [10] })).toEqual({
      value: 10,
      matched: false,
      case: 'default',
      output_path: 'low',
      case_index: 2,
    });
    expect(
      await run(switchNode, { cases: [{ when: '>1', output_path: 'a' }, { is_default: true }], inputs: [0] }),
    ).toMatchObject({ output_path: 'default', case_index: 1 });
  });

  it('skips a case whose expression fails', async () => {
    const c = [
      { when: 'node.nope.x == 1', output_path: 'x' },
      { when: 'true', output_path: 'y' },
      { is_default: true },
    ];
    expect(await run(switchNode, { cases: c, inputs: [1] })).toMatchObject({
      output_path: 'y',
      case_index: 1,
    });
  });

  it.each<[string, unknown, string]>([
    ['no cases', [], 'switch node requires at least one case'],
    [
      'no default',
      [{ when: '>1', output_path: 'a' }],
      'switch node requires exactly one default case, got 0',
    ],
    [
      'two defaults',
      [{ is_default: true }, { is_default: true }],
      'switch node requires exactly one default case, got 2',
    ],
    [
      'default not last',
      [{ is_default: true }, { when: '>1', output_path: 'a' }],
      'switch node default case must be the last case',
    ],
    ['no output_path', [{ when: '>1' }, { is_default: true }], 'switch case 0 requires output_path'],
  ])('rejects %s', async (_n, c, message) => {
    const f = await failure(run(switchNode, { cases: c, inputs: [1] }));
    expect(f.code).toBe('original.invalid-cases');
    expect(f.message).toBe(message);
  });

  it('fails without input', async () => {
    expect((await failure(run(switchNode, { cases }))).message).toBe(
      'switch node requires at least one input',
    );
  });
});

describe('original/filter', () => {
  it('keeps matching items with item and index bound', async () => {
    const people = [{ age: 30 }, { age: 12 }, { age: 18 }];
    expect(await run(filter, { condition: 'item.age >= 18', inputs: [people] })).toEqual({
      filtered: [{ age: 30 }, { age: 18 }],
      input_count: 3,
      output_count: 2,
      skipped_count: 1,
      error_count: 0,
      condition: 'item.age >= 18',
      is_array: true,
    });
    expect(await run(filter, { condition: 'variables.index < 2', inputs: [['a', 'b', 'c']] })).toMatchObject({
      filtered: ['a', 'b'],
    });
  });

  it('counts items whose evaluation fails as errors and skips them', async () => {
    // Comparisons on missing data are false in the original; only a malformed expression errors.
    const out = await run(filter, { condition: '(item', inputs: [[1, 2]] });
    expect(out).toMatchObject({ filtered: [], output_count: 0, error_count: 2, skipped_count: 2 });
  });

  it('unwraps range/array/items/data/values of a map input', async () => {
    const out = await run(filter, { condition: '>2', inputs: [{ range: [1, 2, 3, 4], count: 4 }] });
    expect(out).toMatchObject({ filtered: [3, 4], input_count: 4 });
  });

  it('passes a non-array through with a warning', async () => {
    expect(await run(filter, { condition: '>1', inputs: ['text'] })).toEqual({
      input: 'text',
      filtered: 'text',
      is_array: false,
      warning: 'input is not an array, passed through unchanged',
      original_type: 'string',
    });
  });

  it('fails without condition or input', async () => {
    expect((await failure(run(filter, { condition: '', inputs: [[]] }))).message).toBe(
      'filter node missing condition expression',
    );
    expect((await failure(run(filter, { condition: '>1' }))).message).toBe(
      'filter node needs at least 1 input',
    );
  });
});

describe('original/map', () => {
  it('maps with an expression (item, index, items bound)', async () => {
    expect(await run(map, { expression: 'item * 2', inputs: [[1, 2, 3]] })).toEqual({
      results: [2, 4, 6],
      input_count: 3,
      output_count: 3,
      successful: 3,
      failed: 0,
    });
    expect(await run(map, { expression: 'item.age * 2', inputs: [[{ age: 2 }]] })).toMatchObject({
      results: [4],
    });
  });

  it('extracts a field; a missing field or non-object item becomes null and counts as failed', async () => {
    expect(await run(map, { field: 'name', inputs: [[{ name: 'a' }, { x: 1 }, 5]] })).toEqual({
      results: ['a', null, null],
      input_count: 3,
      output_count: 3,
      successful: 1,
      failed: 2,
    });
  });

  it('field wins over expression', async () => {
    expect(await run(map, { field: 'n', expression: 'item * 100', inputs: [[{ n: 1 }]] })).toMatchObject({
      results: [1],
    });
  });

  it('passes the array through with a warning when neither is set', async () => {
    expect(await run(map, { inputs: [[1, 2]] })).toEqual({
      results: [1, 2],
      input_count: 2,
      output_count: 2,
      warning: 'no transformation specified',
    });
  });

  it('fails on a non-array', async () => {
    const f = await failure(run(map, { field: 'a', inputs: [{ a: 1 }] }));
    expect(f.code).toBe('original.not-array');
    expect(f.message).toBe('map node requires array input, got map[string]interface {}');
  });
});

describe('original/reduce', () => {
  it('sums with accumulator + item (initial 0 by default; initial_value null in the result)', async () => {
    expect(await run(reduce, { expression: 'accumulator + item', inputs: [[1, 2, 3]] })).toEqual({
      result: 6,
      initial_value: null,
      final_value: 6,
      input_count: 3,
      iterations: 3,
      successful: 3,
      failed: 0,
    });
  });

  it('uses initial_value and ternaries', async () => {
    expect(
      await run(reduce, {
        expression: 'item > accumulator ? item : accumulator',
        initial_value: 0,
        inputs: [[5, 2, 8, 1]],
      }),
    ).toMatchObject({ result: 8, initial_value: 0 });
  });

  it('skips items whose evaluation fails', async () => {
    const out = await run(reduce, {
      expression: 'accumulator + item.n',
      initial_value: 10,
      inputs: [[{ n: 1 }, 'x', { n: 2 }]],
    });
    expect(out).toMatchObject({ iterations: 3 });
    expect((out as { successful: number }).successful + (out as { failed: number }).failed).toBe(3);
  });

  it('keeps the accumulator when every evaluation fails', async () => {
    expect(await run(reduce, { expression: '(accumulator', initial_value: 7, inputs: [[1, 2]] })).toEqual({
      result: 7,
      initial_value: 7,
      final_value: 7,
      input_count: 2,
      iterations: 2,
      successful: 0,
      failed: 2,
    });
  });

  it('fails on a non-array and on an empty input list', async () => {
    expect((await failure(run(reduce, { expression: 'accumulator', inputs: [5] }))).message).toBe(
      'reduce node requires array input, got float64',
    );
    expect((await failure(run(reduce, { expression: 'accumulator' }))).message).toBe(
      'reduce node needs at least 1 input',
    );
  });
});

describe('original/expression', () => {
  it.each<[string, unknown, unknown]>([
    ['input * 2', 5, 10],
    ['input.price * input.qty', { price: 10, qty: 3 }, 30],
    ["input > 100 ? 'high' : 'low'", 150, 'high'],
    ['input > 100', 150, true],
    ['10 + 5 * 2 - 3', 0, 17],
    ['pow(2, 3)', 0, 8],
  ])('%s on %j → %j', async (expr, input, expected) => {
    expect(await run(expression, { expression: expr, inputs: [input] })).toEqual(expected);
  });

  it('fails with the original message when the expression cannot be evaluated', async () => {
    const f = await failure(run(expression, { expression: '(input', inputs: [1] }));
    expect(f.code).toBe('original.expression');
    expect(f.message).toMatch(/^expression evaluation failed: expected/);
    // A value error falls back to the boolean reading, as in the original: 10 / 0 is not a true comparison.
    expect(await run(expression, { expression: '10 / 0', inputs: [1] })).toBe(false);
  });

  it('rejects expressions longer than 10000 characters and needs an input', async () => {
    expect(
      (await failure(run(expression, { expression: '1+'.repeat(5001) + '1', inputs: [1] }))).message,
    ).toBe('expression is too long (max 10000 characters)');
    expect((await failure(run(expression, { expression: 'input' }))).message).toBe(
      'expression node needs at least 1 input',
    );
  });
});

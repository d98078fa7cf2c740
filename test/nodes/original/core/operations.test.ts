import { describe, expect, it } from 'vitest';
import { operation } from '../../../../src/nodes/original/core/operation.js';
import { textOperation } from '../../../../src/nodes/original/core/text_operation.js';
import { failure } from '../../../helpers/failure.js';
import { run } from '../helpers.js';

describe('original/operation', () => {
  it.each([
    ['add', 10, 5, 15],
    ['subtract', 10, 5, 5],
    ['multiply', 10, 5, 50],
    ['divide', 10, 4, 2.5],
    ['add', 0.1, 0.2, 0.30000000000000004],
  ])('%s %d %d → %d', async (op, a, b, expected) => {
    expect(await run(operation, { op, inputs: [a, b] })).toBe(expected);
  });

  it('uses only the first two inputs', async () => {
    expect(await run(operation, { op: 'add', inputs: [1, 2, 100] })).toBe(3);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['division by zero', { op: 'divide', inputs: [1, 0] }, 'original.division-by-zero', 'division by zero'],
    ['one input', { op: 'add', inputs: [1] }, 'original.no-input', 'operation needs 2 inputs, got 1'],
    ['no inputs', { op: 'add' }, 'original.no-input', 'operation needs 2 inputs, got 0'],
    [
      'a string input',
      { op: 'add', inputs: [1, '2'] },
      'original.not-number',
      'operation inputs must be numbers',
    ],
    ['an unknown op', { op: 'power', inputs: [1, 2] }, 'original.unknown-op', 'unknown operation: power'],
    ['no op', { inputs: [1, 2] }, 'original.missing-op', 'operation node missing op'],
  ])('fails on %s', async (_name, options, code, message) => {
    const f = await failure(run(operation, options));
    expect(f.code).toBe(code);
    expect(f.message).toBe(message);
  });
});

describe('original/text_operation', () => {
  it.each([
    ['uppercase', 'Hello World', 'HELLO WORLD'],
    ['lowercase', 'Hello World', 'hello world'],
    ['uppercase', 'straße', 'STRAßE'],
    ['titlecase', "hELLO wORLD-foo_bar o'neil", "Hello World-Foo_bar O'Neil"],
    ['camelcase', 'hello  big World', 'helloBigWorld'],
    ['camelcase', '   ', '   '],
    ['inversecase', 'Hello, Wörld 1', 'hELLO, wÖRLD 1'],
  ])('%s %j → %j', async (text_op, input, expected) => {
    expect(await run(textOperation, { text_op, inputs: [input] })).toBe(expected);
  });

  it('concat joins all string inputs with the separator (default "")', async () => {
    expect(await run(textOperation, { text_op: 'concat', inputs: ['a', 'b', 'c'] })).toBe('abc');
    expect(await run(textOperation, { text_op: 'concat', separator: ', ', inputs: ['a', 'b'] })).toBe('a, b');
    const f = await failure(run(textOperation, { text_op: 'concat', inputs: ['a', 1] }));
    expect(f.message).toBe('concat operation input 1 must be text/string');
  });

  it('repeat repeats inputs[0] repeat_n times', async () => {
    expect(await run(textOperation, { text_op: 'repeat', repeat_n: 3, inputs: ['ab'] })).toBe('ababab');
    expect(await run(textOperation, { text_op: 'repeat', repeat_n: 0, inputs: ['ab'] })).toBe('');
    expect((await failure(run(textOperation, { text_op: 'repeat', inputs: ['ab'] }))).message).toBe(
      'repeat operation requires repeat_n field',
    );
    expect(
      (await failure(run(textOperation, { text_op: 'repeat', repeat_n: -1, inputs: ['ab'] }))).message,
    ).toBe('repeat_n must be non-negative, got -1');
    expect((await failure(run(textOperation, { text_op: 'repeat', repeat_n: 2, inputs: [5] }))).message).toBe(
      'repeat operation input must be text/string',
    );
  });

  it('repeat beyond the 1 MB string limit fails instead of exhausting memory (fix)', async () => {
    const f = await failure(run(textOperation, { text_op: 'repeat', repeat_n: 1e9, inputs: ['abc'] }));
    expect(f.code).toBe('original.limit');
    expect(f.message).toBe(
      'string too long: 3000000000 characters (limit: 1048576); raise original.limits.maxStringLength in thaiyyal.config.yaml',
    );
  });

  it.each<[Record<string, unknown>, string]>([
    [{ text_op: 'uppercase', inputs: [42] }, 'text operation input must be text/string'],
    [{ text_op: 'uppercase' }, 'text operation needs at least 1 input'],
    [{ text_op: 'reverse', inputs: ['x'] }, 'unknown text operation: reverse'],
    [{ inputs: ['x'] }, 'text operation node missing text_op'],
  ])('fails: %j', async (options, message) => {
    expect((await failure(run(textOperation, options))).message).toBe(message);
  });
});

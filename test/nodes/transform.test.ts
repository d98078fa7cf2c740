import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { transform, type TransformOptions } from '../../src/nodes/transform.js';
import { NodeFailure } from '../../src/nodes/types.js';
import { makeTestContext } from '../helpers/node-context.js';

const scope = {
  inputs: { name: 'ada' },
  nodes: { fetch: { status: 'succeeded', output: { body: [{ price: 2 }, { price: 3.5 }] } } },
};

describe('transform', () => {
  it.each<[string, TransformOptions, unknown]>([
    ['sums over node output', { expression: '$sum(nodes.fetch.output.body.price)' }, 5.5],
    ['reads inputs', { expression: '$uppercase(inputs.name)' }, 'ADA'],
    ['builds objects', { expression: '{"n": $count(nodes.fetch.output.body)}' }, { n: 2 }],
    ['no match is null', { expression: 'inputs.missing' }, null],
    ['singleton sequence stays a value', { expression: 'nodes.fetch.output.body[0].price' }, 2],
    ['returns value as is', { value: { a: [1, 'x'] } }, { a: [1, 'x'] }],
    ['returns a null value', { value: null }, null],
    ['returns a falsy value', { value: 0 }, 0],
  ])('%s', async (_name, options, expected) => {
    const ctx = makeTestContext({ rawOptions: { ...options }, scope });
    expect(await transform.execute(options, ctx)).toEqual(expected);
  });

  it('rejects both options with invalid-options', async () => {
    const options = { expression: '1', value: 1 };
    const err = await transform
      .execute(options, makeTestContext({ rawOptions: options }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NodeFailure);
    expect(err).toMatchObject({ code: 'invalid-options', retryable: false });
  });

  it('evaluates the raw option when the engine keeps it out of options', async () => {
    const ctx = makeTestContext({ rawOptions: { expression: '1 + 1' } });
    expect(await transform.execute({}, ctx)).toBe(2);
  });

  it.each<[string, Record<string, unknown>, boolean]>([
    ['expression only', { expression: '1' }, true],
    ['value only', { value: { a: 1 } }, true],
    ['null value', { value: null }, true],
    ['neither', {}, false],
    ['both', { expression: '1', value: 1 }, false],
    ['empty expression', { expression: '' }, false],
    ['unknown option', { value: 1, extra: true }, false],
  ])('schema: %s → valid %s', (_name, options, valid) => {
    const ajv = new Ajv({ strict: true });
    expect(ajv.validate(transform.optionsSchema, options)).toBe(valid);
  });

  it('lets JSONata evaluation errors propagate for the engine to wrap', async () => {
    const options = { expression: '"a" + 1' };
    await expect(transform.execute(options, makeTestContext({ rawOptions: options }))).rejects.toThrow(/\+/);
  });

  it('declares its raw expression option', () => {
    expect(transform.expressionOptions).toEqual(['expression']);
  });
});

/** context_variable and context_constant. */
import { describe, expect, it } from 'vitest';
import { contextConstant } from '../../../../src/nodes/original/state/context_constant.js';
import { contextVariable } from '../../../../src/nodes/original/state/context_variable.js';
import { originalScope } from '../../../../src/nodes/original/shared/scope.js';
import { failure } from '../../../helpers/failure.js';
import { makeTestContext } from '../../../helpers/node-context.js';
import { run } from '../helpers.js';

describe('original/context_variable and context_constant', () => {
  it('converts typed values and stores them for context.<name>', async () => {
    const ctx = makeTestContext();
    const r = await run(
      contextVariable,
      {
        context_values: [
          { name: 's', value: 12.5, type: 'string' },
          { name: 'n', value: '42', type: 'number' },
          { name: 'b', value: 'true', type: 'boolean' },
          { name: 'b0', value: 0, type: 'boolean' },
          { name: 't', value: '2024-01-02T03:04:05Z', type: 'time_string' },
          { name: 'es', value: 1_700_000_000, type: 'epoch_second' },
          { name: 'ems', value: '1700000000123', type: 'epoch_ms' },
          { name: 'z', value: 'anything', type: 'null' },
        ],
      },
      ctx,
    );
    expect(r).toEqual({
      type: 'variable',
      variables: {
        s: '12.5',
        n: 42,
        b: true,
        b0: false,
        t: '2024-01-02T03:04:05Z',
        es: '2023-11-14T22:13:20Z',
        ems: '2023-11-14T22:13:20.123Z',
        z: null,
      },
    });
    const context = originalScope(ctx, null).context;
    expect(context['n']).toBe(42);
    // Epoch types are times (Date) for expressions, like the original's time.Time.
    expect(context['es']).toEqual(new Date(1_700_000_000_000));
  });

  it('variables override constants, whichever ran first', async () => {
    const ctx = makeTestContext();
    await run(contextVariable, { context_values: [{ name: 'x', value: 'var', type: 'string' }] }, ctx);
    expect(
      await run(
        contextConstant,
        {
          context_values: [
            { name: 'x', value: 'const', type: 'string' },
            { name: 'y', value: 1, type: 'number' },
          ],
        },
        ctx,
      ),
    ).toEqual({ type: 'const', constants: { x: 'const', y: 1 } });
    expect(originalScope(ctx, null).context).toEqual({ x: 'var', y: 1 });
  });

  it('legacy single value', async () => {
    const ctx = makeTestContext();
    expect(await run(contextVariable, { context_name: 'region', context_value: 'eu' }, ctx)).toEqual({
      type: 'variable',
      name: 'region',
      value: 'eu',
    });
    expect(await run(contextConstant, { context_name: 'pi', context_value: 3.14 }, ctx)).toEqual({
      type: 'const',
      name: 'pi',
      value: 3.14,
    });
    expect(originalScope(ctx, null).context).toEqual({ region: 'eu', pi: 3.14 });
  });

  it.each<[Record<string, unknown>, string]>([
    [{}, 'context_variable node missing context_name or context_values'],
    [{ context_name: 'a' }, 'context_variable node missing context_value'],
    [
      { context_values: [{ name: 'n', value: 'abc', type: 'number' }] },
      'context_variable node: error converting n (number): cannot convert "abc" to number: strconv.ParseFloat: parsing "abc": invalid syntax',
    ],
    [
      { context_values: [{ name: 'n', value: true, type: 'number' }] },
      'context_variable node: error converting n (number): cannot convert type bool to number',
    ],
    [
      { context_values: [{ name: 'b', value: 'yes', type: 'boolean' }] },
      'context_variable node: error converting b (boolean): cannot convert "yes" to boolean: strconv.ParseBool: parsing "yes": invalid syntax',
    ],
    [
      { context_values: [{ name: 'e', value: '1.5', type: 'epoch_second' }] },
      'context_variable node: error converting e (epoch_second): cannot convert "1.5" to epoch seconds: strconv.ParseInt: parsing "1.5": invalid syntax',
    ],
    [
      { context_values: [{ name: 'e', value: [1], type: 'epoch_ms' }] },
      'context_variable node: error converting e (epoch_ms): cannot convert type []interface {} to epoch milliseconds',
    ],
    [
      { context_values: [{ name: 'x', value: 1, type: 'color' }] },
      'context_variable node: error converting x (color): unsupported type "color"',
    ],
  ])('%j fails: %s', async (options, message) => {
    expect((await failure(run(contextVariable, options))).message).toBe(message);
  });

  it('a bad time_string names the value', async () => {
    const f = await failure(
      run(contextConstant, { context_values: [{ name: 't', value: '2024-01-02', type: 'time_string' }] }),
    );
    expect(f.message).toMatch(
      /^context_constant node: error converting t \(time_string\): invalid time string "2024-01-02"/,
    );
  });
});

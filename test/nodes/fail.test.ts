import { describe, expect, it } from 'vitest';
import { fail, type FailOptions } from '../../src/nodes/fail.js';
import { NodeFailure } from '../../src/nodes/types.js';
import { makeTestContext } from '../helpers/node-context.js';

describe('fail', () => {
  it.each<[string, FailOptions, { code: string; message: string; details?: unknown }]>([
    ['defaults the code to fail', { message: 'no items' }, { code: 'fail', message: 'no items' }],
    [
      'uses the given code',
      { message: 'bad', code: 'input.invalid' },
      { code: 'input.invalid', message: 'bad' },
    ],
    [
      'attaches details',
      { message: 'bad', details: { field: 'age' } },
      { code: 'fail', message: 'bad', details: { field: 'age' } },
    ],
    ['stringifies a non-string message', { message: 42 }, { code: 'fail', message: '42' }],
  ])('%s', async (_name, options, expected) => {
    const err = await fail.execute(options, makeTestContext()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(NodeFailure);
    expect(err).toMatchObject({ ...expected, retryable: false });
  });
});

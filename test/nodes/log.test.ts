import { describe, expect, it } from 'vitest';
import { log, type LogOptions } from '../../src/nodes/log.js';
import { makeTestContext, type TestContext } from '../helpers/node-context.js';

describe('log', () => {
  it.each<[string, LogOptions, TestContext['logs'][number], string]>([
    ['defaults to info', { message: 'hello' }, { level: 'info', message: 'hello' }, 'hello'],
    [
      'uses the level',
      { message: 'careful', level: 'warn' },
      { level: 'warn', message: 'careful' },
      'careful',
    ],
    [
      'passes object data through',
      { message: 'm', level: 'debug', data: { n: 1 } },
      { level: 'debug', message: 'm', data: { n: 1 } },
      'm',
    ],
    [
      'wraps non-object data',
      { message: 'm', data: [1, 2] },
      { level: 'info', message: 'm', data: { value: [1, 2] } },
      'm',
    ],
    [
      'keeps null data',
      { message: 'm', data: null },
      { level: 'info', message: 'm', data: { value: null } },
      'm',
    ],
    [
      'stringifies a non-string message',
      { message: { a: 1 } },
      { level: 'info', message: '{"a":1}' },
      '{"a":1}',
    ],
    ['empty message', { message: '' }, { level: 'info', message: '' }, ''],
  ])('%s', async (_name, options, entry, message) => {
    const ctx = makeTestContext();
    expect(await log.execute(options, ctx)).toEqual({ message });
    expect(ctx.logs).toEqual([entry]);
  });

  it('is a write effect so the optimiser keeps it', () => {
    expect(log.effects).toBe('write');
  });
});

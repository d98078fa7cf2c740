/** parallel, join, split, delay and cache. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../../src/core/config.js';
import { cache } from '../../../../src/nodes/original/state/cache.js';
import { delay } from '../../../../src/nodes/original/state/delay.js';
import { join } from '../../../../src/nodes/original/state/join.js';
import { parallel } from '../../../../src/nodes/original/state/parallel.js';
import { split } from '../../../../src/nodes/original/state/split.js';
import { failure } from '../../../helpers/failure.js';
import { makeTestContext } from '../../../helpers/node-context.js';
import { run } from '../helpers.js';

describe('original/parallel', () => {
  it('collects the branch results in input order with the concurrency', async () => {
    expect(await run(parallel, { inputs: [1, { b: 2 }] })).toEqual({
      results: [1, { b: 2 }],
      count: 2,
      concurrency: 10,
    });
    expect(await run(parallel, { max_concurrency: 3, inputs: ['x'] })).toEqual({
      results: ['x'],
      count: 1,
      concurrency: 3,
    });
  });
  it('needs an input', async () => {
    expect((await failure(run(parallel, {}))).message).toBe('parallel node requires at least one input');
  });
});

describe('original/join', () => {
  it.each<[string | undefined, unknown]>([
    [undefined, { strategy: 'all', values: ['a', 'b'], count: 2 }],
    ['all', { strategy: 'all', values: ['a', 'b'], count: 2 }],
    ['any', { strategy: 'any', value: 'a', count: 2 }],
    ['first', { strategy: 'first', value: 'a' }],
  ])('%s', async (strategy, expected) => {
    expect(await run(join, { ...(strategy ? { join_strategy: strategy } : {}), inputs: ['a', 'b'] })).toEqual(
      expected,
    );
  });
  it.each<[Record<string, unknown>, string]>([
    [{}, "join node with 'all' strategy requires at least one input"],
    [{ join_strategy: 'any' }, "join node with 'any' strategy has no inputs"],
    [{ join_strategy: 'first' }, "join node with 'first' strategy has no inputs"],
    [{ join_strategy: 'race', inputs: [1] }, 'unsupported join strategy: race (use all, any, or first)'],
  ])('%j fails: %s', async (options, message) => {
    expect((await failure(run(join, options))).message).toBe(message);
  });
});

describe('original/split', () => {
  it('copies the input to every path; no paths → path1, path2', async () => {
    expect(await run(split, { paths: ['a', 'b', 'c'], inputs: [{ id: 7 }, 'x'] })).toEqual({
      value: { id: 7 },
      paths: ['a', 'b', 'c'],
      outputs: { a: { id: 7 }, b: { id: 7 }, c: { id: 7 } },
    });
    expect(await run(split, { inputs: ['x'] })).toMatchObject({ paths: ['path1', 'path2'] });
    expect(await run(split, { paths: [], inputs: [1] })).toEqual({
      value: 1,
      paths: ['path1', 'path2'],
      outputs: { path1: 1, path2: 1 },
    });
  });
  it('needs an input', async () => {
    expect((await failure(run(split, { paths: ['a'] }))).message).toBe(
      'split node requires at least one input',
    );
  });
});

describe('original/delay', () => {
  function recording() {
    const slept: number[] = [];
    return {
      slept,
      ctx: makeTestContext({ overrides: { sleep: (ms) => (slept.push(ms), Promise.resolve()) } }),
    };
  }

  it.each<[string | number, number]>([
    ['1.5s', 1500],
    ['250ms', 250],
    ['20s', 20_000],
    ['300', 300],
    [40, 40],
  ])('waits %j = %d ms through ctx.sleep and passes the input on', async (duration, ms) => {
    const { slept, ctx } = recording();
    expect(await run(delay, { duration, inputs: ['v'] }, ctx)).toEqual({
      value: 'v',
      duration,
      delayed: true,
    });
    expect(slept).toEqual([ms]);
  });

  it('no input → value null; zero and negative durations do not sleep', async () => {
    const { slept, ctx } = recording();
    expect(await run(delay, { duration: '0s' }, ctx)).toEqual({ value: null, duration: '0s', delayed: true });
    await run(delay, { duration: '-1s' }, ctx);
    expect(slept).toEqual([]);
  });

  it('a wait longer than maxNodeExecutionTime (30s) fails at once: waits bound themselves', async () => {
    const { slept, ctx } = recording();
    const f = await failure(run(delay, { duration: '1m' }, ctx));
    expect(f.code).toBe('original.limit');
    expect(f.message).toBe(
      'delay of 1m0s exceeds the node execution time limit (30000 ms); raise original.limits.maxNodeExecutionTime in thaiyyal.config.yaml',
    );
    expect(slept).toEqual([]);
  });

  it('really waits with the real sleep', async () => {
    const t0 = performance.now();
    await run(delay, { duration: '20ms' });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(15);
  });

  it.each<[Record<string, unknown>, string]>([
    [{}, 'delay node requires duration field'],
    [
      { duration: 'soon' },
      "invalid duration format: invalid duration format: soon (use formats like '5s', '10m', '1h')",
    ],
    [
      { duration: '5 s' },
      "invalid duration format: invalid duration format: 5 s (use formats like '5s', '10m', '1h')",
    ],
  ])('%j fails: %s', async (options, message) => {
    expect((await failure(run(delay, options))).message).toBe(message);
  });
});

describe('original/cache', () => {
  function clocked(limits: Partial<typeof DEFAULT_CONFIG.original.limits> = {}) {
    const clock = { t: 1_000_000 };
    const ctx = makeTestContext({
      overrides: { now: () => clock.t },
      config: { original: { limits: { ...DEFAULT_CONFIG.original.limits, ...limits } } },
    });
    return { clock, ctx };
  }

  it('set then get; a miss is found: false', async () => {
    const { ctx } = clocked();
    expect(
      await run(cache, { cache_op: 'set', cache_key: 'u', ttl: '1m', inputs: [{ id: 7 }] }, ctx),
    ).toEqual({
      operation: 'set',
      key: 'u',
      value: { id: 7 },
      ttl: '1m',
    });
    expect(await run(cache, { cache_op: 'get', cache_key: 'u' }, ctx)).toEqual({
      operation: 'get',
      key: 'u',
      found: true,
      value: { id: 7 },
    });
    expect(await run(cache, { cache_op: 'get', cache_key: 'other' }, ctx)).toEqual({
      operation: 'get',
      key: 'other',
      found: false,
      value: null,
    });
  });

  it('expires after the TTL; the default TTL is 5 minutes (ttl: null in the result)', async () => {
    const { clock, ctx } = clocked();
    expect(await run(cache, { cache_op: 'set', cache_key: 'a', inputs: [1] }, ctx)).toMatchObject({
      ttl: null,
    });
    await run(cache, { cache_op: 'set', cache_key: 'b', ttl: '1500', inputs: [2] }, ctx);
    clock.t += 1500;
    expect(await run(cache, { cache_op: 'get', cache_key: 'b' }, ctx)).toMatchObject({
      found: true,
      value: 2,
    });
    clock.t += 1;
    expect(await run(cache, { cache_op: 'get', cache_key: 'b' }, ctx)).toMatchObject({
      found: false,
      value: null,
    });
    clock.t += 5 * 60_000 - 1501;
    expect(await run(cache, { cache_op: 'get', cache_key: 'a' }, ctx)).toMatchObject({ found: true });
    clock.t += 1;
    expect(await run(cache, { cache_op: 'get', cache_key: 'a' }, ctx)).toMatchObject({ found: false });
  });

  it('delete really deletes (fix) and says whether an entry was there', async () => {
    const { ctx } = clocked();
    await run(cache, { cache_op: 'set', cache_key: 'k', inputs: ['v'] }, ctx);
    expect(await run(cache, { cache_op: 'delete', cache_key: 'k' }, ctx)).toEqual({
      operation: 'delete',
      key: 'k',
      deleted: true,
    });
    expect(await run(cache, { cache_op: 'get', cache_key: 'k' }, ctx)).toMatchObject({ found: false });
    expect(await run(cache, { cache_op: 'delete', cache_key: 'k' }, ctx)).toMatchObject({ deleted: false });
  });

  it('is bounded by maxCacheSize with LRU eviction (a get refreshes an entry)', async () => {
    const { ctx } = clocked({ maxCacheSize: 2 });
    const set = (k: string) => run(cache, { cache_op: 'set', cache_key: k, inputs: [k] }, ctx);
    const get = (k: string) => run(cache, { cache_op: 'get', cache_key: k }, ctx);
    await set('a');
    await set('b');
    await get('a'); // a is now the most recently used
    await set('c'); // evicts b
    expect(await get('b')).toMatchObject({ found: false });
    expect(await get('a')).toMatchObject({ found: true, value: 'a' });
    expect(await get('c')).toMatchObject({ found: true, value: 'c' });
  });

  it("a node's max_size bounds it further", async () => {
    const { ctx } = clocked();
    for (const k of ['a', 'b', 'c'])
      await run(cache, { cache_op: 'set', cache_key: k, max_size: 1, inputs: [k] }, ctx);
    expect(await run(cache, { cache_op: 'get', cache_key: 'b' }, ctx)).toMatchObject({ found: false });
    expect(await run(cache, { cache_op: 'get', cache_key: 'c' }, ctx)).toMatchObject({ found: true });
  });

  it.each<[Record<string, unknown>, string]>([
    [{ cache_key: 'k' }, 'cache node requires cache_op field'],
    [{ cache_op: 'get' }, 'cache node requires cache_key field'],
    [{ cache_op: 'set', cache_key: 'k' }, 'cache set operation requires an input value'],
    [
      { cache_op: 'set', cache_key: 'k', ttl: 'forever', inputs: [1] },
      "invalid TTL format: invalid duration format: forever (use formats like '5s', '10m', '1h')",
    ],
    [{ cache_op: 'clear', cache_key: 'k' }, 'unsupported cache operation: clear (use get, set, or delete)'],
  ])('%j fails: %s', async (options, message) => {
    expect((await failure(run(cache, options))).message).toBe(message);
  });
});

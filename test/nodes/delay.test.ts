import { describe, expect, it } from 'vitest';
import { delay } from '../../src/nodes/delay.js';
import { makeTestContext } from '../helpers/node-context.js';
import { parseDuration } from '../../src/nodes/shared/duration.js';

/** A context whose sleep records the requested time instead of waiting. */
function recordingContext() {
  const slept: number[] = [];
  const ctx = makeTestContext({ overrides: { sleep: (ms) => (slept.push(ms), Promise.resolve()) } });
  return { ctx, slept };
}

describe('parseDuration', () => {
  it.each<[string | number, number | undefined]>([
    [250, 250],
    [0, 0],
    ['250', 250],
    ['250ms', 250],
    ['2s', 2000],
    ['1.5s', 1500],
    ['1m', 60_000],
    ['1h30m', 5_400_000],
    [' 2s ', 2000],
    [-1, undefined],
    [Number.NaN, undefined],
    [Number.POSITIVE_INFINITY, undefined],
    ['', undefined],
    ['2 s', undefined],
    ['2d', undefined],
    ['-2s', undefined],
    ['s', undefined],
  ])('%j → %j', (input, expected) => {
    expect(parseDuration(input)).toBe(expected);
  });
});

describe('delay', () => {
  it.each<[number | string, number]>([
    [25, 25],
    ['25ms', 25],
    ['2s', 2000],
    [0, 0],
  ])('sleeps %j as %d ms through ctx.sleep', async (duration, ms) => {
    const { ctx, slept } = recordingContext();
    expect(await delay.execute({ duration }, ctx)).toEqual({ delayedMs: ms });
    expect(slept).toEqual([ms]);
  });

  it('really waits with the real context sleep', async () => {
    const started = performance.now();
    await delay.execute({ duration: '20ms' }, makeTestContext());
    // Lower bound only: the exact elapsed time is no business of a unit test.
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
  });

  it.each<[unknown, string]>([
    ['soon', 'delay.invalid-duration'],
    [-5, 'delay.invalid-duration'],
    [null, 'delay.invalid-duration'],
    [{ ms: 1 }, 'delay.invalid-duration'],
    ['30d', 'delay.invalid-duration'],
    [3_000_000_000, 'delay.too-long'],
  ])('rejects %j with %s without sleeping', async (duration, code) => {
    const { ctx, slept } = recordingContext();
    await expect(delay.execute({ duration: duration as number }, ctx)).rejects.toMatchObject({ code });
    expect(slept).toEqual([]);
  });

  it('is cancelled when the run aborts', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled by test');
    const ctx = makeTestContext({
      overrides: {
        signal: controller.signal,
        // The engine's sleep: rejects with the abort reason as soon as the signal fires.
        sleep: (ms) =>
          new Promise<void>((resolve, reject) => {
            const t = setTimeout(resolve, ms);
            controller.signal.addEventListener(
              'abort',
              () => (clearTimeout(t), reject(controller.signal.reason)),
              { once: true },
            );
          }),
      },
    });
    const started = performance.now();
    const pending = delay.execute({ duration: '1m' }, ctx);
    setTimeout(() => controller.abort(reason), 10);
    await expect(pending).rejects.toBe(reason);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

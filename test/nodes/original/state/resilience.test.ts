/** retry, try_catch, timeout, rate_limiter, throttle and schema_validator. */
import { describe, expect, it } from 'vitest';
import { rateLimiter } from '../../../../src/nodes/original/state/rate_limiter.js';
import { retry } from '../../../../src/nodes/original/state/retry.js';
import { schemaValidator } from '../../../../src/nodes/original/state/schema_validator.js';
import { throttle } from '../../../../src/nodes/original/state/throttle.js';
import { timeout } from '../../../../src/nodes/original/state/timeout.js';
import { tryCatch } from '../../../../src/nodes/original/state/try_catch.js';
import { failure } from '../../../helpers/failure.js';
import { makeTestContext } from '../../../helpers/node-context.js';
import { run } from '../helpers.js';

const failedUp = (message: string, code = 'http.status', attempts = 3) => ({
  output: null,
  status: 'failed',
  attempts,
  error: { code, message },
});

describe('original/retry', () => {
  it('upstream succeeded → {value, attempts (the engine’s tries), success: true}', async () => {
    expect(
      await run(retry, {
        inputs: [{ ok: true }],
        upstream: { output: { ok: true }, status: 'succeeded', attempts: 2 },
      }),
    ).toEqual({ value: { ok: true }, attempts: 2, success: true });
    // Without upstream (hand-written): the original's pass-through.
    expect(await run(retry, { inputs: [5] })).toEqual({ value: 5, attempts: 1, success: true });
  });

  it('upstream failed after its tries → the original error after the last attempt', async () => {
    const f = await failure(
      run(retry, { max_attempts: 3, inputs: [null], upstream: failedUp('GET x answered 503') }),
    );
    expect(f.code).toBe('original.retry-exhausted');
    expect(f.message).toBe('max retry attempts (3) reached: GET x answered 503');
  });

  it('retry_on_errors: a final error matching none is "not in retry list"', async () => {
    const up = failedUp('connection refused', 'http.network', 1);
    expect(
      (await failure(run(retry, { retry_on_errors: ['503', 'timeout'], inputs: [null], upstream: up })))
        .message,
    ).toBe('error not in retry list: connection refused');
    expect(
      (await failure(run(retry, { retry_on_errors: ['refused'], inputs: [null], upstream: up }))).message,
    ).toBe('max retry attempts (1) reached: connection refused');
  });

  it('an error-map input fails like the original, without sleeping', async () => {
    const slept: number[] = [];
    const ctx = makeTestContext({ overrides: { sleep: (ms) => (slept.push(ms), Promise.resolve()) } });
    const f = await failure(run(retry, { max_attempts: 4, inputs: [{ error: 'boom' }] }, ctx));
    expect(f.message).toBe('max retry attempts (4) reached: boom');
    expect(slept).toEqual([]);
    expect((await failure(run(retry, { inputs: [{ error: 7 }] }))).message).toBe(
      'max retry attempts (3) reached: ',
    );
  });

  it('needs an input', async () => {
    expect((await failure(run(retry, {}))).message).toBe('retry node requires at least one input');
  });
});

describe('original/try_catch', () => {
  it('no error → {value, error_caught: false}', async () => {
    expect(await run(tryCatch, { fallback_value: 0, inputs: [{ a: 1 }] })).toEqual({
      value: { a: 1 },
      error_caught: false,
    });
    expect(
      await run(tryCatch, { inputs: [3], upstream: { output: 3, status: 'succeeded', attempts: 1 } }),
    ).toEqual({ value: 3, error_caught: false });
  });

  it('upstream failed → fallback, with the message and error_output_path', async () => {
    expect(
      await run(tryCatch, {
        fallback_value: { default: true },
        error_output_path: 'errors',
        inputs: [null],
        upstream: failedUp('boom'),
      }),
    ).toEqual({
      value: { default: true },
      error_caught: true,
      error_message: 'boom',
      error_output_path: 'errors',
    });
    expect(await run(tryCatch, { inputs: [null], upstream: failedUp('x') })).toEqual({
      value: null,
      error_caught: true,
      error_message: 'x',
    });
  });

  it('an error-map input is caught too (non-string errors formatted %v)', async () => {
    expect(await run(tryCatch, { fallback_value: 'fb', inputs: [{ error: { code: 5 } }] })).toEqual({
      value: 'fb',
      error_caught: true,
      error_message: 'map[code:5]',
    });
  });

  it('continue_on_error: false fails with "error caught: …"', async () => {
    const f = await failure(
      run(tryCatch, { continue_on_error: false, inputs: [null], upstream: failedUp('boom') }),
    );
    expect(f.code).toBe('original.error-caught');
    expect(f.message).toBe('error caught: boom');
  });

  it('needs an input', async () => {
    expect((await failure(run(tryCatch, {}))).message).toBe('try-catch node requires at least one input');
  });
});

describe('original/timeout', () => {
  it('upstream finished in time → timed_out false', async () => {
    expect(
      await run(timeout, {
        timeout_duration: '2s',
        inputs: ['v'],
        upstream: { output: 'v', status: 'succeeded', attempts: 1 },
      }),
    ).toEqual({ value: 'v', timeout_duration: '2s', execution_time: '0s', timed_out: false });
  });

  it('upstream timed out → an error by default', async () => {
    const f = await failure(
      run(timeout, {
        timeout_duration: '1500ms',
        inputs: [null],
        upstream: failedUp('timed out', 'timeout', 1),
      }),
    );
    expect(f.code).toBe('original.timeout');
    expect(f.message).toBe('operation timed out after 1.5s (limit: 1.5s)');
  });

  it('upstream timed out with continue_with_partial → flagged result', async () => {
    expect(
      await run(timeout, {
        timeout_duration: '90s',
        timeout_action: 'continue_with_partial',
        inputs: [null],
        upstream: failedUp('timed out', 'timeout', 1),
      }),
    ).toEqual({
      value: null,
      timeout_duration: '1m30s',
      execution_time: '1m30s',
      timed_out: true,
      timeout_exceeded: true,
      partial_result: true,
    });
  });

  it('upstream failed otherwise → that failure', async () => {
    const f = await failure(
      run(timeout, { timeout_duration: '1s', inputs: [null], upstream: failedUp('GET x answered 500') }),
    );
    expect(f.code).toBe('http.status');
    expect(f.message).toBe('GET x answered 500');
  });

  it('the original check of input.execution_time still applies', async () => {
    expect(await run(timeout, { timeout_duration: '1s', inputs: [{ execution_time: '500ms' }] })).toEqual({
      value: { execution_time: '500ms' },
      timeout_duration: '1s',
      execution_time: '500ms',
      timed_out: false,
    });
    const f = await failure(run(timeout, { timeout_duration: '1s', inputs: [{ execution_time: '2m' }] }));
    expect(f.message).toBe('operation timed out after 2m0s (limit: 1s)');
  });

  it.each<[Record<string, unknown>, string]>([
    [{ timeout_duration: 'soon', inputs: [1] }, 'invalid timeout duration: soon'],
    [{ timeout_duration: '1s' }, 'timeout node requires at least one input'],
  ])('%j fails: %s', async (options, message) => {
    expect((await failure(run(timeout, options))).message).toBe(message);
  });
});

/** A context with a manual clock whose sleep advances it. */
function clockedContext() {
  const clock = { t: 10_000 };
  const slept: number[] = [];
  const ctx = makeTestContext({
    overrides: {
      now: () => clock.t,
      sleep: (ms) => {
        slept.push(ms);
        clock.t += ms;
        return Promise.resolve();
      },
    },
  });
  return { clock, slept, ctx };
}

describe('original/rate_limiter', () => {
  it('lets max_requests through per window, then waits for the oldest to leave', async () => {
    const { slept, ctx } = clockedContext();
    const pass = () => run(rateLimiter, { max_requests: 2, per_duration: '1s', inputs: ['v'] }, ctx);
    expect(await pass()).toEqual({
      value: 'v',
      rate_limited: true,
      requests_count: 1,
      max_requests: 2,
      window: '1s',
    });
    expect(await pass()).toMatchObject({ requests_count: 2 });
    // Waits until the first two leave the window; then it is the only one in it.
    expect(await pass()).toMatchObject({ requests_count: 1 });
    expect(slept).toEqual([1000]);
  });

  it('concurrent passes (foreach items) queue up instead of all passing', async () => {
    const { ctx } = clockedContext();
    const sleeps: number[] = [];
    const parallelCtx = { ...ctx, sleep: (ms: number) => (sleeps.push(ms), Promise.resolve()) };
    await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        run(rateLimiter, { max_requests: 2, per_duration: '100ms', inputs: [i] }, parallelCtx),
      ),
    );
    expect(sleeps).toEqual([100, 100, 200]);
  });

  it('windows are per run: a fresh run starts empty', async () => {
    const a = clockedContext();
    await run(rateLimiter, { max_requests: 1, inputs: [] }, a.ctx);
    const b = clockedContext();
    await run(rateLimiter, { max_requests: 1, inputs: [] }, b.ctx);
    expect(b.slept).toEqual([]);
  });

  it('no input → value null; defaults 10 per 1s', async () => {
    expect(await run(rateLimiter, {})).toEqual({
      value: null,
      rate_limited: true,
      requests_count: 1,
      max_requests: 10,
      window: '1s',
    });
  });

  it.each<[Record<string, unknown>, string]>([
    [
      { per_duration: 'hourly' },
      "invalid per_duration format: invalid duration format: hourly (use formats like '5s', '10m', '1h')",
    ],
    [
      { strategy: 'token_bucket' },
      'unsupported rate limit strategy: token_bucket (only fixed_window supported)',
    ],
    [{ max_requests: 0 }, 'max_requests must be positive'],
  ])('%j fails: %s', async (options, message) => {
    expect((await failure(run(rateLimiter, options))).message).toBe(message);
  });
});

describe('original/throttle', () => {
  it('keeps 1/rps between passes of the node', async () => {
    const { clock, slept, ctx } = clockedContext();
    const pass = () => run(throttle, { requests_per_second: 4, inputs: ['v'] }, ctx);
    expect(await pass()).toEqual({ value: 'v', throttled: true, requests_per_second: 4, delay_ms: 0 });
    clock.t += 100;
    expect(await pass()).toMatchObject({ delay_ms: 150 });
    clock.t += 1000;
    expect(await pass()).toMatchObject({ delay_ms: 0 });
    expect(slept).toEqual([150]);
  });

  it('default 5 per second; bad rates fail like the original', async () => {
    expect(await run(throttle, {})).toEqual({
      value: null,
      throttled: true,
      requests_per_second: 5,
      delay_ms: 0,
    });
    expect((await failure(run(throttle, { requests_per_second: 0 }))).message).toBe(
      'requests_per_second must be positive, got 0.000000',
    );
    expect((await failure(run(throttle, { requests_per_second: -2.5 }))).message).toBe(
      'requests_per_second must be positive, got -2.500000',
    );
  });
});

describe('original/schema_validator', () => {
  const schema = {
    type: 'object',
    properties: {
      name: { type: 'string', minLength: 1 },
      age: { type: 'number', minimum: 0, maximum: 150 },
      email: { type: 'string', pattern: '^[^@]+@[^@]+$' },
      tags: { type: 'array', items: { type: 'string' } },
    },
    required: ['name', 'email'],
  };

  it('valid → {valid: true, data}', async () => {
    const input = { name: 'Ada', email: 'ada@example.com', age: 36 };
    expect(await run(schemaValidator, { schema, inputs: [input] })).toEqual({ valid: true, data: input });
  });

  it('invalid → {valid: false, data, errors} shaped like gojsonschema', async () => {
    const input = { age: 200, email: 'nope', tags: ['a', 3] };
    const r = (await run(schemaValidator, { schema, inputs: [input] })) as {
      valid: boolean;
      errors: unknown[];
    };
    expect(r.valid).toBe(false);
    expect(r).toMatchObject({ data: input });
    expect(r.errors).toEqual(
      expect.arrayContaining([
        { field: '(root)', type: 'required', description: 'name is required', value: input },
        { field: 'age', type: 'number_lte', description: 'Must be less than or equal to 150', value: 200 },
        {
          field: 'email',
          type: 'pattern',
          description: "Does not match pattern '^[^@]+@[^@]+$'",
          value: 'nope',
        },
        {
          field: 'tags.1',
          type: 'invalid_type',
          description: 'Invalid type. Expected: string, given: integer',
          value: 3,
        },
      ]),
    );
    expect(r.errors).toHaveLength(4);
  });

  it('strict fails with the count', async () => {
    const f = await failure(run(schemaValidator, { schema, strict: true, inputs: [{}] }));
    expect(f.code).toBe('original.validation-failed');
    expect(f.message).toBe('validation failed: 2 errors found');
  });

  it.each<[Record<string, unknown>, string]>([
    [{ schema }, 'no input provided for validation'],
    [{ schema, inputs: [null] }, 'no input provided for validation'],
    [{ inputs: [1] }, 'schema not provided'],
    [{ schema: { type: 'wat' }, inputs: [1] }, 'schema validation failed: '],
  ])('%j fails starting %j', async (options, message) => {
    expect((await failure(run(schemaValidator, options))).message.startsWith(message)).toBe(true);
  });
});

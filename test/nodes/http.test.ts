import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createHttpClient, type ClosableHttpClient } from '../../src/adapters/http.js';
import { DEFAULT_CONFIG } from '../../src/core/config.js';
import { buildHttpRequest, http, httpEffect, type HttpOptions } from '../../src/nodes/http.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { makeTestContext } from '../helpers/node-context.js';
import { failure } from '../helpers/failure.js';

let server: TestServer;
let client: ClosableHttpClient;

beforeAll(async () => {
  server = await startTestServer();
  client = createHttpClient({ ...DEFAULT_CONFIG.http, allow: ['127.0.0.1', 'localhost'] });
});
afterAll(async () => {
  await client.close();
  await server.close();
});

function run(options: HttpOptions, config = {}) {
  const ctx = makeTestContext({
    overrides: { http: client },
    config: { http: { ...DEFAULT_CONFIG.http, allow: ['127.0.0.1'], ...config } },
  });
  return http.execute(options, ctx) as Promise<{
    status: number;
    headers: Record<string, string>;
    body: unknown;
    url: string;
    truncated: boolean;
  }>;
}

type Echo = {
  method: string;
  url: string;
  query: Record<string, unknown>;
  headers: Record<string, string>;
  body: string;
};

describe('http node', () => {
  it('GETs JSON and returns {status, headers, body, url, truncated}', async () => {
    const out = await run({ url: `${server.url}/json` });
    expect(out).toMatchObject({
      status: 200,
      body: { hello: 'world' },
      url: `${server.url}/json`,
      truncated: false,
    });
    expect(out.headers['content-type']).toContain('application/json');
  });

  it('encodes query maps (arrays repeat, null is left out) after existing parameters', async () => {
    const out = await run({
      url: `${server.url}/echo?keep=1`,
      query: { q: 'a b&c=d', n: 3, yes: true, tag: ['x', 'y/z'], none: null, ü: 'ö' },
    });
    const echo = out.body as Echo;
    expect(echo.query).toEqual({ keep: '1', q: 'a b&c=d', n: '3', yes: 'true', tag: ['x', 'y/z'], ü: 'ö' });
    expect(echo.url).toContain('q=a+b%26c%3Dd');
  });

  it('sends json bodies with a JSON content type', async () => {
    const echo = (await run({ url: `${server.url}/echo`, method: 'POST', json: { a: [1, 2], b: null } }))
      .body as Echo;
    expect(echo.method).toBe('POST');
    expect(echo.headers['content-type']).toBe('application/json');
    expect(JSON.parse(echo.body)).toEqual({ a: [1, 2], b: null });
  });

  it('sends form bodies url-encoded', async () => {
    const echo = (
      await run({ url: `${server.url}/echo`, method: 'PUT', form: { name: 'a b', list: [1, 2], skip: null } })
    ).body as Echo;
    expect(echo.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(echo.body).toBe('name=a+b&list=1&list=2');
  });

  it('sends text bodies, keeping an explicit content type', async () => {
    const echo = (
      await run({
        url: `${server.url}/echo`,
        method: 'PATCH',
        body: '<x/>',
        headers: { 'Content-Type': 'application/xml' },
      })
    ).body as Echo;
    expect(echo.body).toBe('<x/>');
    expect(echo.headers['content-type']).toBe('application/xml');
  });

  it.each<[NonNullable<HttpOptions['auth']>, string, string]>([
    [{ bearer: 't0ken' }, 'authorization', 'Bearer t0ken'],
    [
      { basic: { username: 'ann', password: 'p:w' } },
      'authorization',
      `Basic ${Buffer.from('ann:p:w').toString('base64')}`,
    ],
    [{ header: 'X-Api-Key', value: 'k3y' }, 'x-api-key', 'k3y'],
  ])('auth %j sets %s', async (auth, header, value) => {
    const echo = (await run({ url: `${server.url}/echo`, auth })).body as Echo;
    expect(echo.headers[header]).toBe(value);
  });

  it('custom auth headers are dropped on cross-origin redirects', async () => {
    const target = encodeURIComponent(`http://localhost:${server.port}/echo`);
    const echo = (
      await run({
        url: `${server.url}/redirect-to?url=${target}`,
        auth: { header: 'X-Api-Key', value: 'k3y' },
      })
    ).body as Echo;
    expect(echo.headers['x-api-key']).toBeUndefined();
  });

  it('fails on status >= 400 with http.status, the status and a body excerpt', async () => {
    const f = await failure(run({ url: `${server.url}/status/404` }));
    expect(f.code).toBe('http.status');
    expect(f.retryable).toBe(false);
    expect(f.message).toContain('404');
    expect(f.message).toContain('status 404');
    expect(f.details).toMatchObject({ status: 404 });
  });

  it.each([408, 429, 500, 502, 503])('status %i is retryable', async (status) => {
    const f = await failure(run({ url: `${server.url}/status/${status}` }));
    expect(f.retryable).toBe(true);
  });

  it('reads Retry-After into details.retryAfterMs', async () => {
    const f = await failure(run({ url: `${server.url}/status/429?retryAfter=7` }));
    expect(f.details).toMatchObject({ status: 429, retryAfterMs: 7000 });
  });

  it('failOnStatus: false returns the response', async () => {
    const out = await run({ url: `${server.url}/status/500?json=1`, failOnStatus: false });
    expect(out).toMatchObject({ status: 500, body: { error: 'status 500' } });
  });

  it('a flaky endpoint fails retryably, then succeeds on the next attempt', async () => {
    const url = `${server.url}/flaky?key=node-test&fail=1`;
    expect((await failure(run({ url }))).retryable).toBe(true);
    expect((await run({ url })).body).toEqual({ ok: true, attempts: 2 });
  });

  it('requestTimeout aborts a slow request', async () => {
    const f = await failure(run({ url: `${server.url}/slow?ms=10000`, requestTimeout: '150ms' }));
    expect(f.code).toBe('http.timeout');
    expect(f.retryable).toBe(true);
  });

  it('the config timeout applies when requestTimeout is not set', async () => {
    const f = await failure(run({ url: `${server.url}/slow?ms=10000` }, { timeoutMs: 150 }));
    expect(f.code).toBe('http.timeout');
  });

  it('maxResponseBytes cuts the body; above the project ceiling is refused', async () => {
    const out = await run({ url: `${server.url}/huge?bytes=100000`, maxResponseBytes: 10 });
    expect(out).toMatchObject({ truncated: true, body: 'aaaaaaaaaa' });
    const f = await failure(
      run({ url: `${server.url}/json`, maxResponseBytes: 2000 }, { maxResponseBytes: 1000 }),
    );
    expect(f.code).toBe('invalid-options');
    expect(f.message).toContain('http.maxResponseBytes');
  });

  it('maxRedirects is enforced', async () => {
    const f = await failure(run({ url: `${server.url}/redirect?n=3`, maxRedirects: 2 }));
    expect(f.code).toBe('http.too-many-redirects');
  });

  it('is SSRF-safe through the node too', async () => {
    const strict = createHttpClient({ ...DEFAULT_CONFIG.http, allow: [] });
    try {
      const ctx = makeTestContext({ overrides: { http: strict } });
      const f = await failure(Promise.resolve(http.execute({ url: `${server.url}/json` }, ctx)));
      expect(f.code).toBe('http.blocked');
    } finally {
      await strict.close();
    }
  });

  it('ctx.signal cancels', async () => {
    const controller = new AbortController();
    const ctx = makeTestContext({ overrides: { http: client, signal: controller.signal } });
    setTimeout(() => controller.abort(), 100);
    const f = await failure(Promise.resolve(http.execute({ url: `${server.url}/slow?ms=10000` }, ctx)));
    expect(f.code).toBe('http.cancelled');
  });
});

describe('buildHttpRequest validation', () => {
  const limits = DEFAULT_CONFIG.http;
  it.each<[string, HttpOptions, string]>([
    [
      'two bodies',
      { url: 'http://x/', method: 'POST', json: 1, body: 'x' },
      'only one of json, body or form',
    ],
    ['a GET body', { url: 'http://x/', json: { a: 1 } }, 'GET request cannot have a body'],
    ['a bad method', { url: 'http://x/', method: 'TRACE' as never }, 'method must be one of'],
    ['a bad timeout', { url: 'http://x/', requestTimeout: 'soon' }, 'requestTimeout'],
    [
      'two auth kinds',
      { url: 'http://x/', auth: { bearer: 'a', basic: { username: 'u', password: 'p' } } as never },
      'exactly one',
    ],
    ['an object query value', { url: 'http://x/', query: { a: { b: 1 } as never } }, 'query.a'],
  ])('refuses %s', (_name, options, message) => {
    expect(() => buildHttpRequest(options, limits)).toThrow(message);
  });

  it('a malformed URL is http.invalid-url', () => {
    expect(() => buildHttpRequest({ url: 'nope' }, limits)).toThrowError(
      expect.objectContaining({ code: 'http.invalid-url' }) as Error,
    );
  });

  it('marks auth headers as sensitive and applies defaults', () => {
    const req = buildHttpRequest(
      { url: 'https://api.example.com/x', auth: { header: 'X-Key', value: 'v' } },
      limits,
    );
    expect(req).toMatchObject({
      method: 'GET',
      timeoutMs: limits.timeoutMs,
      maxResponseBytes: limits.maxResponseBytes,
      maxRedirects: limits.maxRedirects,
      responseType: 'auto',
      sensitiveHeaders: ['x-key'],
    });
    expect(req.headers['x-key']).toBe('v');
  });
});

describe('httpEffect', () => {
  it.each([
    ['GET', 'read'],
    ['head', 'read'],
    ['OPTIONS', 'read'],
    [undefined, 'read'],
    ['POST', 'write'],
    ['DELETE', 'write'],
  ])('%s is %s', (method, effect) => {
    expect(httpEffect(method)).toBe(effect);
  });
});

describe('http optionsSchema', () => {
  const validate = new Ajv2020({ strict: true, allErrors: true }).compile(http.optionsSchema);

  it('compiles in strict mode and accepts the example', () => {
    const [node] = Object.values(parseYaml(http.example) as Record<string, Record<string, unknown>>);
    const { type, ...options } = node ?? {};
    expect(type).toBe('http');
    validate(options);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('rejects invalid options', () => {
    expect(validate({ url: 'http://x/', json: 1, body: 'x' })).toBe(false);
    expect(validate({ ...{ url: 'http://x/', json: 1, body: 'x' }, unknownOption: 1 })).toBe(false);
  });

  it('describes every property (editor tooltips)', () => {
    const properties = http.optionsSchema.properties as Record<string, { description?: string }>;
    for (const [name, schema] of Object.entries(properties)) expect(schema.description, name).toBeTruthy();
  });
});

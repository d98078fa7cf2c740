/**
 * original/http against a real HTTP server on 127.0.0.1, through the real SSRF-safe adapter.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, type ClosableHttpClient } from '../../../../src/adapters/http.js';
import { DEFAULT_CONFIG, type ProjectConfig } from '../../../../src/core/config.js';
import { decodeBody, http } from '../../../../src/nodes/original/core/http.js';
import { failure } from '../../../helpers/failure.js';
import { makeTestContext } from '../../../helpers/node-context.js';
import { run } from '../helpers.js';

let server: Server;
let base: string;
let client: ClosableHttpClient;
const seen: { method: string; url: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '' });
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    switch (req.url) {
      case '/json':
        return send(200, 'application/json', '{"n": 12345678901, "list": [1, 2.5], "ok": true}');
      case '/looks-json':
        return send(200, 'text/plain', '  [1, 2]');
      case '/text':
        return send(200, 'text/plain', 'hello');
      case '/broken':
        return send(200, 'text/plain', '{not json');
      case '/created':
        return send(201, 'text/plain', 'made');
      case '/missing':
        return send(404, 'text/plain', 'nope');
      case '/boom':
        return send(503, 'text/plain', 'later');
      case '/big':
        return send(200, 'text/plain', 'x'.repeat(2048));
      default:
        return send(500, 'text/plain', 'unexpected');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = createHttpClient({ ...DEFAULT_CONFIG.http, allow: ['127.0.0.1'] });
});
afterAll(async () => {
  await client.close();
  await new Promise((resolve) => server.close(resolve));
});

function ctxWith(config: Partial<ProjectConfig> = {}, httpClient: ClosableHttpClient = client) {
  return makeTestContext({
    overrides: { http: httpClient },
    config: { http: { ...DEFAULT_CONFIG.http, allow: ['127.0.0.1'] }, ...config },
  });
}

describe('original/http', () => {
  it('GETs a JSON body and parses it', async () => {
    expect(await run(http, { url: `${base}/json` }, ctxWith())).toEqual({
      n: 12345678901,
      list: [1, 2.5],
      ok: true,
    });
    expect(seen.at(-1)).toEqual({ method: 'GET', url: '/json' });
  });

  it('parses a body that starts with { or [ whatever the content type', async () => {
    expect(await run(http, { url: `${base}/looks-json` }, ctxWith())).toEqual([1, 2]);
  });

  it('returns other bodies as text (also a { body that is not valid JSON)', async () => {
    expect(await run(http, { url: `${base}/text` }, ctxWith())).toBe('hello');
    expect(await run(http, { url: `${base}/broken` }, ctxWith())).toBe('{not json');
    expect(await run(http, { url: `${base}/created` }, ctxWith())).toBe('made');
  });

  it('fails on a non-2xx status with the original message', async () => {
    const f = await failure(run(http, { url: `${base}/missing` }, ctxWith()));
    expect(f.code).toBe('original.http-status');
    expect(f.message).toBe('HTTP request returned error status: 404');
    expect(f.retryable).toBe(false);
    const g = await failure(run(http, { url: `${base}/boom` }, ctxWith()));
    expect(g.message).toBe('HTTP request returned error status: 503');
    expect(g.retryable).toBe(true);
  });

  it('fails when the body exceeds original.limits.maxResponseSize', async () => {
    const limits = { ...DEFAULT_CONFIG.original.limits, maxResponseSize: 1024 };
    const f = await failure(run(http, { url: `${base}/big` }, ctxWith({ original: { limits } })));
    expect(f.code).toBe('original.limit');
    expect(f.message).toBe(
      'response too large (exceeds 1024 bytes limit); raise original.limits.maxResponseSize in thaiyyal.config.yaml',
    );
    // A smaller cap of the project http config names that setting instead.
    const g = await failure(
      run(
        http,
        { url: `${base}/big` },
        ctxWith({ http: { ...DEFAULT_CONFIG.http, allow: ['127.0.0.1'], maxResponseBytes: 100 } }),
      ),
    );
    expect(g.code).toBe('original.response-too-large');
    expect(g.message).toBe(
      'response too large (exceeds 100 bytes limit); raise http.maxResponseBytes in thaiyyal.config.yaml',
    );
  });

  it('counts calls against maxHttpCallsPerExec', async () => {
    const limits = { ...DEFAULT_CONFIG.original.limits, maxHttpCallsPerExec: 1 };
    const ctx = ctxWith({ original: { limits } });
    expect(await run(http, { url: `${base}/text` }, ctx)).toBe('hello');
    const f = await failure(run(http, { url: `${base}/text` }, ctx));
    expect(f.code).toBe('original.limit');
    expect(f.message).toMatch(
      /^maximum HTTP calls per execution exceeded: 2 \(limit: 1\); raise original.limits.maxHttpCallsPerExec/,
    );
  });

  it('is blocked by the SSRF rules unless the address is allowed', async () => {
    const strict = createHttpClient({ ...DEFAULT_CONFIG.http, allow: [] });
    try {
      const f = await failure(
        run(http, { url: `${base}/text` }, ctxWith({ http: DEFAULT_CONFIG.http }, strict)),
      );
      expect(f.code).toBe('http.blocked');
    } finally {
      await strict.close();
    }
  });

  it('logs that http_client_uid is ignored', async () => {
    const ctx = ctxWith();
    expect(await run(http, { url: `${base}/text`, http_client_uid: 'github' }, ctx)).toBe('hello');
    expect(ctx.logs).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: expect.stringMatching(/http_client_uid "github" is ignored/),
      }),
    );
  });

  it('rejects a bad URL', async () => {
    const f = await failure(run(http, { url: 'not a url' }, ctxWith()));
    expect(f.code).toBe('http.invalid-url');
  });
});

describe('decodeBody', () => {
  it.each<[string, string | undefined, unknown]>([
    ['{"a":1}', 'application/json; charset=utf-8', { a: 1 }],
    ['"s"', 'application/problem+json', 's'],
    ['"s"', 'text/plain', '"s"'],
    ['[1]', undefined, [1]],
    ['', 'application/json', ''],
  ])('%j (%s)', (text, type, expected) => {
    expect(decodeBody(text, type)).toEqual(expected);
  });
});

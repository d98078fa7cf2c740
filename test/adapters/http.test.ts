import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, type ClosableHttpClient } from '../../src/adapters/http.js';
import { DEFAULT_CONFIG } from '../../src/core/config.js';
import { NodeFailure, type HttpRequest } from '../../src/nodes/types.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { failure } from '../helpers/failure.js';

let server: TestServer;
const clients: ClosableHttpClient[] = [];

function client(allow: string[] = ['127.0.0.1']): ClosableHttpClient {
  const c = createHttpClient({ ...DEFAULT_CONFIG.http, allow });
  clients.push(c);
  return c;
}

function req(url: string, extra: Partial<HttpRequest> = {}): HttpRequest {
  return {
    method: 'GET',
    url,
    headers: {},
    timeoutMs: 5_000,
    maxResponseBytes: 1024 * 1024,
    maxRedirects: 5,
    responseType: 'auto',
    ...extra,
  };
}

const never = new AbortController().signal;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.close();
});

describe('SSRF protection', () => {
  it('blocks 127.0.0.1 without an allow entry and names how to allow it', async () => {
    const f = await failure(client([]).request(req(`${server.url}/json`), never));
    expect(f.code).toBe('http.blocked');
    expect(f.retryable).toBe(false);
    expect(f.message).toContain('127.0.0.1');
    expect(f.message).toContain('loopback');
    expect(f.message).toContain('http.allow in thaiyyal.config.yaml');
    expect(f.details).toMatchObject({ address: '127.0.0.1', reason: 'loopback' });
  });

  it('allows 127.0.0.1 when http.allow lists it', async () => {
    const res = await client(['127.0.0.1']).request(req(`${server.url}/json`), never);
    expect(res).toMatchObject({ status: 200, body: { hello: 'world' }, truncated: false });
    expect(res.headers['content-type']).toContain('application/json');
  });

  it('allows a CIDR range', async () => {
    const res = await client(['127.0.0.0/8']).request(req(`${server.url}/text`), never);
    expect(res.body).toBe('hello');
  });

  it('resolves localhost itself and blocks the loopback answer', async () => {
    const f = await failure(client([]).request(req(`http://localhost:${server.port}/json`), never));
    expect(f.code).toBe('http.blocked');
    expect(f.message).toMatch(/localhost resolves to (127\.0\.0\.1|::1)/);
    expect(f.message).toContain('add "localhost"');
  });

  it('allows localhost by host name', async () => {
    const res = await client(['localhost']).request(req(`http://localhost:${server.port}/json`), never);
    expect(res.status).toBe(200);
  });

  it('blocks a redirect from an allowed host to a blocked address', async () => {
    const target = encodeURIComponent(`http://127.0.0.1:${server.port}/json`);
    const f = await failure(
      client(['localhost']).request(req(`http://localhost:${server.port}/redirect-to?url=${target}`), never),
    );
    expect(f.code).toBe('http.blocked');
    expect(f.message).toContain('127.0.0.1');
  });

  it.each([
    ['metadata IPv4', 'http://169.254.169.254/latest/meta-data/', 'cloud metadata'],
    ['metadata IPv6', 'http://[fd00:ec2::254]/', 'cloud metadata'],
    ['IPv6 loopback', 'http://[::1]:9/', 'loopback'],
    ['IPv4-mapped loopback', 'http://[::ffff:127.0.0.1]:9/', 'loopback'],
    ['decimal loopback', 'http://2130706433:9/', 'loopback'],
    ['private', 'http://10.0.0.1/', 'private'],
    ['unspecified', 'http://0.0.0.0:9/', 'unspecified'],
  ])('blocks literal %s', async (_name, url, reason) => {
    const f = await failure(client([]).request(req(url), never));
    expect(f.code).toBe('http.blocked');
    expect(f.details).toMatchObject({ reason });
  });

  it('an allowed 127.0.0.1 also opens its IPv4-mapped and numeric spellings (same address)', async () => {
    const res = await client(['127.0.0.1']).request(req(`http://2130706433:${server.port}/json`), never);
    expect(res.status).toBe(200);
  });

  it('does not open metadata through a host-name allow entry', async () => {
    const f = await failure(
      client(['localhost', '*.example.com']).request(req('http://169.254.169.254/'), never),
    );
    expect(f.code).toBe('http.blocked');
  });

  it('treats an unresolvable name as http.dns, never as a pass', async () => {
    const f = await failure(client([]).request(req('http://nonexistent.invalid/'), never));
    expect(f.code).toBe('http.dns');
    expect(f.message).toContain('nonexistent.invalid');
  });
});

describe('URLs and schemes', () => {
  it.each([
    ['not a URL', 'not a url'],
    ['file scheme', 'file:///etc/passwd'],
    ['ftp scheme', 'ftp://example.com/x'],
    ['credentials in URL', 'http://user:pass@127.0.0.1/'],
  ])('rejects %s as http.invalid-url', async (_name, url) => {
    const f = await failure(client().request(req(url), never));
    expect(f.code).toBe('http.invalid-url');
    expect(f.message).not.toContain('pass@');
  });

  it('rejects a redirect to a non-http scheme', async () => {
    const f = await failure(client().request(req(`${server.url}/redirect-to?url=file:///etc/passwd`), never));
    expect(f.code).toBe('http.invalid-url');
  });
});

describe('timeouts and cancellation', () => {
  it('aborts a slow response at the timeout (retryable)', async () => {
    const started = Date.now();
    const f = await failure(client().request(req(`${server.url}/slow?ms=10000`, { timeoutMs: 200 }), never));
    expect(f.code).toBe('http.timeout');
    expect(f.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('the timeout covers the body too', async () => {
    const f = await failure(
      client().request(req(`${server.url}/slow-body?ms=10000`, { timeoutMs: 300 }), never),
    );
    expect(f.code).toBe('http.timeout');
  });

  it('cancels when the caller signal aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const f = await failure(client().request(req(`${server.url}/slow?ms=10000`), controller.signal));
    expect(f.code).toBe('http.cancelled');
    expect(f.retryable).toBe(false);
  });

  it('a connection refused is http.connect (retryable)', async () => {
    const closed = await startTestServer();
    await closed.close();
    const f = await failure(client().request(req(`${closed.url}/json`), never));
    expect(f.code).toBe('http.connect');
    expect(f.retryable).toBe(true);
  });
});

describe('bodies', () => {
  it('cuts the body at maxResponseBytes and says so', async () => {
    const res = await client().request(
      req(`${server.url}/huge?bytes=5000000`, { maxResponseBytes: 1000 }),
      never,
    );
    expect(res.truncated).toBe(true);
    expect(res.body).toBe('a'.repeat(1000));
  });

  it('keeps a body exactly at the cap untruncated', async () => {
    const res = await client().request(
      req(`${server.url}/huge?bytes=1000`, { maxResponseBytes: 1000 }),
      never,
    );
    expect(res.truncated).toBe(false);
    expect((res.body as string).length).toBe(1000);
  });

  it('refuses truncated JSON with a clear http.invalid-json', async () => {
    const f = await failure(
      client().request(req(`${server.url}/huge-json?bytes=5000`, { maxResponseBytes: 100 }), never),
    );
    expect(f.code).toBe('http.invalid-json');
    expect(f.message).toContain('maxResponseBytes');
  });

  it('invalid JSON labelled as JSON is http.invalid-json', async () => {
    const f = await failure(client().request(req(`${server.url}/bad-json`), never));
    expect(f.code).toBe('http.invalid-json');
  });

  it('responseType text keeps JSON as text; json parses regardless of content type', async () => {
    const c = client();
    expect((await c.request(req(`${server.url}/json`, { responseType: 'text' }), never)).body).toBe(
      '{"hello":"world"}',
    );
    const echoed = await c
      .request(req(`${server.url}/text`, { responseType: 'json' }), never)
      .catch((e: unknown) => e);
    expect((echoed as NodeFailure).code).toBe('http.invalid-json');
  });

  it('an empty JSON response is null; HEAD has no body', async () => {
    const c = client();
    expect((await c.request(req(`${server.url}/empty`, { responseType: 'json' }), never)).body).toBeNull();
    const head = await c.request(req(`${server.url}/json`, { method: 'HEAD' }), never);
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
  });

  it('sends the request body and headers', async () => {
    const res = await client().request(
      req(`${server.url}/echo?a=1`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Test': 'yes' },
        body: '{"x":1}',
      }),
      never,
    );
    expect(res.body).toMatchObject({
      method: 'POST',
      body: '{"x":1}',
      query: { a: '1' },
      headers: { 'content-type': 'application/json', 'x-test': 'yes' },
    });
  });
});

describe('redirects', () => {
  it('follows a chain within maxRedirects and reports the final URL', async () => {
    const res = await client().request(req(`${server.url}/redirect?n=3`), never);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ hello: 'world' });
    expect(res.url).toBe(`${server.url}/json`);
  });

  it('fails with http.too-many-redirects beyond maxRedirects', async () => {
    const f = await failure(client().request(req(`${server.url}/redirect?n=4`, { maxRedirects: 3 }), never));
    expect(f.code).toBe('http.too-many-redirects');
    expect(f.details).toEqual({ maxRedirects: 3 });
  });

  it('maxRedirects 0 fails on the first redirect', async () => {
    const f = await failure(client().request(req(`${server.url}/redirect?n=1`, { maxRedirects: 0 }), never));
    expect(f.code).toBe('http.too-many-redirects');
  });

  it('303 turns POST into GET without a body', async () => {
    const res = await client().request(
      req(`${server.url}/redirect-to?status=303&url=/echo`, {
        method: 'POST',
        body: 'payload',
        headers: { 'content-type': 'text/plain' },
      }),
      never,
    );
    expect(res.body).toMatchObject({ method: 'GET', body: '' });
    expect((res.body as { headers: Record<string, string> }).headers['content-type']).toBeUndefined();
  });

  it('307 keeps the method and body', async () => {
    const res = await client().request(
      req(`${server.url}/redirect-to?status=307&url=/echo`, { method: 'PUT', body: 'payload' }),
      never,
    );
    expect(res.body).toMatchObject({ method: 'PUT', body: 'payload' });
  });

  it('keeps credentials on same-origin redirects and drops them cross-origin', async () => {
    const c = createHttpClient({ ...DEFAULT_CONFIG.http, allow: ['127.0.0.1', 'localhost'] });
    clients.push(c);
    const headers = { Authorization: 'Bearer s3cret', Cookie: 'a=b', 'X-Api-Key': 'k', 'X-Other': 'o' };
    const same = await c.request(req(`${server.url}/redirect-to?url=/echo`, { headers }), never);
    expect((same.body as { headers: Record<string, string> }).headers).toMatchObject({
      authorization: 'Bearer s3cret',
      cookie: 'a=b',
    });

    const target = encodeURIComponent(`http://localhost:${server.port}/echo`);
    const cross = await c.request(
      {
        ...req(`${server.url}/redirect-to?url=${target}`, { headers }),
        sensitiveHeaders: ['x-api-key'],
      } as HttpRequest,
      never,
    );
    const seen = (cross.body as { headers: Record<string, string> }).headers;
    expect(seen.authorization).toBeUndefined();
    expect(seen.cookie).toBeUndefined();
    expect(seen['x-api-key']).toBeUndefined();
    expect(seen['x-other']).toBe('o');
  });
});

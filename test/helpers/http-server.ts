/**
 * A real `node:http` server on 127.0.0.1 (free port) with the routes the HTTP adapter and
 * node tests need. No mocks: requests go through real sockets.
 *
 * Routes (query parameters in brackets):
 * - `/json` → `{"hello":"world"}`; `/text` → `hello`; `/bad-json` → invalid JSON labelled JSON;
 *   `/empty` → 204
 * - `/slow` [ms] → waits before sending headers; `/slow-body` [ms] → headers now, body after ms
 * - `/huge` [bytes] → that many `a` bytes, streamed; `/huge-json` [bytes] → a JSON string that long
 * - `/redirect` [n, status] → redirects n times (to `/redirect?n=n-1`), then `/json`
 * - `/redirect-to` [url, status] → one redirect to `url`
 * - `/status/<code>` [retryAfter] → that status with body `status <code>` (JSON when `json=1`)
 * - `/flaky` [key, fail] → 503 the first `fail` times for `key`, then `{"ok":true,"attempts":n}`
 * - `/echo` → JSON `{method, url, path, query, headers, body}` of the request
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  url: string;
  port: number;
  /** Every request seen, in order (method + path with query). */
  requests: { method: string; url: string; headers: Record<string, string | string[] | undefined> }[];
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the server; call `close()` in `afterAll`. */
export async function startTestServer(): Promise<TestServer> {
  const flaky = new Map<string, number>();
  const requests: TestServer['requests'] = [];
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const q = url.searchParams;
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    const path = url.pathname;

    if (path === '/json') return sendJson(res, 200, { hello: 'world' });
    if (path === '/text') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end('hello');
    }
    if (path === '/bad-json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{nope');
    }
    if (path === '/empty') {
      res.writeHead(204);
      return res.end();
    }
    if (path === '/slow') {
      return later(Number(q.get('ms') ?? 5000), () => sendJson(res, 200, { slow: true }));
    }
    if (path === '/slow-body') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('start ');
      return later(Number(q.get('ms') ?? 5000), () => res.end('end'));
    }
    if (path === '/huge' || path === '/huge-json') {
      const total = Number(q.get('bytes') ?? 1_000_000);
      const json = path === '/huge-json';
      res.writeHead(200, { 'content-type': json ? 'application/json' : 'application/octet-stream' });
      let sent = 0;
      if (json) res.write('"');
      const chunk = Buffer.alloc(16 * 1024, 'a');
      const pump = () => {
        while (sent < total) {
          const piece = chunk.subarray(0, Math.min(chunk.length, total - sent));
          sent += piece.length;
          if (!res.write(piece)) return void res.once('drain', pump);
        }
        res.end(json ? '"' : undefined);
      };
      res.on('error', () => undefined);
      return pump();
    }
    if (path === '/redirect') {
      const n = Number(q.get('n') ?? 1);
      const status = Number(q.get('status') ?? 302);
      res.writeHead(status, { location: n > 1 ? `/redirect?n=${n - 1}&status=${status}` : '/json' });
      return res.end();
    }
    if (path === '/redirect-to') {
      res.writeHead(Number(q.get('status') ?? 302), { location: q.get('url') ?? '/json' });
      return res.end();
    }
    if (path.startsWith('/status/')) {
      const code = Number(path.slice('/status/'.length));
      const headers: Record<string, string> = {};
      const retryAfter = q.get('retryAfter');
      if (retryAfter !== null) headers['retry-after'] = retryAfter;
      if (q.get('json') === '1') return sendJson(res, code, { error: `status ${code}` });
      res.writeHead(code, { 'content-type': 'text/plain', ...headers });
      return res.end(`status ${code}`);
    }
    if (path === '/flaky') {
      const key = q.get('key') ?? 'default';
      const attempts = (flaky.get(key) ?? 0) + 1;
      flaky.set(key, attempts);
      if (attempts <= Number(q.get('fail') ?? 1)) {
        res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '1' });
        return res.end('try again');
      }
      return sendJson(res, 200, { ok: true, attempts });
    }
    if (path === '/echo') {
      void readBody(req).then((body) =>
        sendJson(res, 200, {
          method: req.method,
          url: req.url,
          path,
          query: Object.fromEntries(
            [...q.keys()].map((k) => [k, q.getAll(k).length > 1 ? q.getAll(k) : q.get(k)]),
          ),
          headers: req.headers,
          body,
        }),
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

#!/usr/bin/env node
// A tiny mock API for the HTTP examples (api-fanout, flaky-retry), on 127.0.0.1 only.
//   node examples/mock-api.mjs            # prints the base URL, serves until Ctrl-C
//   node bin/run.js run examples/api-fanout.yaml --input baseUrl=http://127.0.0.1:PORT
// The tests import startMockApi() and use the same routes.
import { createServer } from 'node:http';

const REPOS = {
  'thaiyyal/engine': { name: 'engine', stars: 420 },
  'thaiyyal/cli': { name: 'cli', stars: 1337 },
  'thaiyyal/docs': { name: 'docs', stars: 99 },
};

/**
 * Starts the mock API. `flakyFailures` is how many times /flaky answers 503 before 200.
 * @returns {Promise<{url: string, close: () => Promise<void>, hits: Record<string, number>}>}
 */
export function startMockApi({ port = 0, flakyFailures = 2, latencyMs = 0 } = {}) {
  const hits = {};
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits[path] = (hits[path] ?? 0) + 1;
    const send = (status, body, headers = {}) =>
      setTimeout(() => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      }, latencyMs);
    const repo = /^\/repos\/(.+)$/.exec(path);
    if (repo) {
      const r = REPOS[decodeURIComponent(repo[1])];
      return r ? send(200, r) : send(404, { message: 'Not Found' });
    }
    if (path === '/flaky') {
      return hits[path] <= flakyFailures ? send(503, { message: 'try again' }) : send(200, { status: 'ok' });
    }
    if (path === '/down') return send(503, { message: 'down for maintenance' });
    send(404, { message: 'Not Found' });
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = server.address();
      resolve({
        url: `http://127.0.0.1:${p}`,
        hits,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const api = await startMockApi({ port: Number(process.env.PORT ?? 0) });
  console.log(`mock API on ${api.url}`);
}

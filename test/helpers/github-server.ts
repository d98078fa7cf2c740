/**
 * A real HTTP server on 127.0.0.1 answering like GitHub's REST API, for the governance tests
 * (used through Octokit's `baseUrl`). It serves what `thaiyyal approvals check` reads:
 *
 * - `GET /repos/{o}/{r}/pulls/{n}` and its `/files`, `/reviews`, `/commits` (paginated with
 *   `Link` headers, `pageSize` items per page whatever `per_page` says, to exercise pagination)
 * - `GET /repos/{o}/{r}/contents/{path}?ref=SHA` (base64, like GitHub)
 * - `GET /orgs/{org}/teams/{slug}/members`
 * - `POST /repos/{o}/{r}/statuses/{sha}` (recorded in `statuses`)
 *
 * A wrong token gets 401 "Bad credentials"; `rateLimited` answers 403 with
 * `x-ratelimit-remaining: 0` and `x-ratelimit-reset`; an unknown PR or file is 404.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeReview {
  login: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  commit: string;
  association?: string;
}

export interface FakePull {
  number: number;
  title?: string;
  author: string;
  baseRef?: string;
  baseSha: string;
  headSha: string;
  files: { filename: string; status: string; previous_filename?: string }[];
  reviews: FakeReview[];
  /** Commit authors' logins. */
  commits: { sha: string; login: string; email?: string }[];
}

export interface FakeGitHubState {
  repository: string;
  token: string;
  pulls: Record<number, FakePull>;
  /** commit sha → path → text */
  contents: Record<string, Record<string, string>>;
  /** `org/slug` → member logins; absent teams answer 404 */
  teams: Record<string, string[]>;
  statuses: { sha: string; body: Record<string, unknown> }[];
  /** Answer every request with a rate-limit 403 (`'403'`) or 429 (`'429'`). */
  rateLimited?: '403' | '429';
  /** Items per page of list endpoints. */
  pageSize: number;
  /** Every request seen (method, path with query, the authorization header's scheme only). */
  requests: { method: string; url: string }[];
}

export interface FakeGitHub {
  url: string;
  state: FakeGitHubState;
  /** Epoch seconds the rate limit resets at (fixed, for assertions). */
  resetAt: number;
  close(): Promise<void>;
}

function send(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    'x-github-api-version-selected': '2022-11-28',
    ...headers,
  });
  res.end(text);
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const user = (login: string) => ({
  login,
  id: login.length,
  type: 'User',
  html_url: `https://github.com/${login}`,
});

/** Starts the fake API with `init` (merged over empty defaults). */
export async function startFakeGitHub(init: Partial<FakeGitHubState> = {}): Promise<FakeGitHub> {
  const state: FakeGitHubState = {
    repository: 'acme/flows',
    token: 'ghs_test_token_123',
    pulls: {},
    contents: {},
    teams: {},
    statuses: [],
    pageSize: 2,
    requests: [],
    ...init,
  };
  const resetAt = 2_000_000_000;
  let base = '';

  const page = (req: IncomingMessage, res: ServerResponse, path: string, items: unknown[]) => {
    const url = new URL(req.url ?? '/', base);
    const n = Number(url.searchParams.get('page') ?? '1');
    const size = state.pageSize;
    const last = Math.max(1, Math.ceil(items.length / size));
    const links: string[] = [];
    const link = (p: number, rel: string) => `<${base}${path}?per_page=100&page=${p}>; rel="${rel}"`;
    if (n < last) links.push(link(n + 1, 'next'), link(last, 'last'));
    if (n > 1) links.push(link(1, 'first'), link(n - 1, 'prev'));
    send(res, 200, items.slice((n - 1) * size, n * size), links.length > 0 ? { link: links.join(', ') } : {});
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = decodeURIComponent(url.pathname);
      state.requests.push({ method: req.method ?? 'GET', url: req.url ?? '/' });
      if (state.rateLimited) {
        return send(
          res,
          Number(state.rateLimited),
          {
            message: 'API rate limit exceeded for installation ID 1.',
            documentation_url:
              'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting',
          },
          { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetAt) },
        );
      }
      const auth = req.headers.authorization ?? '';
      if (auth !== `token ${state.token}` && auth !== `Bearer ${state.token}`) {
        return send(res, 401, {
          message: 'Bad credentials',
          documentation_url: 'https://docs.github.com/rest',
          status: '401',
        });
      }
      const notFound = () =>
        send(res, 404, {
          message: 'Not Found',
          documentation_url: 'https://docs.github.com/rest',
          status: '404',
        });
      const repo = `/repos/${state.repository}`;
      let m: RegExpExecArray | null;
      if (
        (m = new RegExp(`^${repo}/pulls/(\\d+)(/files|/reviews|/commits)?$`).exec(path)) &&
        req.method === 'GET'
      ) {
        const pr = state.pulls[Number(m[1])];
        if (!pr) return notFound();
        const sub = m[2];
        if (!sub) {
          return send(res, 200, {
            url: `${base}${repo}/pulls/${pr.number}`,
            html_url: `https://github.com/${state.repository}/pull/${pr.number}`,
            number: pr.number,
            state: 'open',
            title: pr.title ?? `PR ${pr.number}`,
            user: user(pr.author),
            head: { ref: 'feature', sha: pr.headSha, label: `acme:feature` },
            base: { ref: pr.baseRef ?? 'main', sha: pr.baseSha, label: 'acme:main' },
            draft: false,
            merged: false,
          });
        }
        const list =
          sub === '/files'
            ? pr.files.map((f) => ({ sha: 'blob', additions: 1, deletions: 0, changes: 1, ...f }))
            : sub === '/reviews'
              ? pr.reviews.map((r, i) => ({
                  id: i + 1,
                  user: user(r.login),
                  body: '',
                  state: r.state,
                  commit_id: r.commit,
                  submitted_at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
                  author_association: r.association ?? 'MEMBER',
                }))
              : pr.commits.map((c) => ({
                  sha: c.sha,
                  author: user(c.login),
                  committer: user(c.login),
                  commit: {
                    message: 'change',
                    author: {
                      name: c.login,
                      email: c.email ?? `${c.login}@example.com`,
                      date: '2026-01-01T00:00:00Z',
                    },
                  },
                }));
        return page(req, res, `${repo}/pulls/${pr.number}${sub}`, list);
      }
      if ((m = new RegExp(`^${repo}/contents/(.+)$`).exec(path)) && req.method === 'GET') {
        const ref = url.searchParams.get('ref') ?? '';
        const text = state.contents[ref]?.[m[1]!];
        if (text === undefined) return notFound();
        return send(res, 200, {
          type: 'file',
          encoding: 'base64',
          size: Buffer.byteLength(text),
          name: m[1]!.split('/').pop(),
          path: m[1],
          content: Buffer.from(text)
            .toString('base64')
            .replace(/(.{60})/g, '$1\n'),
          sha: 'blob',
        });
      }
      if ((m = /^\/orgs\/([^/]+)\/teams\/([^/]+)\/members$/.exec(path)) && req.method === 'GET') {
        const members = state.teams[`${m[1]}/${m[2]}`];
        if (!members) return notFound();
        return page(req, res, path, members.map(user));
      }
      if ((m = new RegExp(`^${repo}/statuses/([0-9a-f]{40})$`).exec(path)) && req.method === 'POST') {
        const b = JSON.parse(await body(req)) as Record<string, unknown>;
        state.statuses.push({ sha: m[1]!, body: b });
        return send(res, 201, { id: state.statuses.length, state: b['state'], context: b['context'] });
      }
      return notFound();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    state,
    resetAt,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

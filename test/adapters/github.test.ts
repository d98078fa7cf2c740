/** The GitHub adapter against a real HTTP server on 127.0.0.1 shaped like GitHub's REST API. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitHubClient } from '../../src/adapters/github.js';
import { UserError } from '../../src/core/errors.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/github-server.js';

const HEAD = 'b'.repeat(40);
const BASE = 'a'.repeat(40);
let gh: FakeGitHub;

beforeAll(async () => {
  gh = await startFakeGitHub({
    pulls: {
      7: {
        number: 7,
        title: 'Add deploy step',
        author: 'ada',
        baseSha: BASE,
        headSha: HEAD,
        files: [
          { filename: 'a.yaml', status: 'modified' },
          { filename: 'b.yaml', status: 'added' },
          { filename: 'c.yaml', status: 'renamed', previous_filename: 'old-c.yaml' },
          { filename: 'd.yaml', status: 'removed' },
          { filename: 'e.md', status: 'modified' },
        ],
        reviews: [
          { login: 'olga', state: 'APPROVED', commit: HEAD },
          { login: 'otto', state: 'CHANGES_REQUESTED', commit: BASE, association: 'CONTRIBUTOR' },
        ],
        commits: [{ sha: HEAD, login: 'ada' }],
      },
    },
    contents: { [BASE]: { 'dir/a.yaml': 'x'.repeat(200) + '\nünïcode\n' } },
    teams: { 'acme/ops': ['otto', 'oona', 'olga'] },
  });
});
afterAll(() => gh.close());

const client = (over: Partial<ConstructorParameters<typeof GitHubClient>[0]> = {}) =>
  new GitHubClient({ token: gh.state.token, baseUrl: gh.url, repository: 'acme/flows', ...over });

async function failure(p: Promise<unknown>): Promise<UserError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return err as UserError;
}

describe('GitHubClient', () => {
  it('reads a pull request', async () => {
    expect(await client().pullRequest(7)).toEqual({
      number: 7,
      title: 'Add deploy step',
      state: 'open',
      author: 'ada',
      headSha: HEAD,
      baseSha: BASE,
      baseRef: 'main',
      htmlUrl: 'https://github.com/acme/flows/pull/7',
    });
  });

  it('reads every page of files (Link headers)', async () => {
    const files = await client().files(7);
    expect(
      files.map((f) => `${f.status} ${f.filename}${f.previousFilename ? ` ← ${f.previousFilename}` : ''}`),
    ).toEqual([
      'modified a.yaml',
      'added b.yaml',
      'renamed c.yaml ← old-c.yaml',
      'removed d.yaml',
      'modified e.md',
    ]);
    expect(gh.state.requests.filter((r) => r.url.includes('/pulls/7/files')).length).toBe(3);
  });

  it('reads reviews and commits', async () => {
    expect(await client().reviews(7)).toEqual([
      {
        login: 'olga',
        state: 'APPROVED',
        commitId: HEAD,
        submittedAt: '2026-01-01T00:00:00.000Z',
        association: 'MEMBER',
      },
      {
        login: 'otto',
        state: 'CHANGES_REQUESTED',
        commitId: BASE,
        submittedAt: '2026-01-01T00:01:00.000Z',
        association: 'CONTRIBUTOR',
      },
    ]);
    expect(await client().commits(7)).toEqual([
      { sha: HEAD, authorLogin: 'ada', authorEmail: 'ada@example.com' },
    ]);
  });

  it('reads a file at a commit (base64), and undefined when absent', async () => {
    expect(await client().fileAt('dir/a.yaml', BASE)).toBe('x'.repeat(200) + '\nünïcode\n');
    expect(await client().fileAt('dir/a.yaml', HEAD)).toBeUndefined();
  });

  it('reads team members; undefined for a team it cannot see', async () => {
    expect(await client().teamMembers('@acme/ops')).toEqual(['otto', 'oona', 'olga']);
    expect(await client().teamMembers('@acme/secret')).toBeUndefined();
  });

  it('posts a commit status, cut to 140 characters', async () => {
    await client().setStatus(HEAD, {
      state: 'failure',
      context: 'thaiyyal/approvals',
      description: 'y'.repeat(200),
    });
    const last = gh.state.statuses.at(-1)!;
    expect(last.sha).toBe(HEAD);
    expect(last.body).toEqual({
      state: 'failure',
      context: 'thaiyyal/approvals',
      description: 'y'.repeat(140),
    });
  });

  it('says when a pull request does not exist', async () => {
    const err = await failure(client().pullRequest(999));
    expect(err.code).toBe('github-not-found');
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe('pull request #999 not found in acme/flows (404); or the token cannot see it');
  });

  it('says when the token is invalid or expired, without printing it', async () => {
    const err = await failure(client({ token: 'ghs_expired_secret' }).pullRequest(7));
    expect(err.code).toBe('github-auth');
    expect(err.message).toMatch(/401 Bad credentials.*invalid or has expired/);
    expect(JSON.stringify(err) + err.message + err.suggestions.join('')).not.toContain('ghs_expired_secret');
  });

  it.each(['403', '429'] as const)('says when the rate limit resets (%s)', async (status) => {
    gh.state.rateLimited = status;
    try {
      const now = (gh.resetAt - 600) * 1000;
      const err = await failure(client({ now: () => now }).pullRequest(7));
      expect(err.code).toBe('github-rate-limit');
      expect(err.message).toBe(
        `GitHub API rate limit exceeded while reading pull request #7; it resets at ${new Date(gh.resetAt * 1000).toISOString()} (in 10 min)`,
      );
    } finally {
      delete gh.state.rateLimited;
    }
  });

  it('says when the API cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((r) => closed.close(() => r()));
    const err = await failure(client({ baseUrl: `http://127.0.0.1:${port}` }).pullRequest(7));
    expect(err.code).toBe('github-network');
    expect(err.message).toBe(
      `cannot reach the GitHub API at http://127.0.0.1:${port} (ECONNREFUSED) while reading pull request #7`,
    );
  });

  it('times out a request that never answers', async () => {
    const hang = createServer(() => {});
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    const { port } = hang.address() as AddressInfo;
    try {
      const err = await failure(
        client({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 200 }).pullRequest(7),
      );
      expect(err.code).toBe('github-network');
      expect(err.message).toMatch(/\(timed out\) while reading pull request #7$/);
    } finally {
      hang.closeAllConnections();
      await new Promise<void>((r) => hang.close(() => r()));
    }
  });

  it('refuses a repository that is not owner/name', () => {
    expect(() => client({ repository: 'flows' })).toThrow('"flows" is not a repository; write owner/name');
  });
});

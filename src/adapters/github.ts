/**
 * GitHub REST through Octokit, for `thaiyyal approvals check --pr`: the pull request, its
 * files, reviews and commits, file contents at a commit, team members, commit statuses.
 * Every failure becomes a `UserError` with a clear message (the token is never printed).
 */
import { Octokit } from '@octokit/rest';
import { UserError } from '../core/errors.js';

export interface GitHubOptions {
  /** `GITHUB_TOKEN` (never printed). */
  token: string;
  /** REST API root, e.g. `https://api.github.com` or `GITHUB_API_URL` on GHES. */
  baseUrl: string;
  /** `owner/name`. */
  repository: string;
  /** Per-request timeout in ms. */
  timeoutMs?: number;
  /** The clock, for "resets in N minutes". */
  now?: () => number;
}

export interface PullRequestInfo {
  number: number;
  title: string;
  state: string;
  author: string;
  headSha: string;
  baseSha: string;
  baseRef: string;
  htmlUrl?: string;
}

export interface PullFile {
  filename: string;
  status: string;
  previousFilename?: string;
}

export interface PullReview {
  login: string;
  state: string;
  commitId?: string;
  submittedAt?: string;
  association?: string;
}

export interface PullCommit {
  sha: string;
  authorLogin?: string;
  authorEmail?: string;
}

interface RequestErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined> };
  cause?: unknown;
  name?: string;
}

const describeCause = (err: unknown): string => {
  let e: unknown = err;
  for (let i = 0; i < 5 && e; i++) {
    const x = e as { code?: string; name?: string; message?: string; cause?: unknown };
    if (typeof x.code === 'string' && /^E[A-Z]+/.test(x.code)) return x.code;
    if (x.name === 'TimeoutError' || /due to timeout/.test(x.message ?? '')) return 'timed out';
    e = x.cause;
  }
  const m = /\b(E[A-Z]{4,})\b/.exec((err as Error).message ?? '');
  return m ? m[1]! : ((err as Error).message ?? String(err));
};

/** A thin client over the endpoints governance needs. */
export class GitHubClient {
  readonly owner: string;
  readonly repo: string;
  private readonly octokit: Octokit;
  private readonly opts: GitHubOptions;

  constructor(opts: GitHubOptions) {
    const [owner, repo, ...rest] = opts.repository.split('/');
    if (!owner || !repo || rest.length > 0) {
      throw new UserError('github-repository', `"${opts.repository}" is not a repository; write owner/name`, {
        suggestions: ['pass --repo owner/name, or run in GitHub Actions (GITHUB_REPOSITORY)'],
      });
    }
    this.owner = owner;
    this.repo = repo;
    this.opts = opts;
    const timeoutMs = opts.timeoutMs ?? 30_000;
    this.octokit = new Octokit({
      auth: opts.token,
      baseUrl: opts.baseUrl.replace(/\/+$/, ''),
      userAgent: 'thaiyyal-approvals',
      log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
      request: {
        fetch: (url: string, init: RequestInit) =>
          fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
      },
    });
  }

  /** Turns an Octokit failure into a UserError that says what to do. */
  private fail(err: unknown, what: string): never {
    const e = err as RequestErrorLike;
    const status = e.status;
    const headers = e.response?.headers ?? {};
    const where = `${this.owner}/${this.repo}`;
    // no HTTP response at all: the connection failed or timed out
    if (status === undefined || e.response === undefined) {
      throw new UserError(
        'github-network',
        `cannot reach the GitHub API at ${this.opts.baseUrl} (${describeCause(err)}) while reading ${what}`,
        {
          suggestions: ['check the network and GITHUB_API_URL / --api-url, then retry'],
        },
      );
    }
    if (status === 401) {
      throw new UserError(
        'github-auth',
        `GitHub rejected the token (401 Bad credentials) while reading ${what}: it is invalid or has expired`,
        {
          suggestions: [
            'set GITHUB_TOKEN to a valid token (in Actions: `env: GITHUB_TOKEN: ${{ github.token }}`)',
          ],
        },
      );
    }
    const remaining = headers['x-ratelimit-remaining'];
    if (
      (status === 403 || status === 429) &&
      (String(remaining) === '0' || headers['retry-after'] !== undefined)
    ) {
      const reset = Number(headers['x-ratelimit-reset']);
      const retryAfter = Number(headers['retry-after']);
      const now = (this.opts.now ?? Date.now)();
      let when = 'later';
      if (Number.isFinite(reset) && reset > 0) {
        const mins = Math.max(0, Math.ceil((reset * 1000 - now) / 60_000));
        when = `at ${new Date(reset * 1000).toISOString()} (in ${mins} min)`;
      } else if (Number.isFinite(retryAfter)) when = `in ${retryAfter} s`;
      throw new UserError(
        'github-rate-limit',
        `GitHub API rate limit exceeded while reading ${what}; it resets ${when}`,
        {
          suggestions: ['retry after the reset, or use a token with a higher limit'],
        },
      );
    }
    if (status === 404) {
      throw new UserError(
        'github-not-found',
        `${what} not found in ${where} (404); or the token cannot see it`,
        {
          suggestions: [
            'check the number and --repo; a token needs read access to pull requests and contents',
          ],
        },
      );
    }
    if (status === 403) {
      throw new UserError(
        'github-forbidden',
        `GitHub refused access to ${what} (403): ${e.message ?? ''}`.trim(),
        {
          suggestions: [
            'give the token the permissions pull-requests: read, contents: read (statuses: write for --set-status)',
          ],
        },
      );
    }
    throw new UserError(
      'github-error',
      `GitHub answered ${status} while reading ${what}: ${e.message ?? ''}`.trim(),
    );
  }

  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof UserError) throw err;
      this.fail(err, what);
    }
  }

  async pullRequest(number: number): Promise<PullRequestInfo> {
    const { data } = await this.call(`pull request #${number}`, () =>
      this.octokit.rest.pulls.get({ owner: this.owner, repo: this.repo, pull_number: number }),
    );
    return {
      number: data.number,
      title: data.title,
      state: data.state,
      author: data.user?.login ?? '',
      headSha: data.head.sha,
      baseSha: data.base.sha,
      baseRef: data.base.ref,
      ...(data.html_url ? { htmlUrl: data.html_url } : {}),
    };
  }

  async files(number: number): Promise<PullFile[]> {
    const list = await this.call(`the files of pull request #${number}`, () =>
      this.octokit.paginate(this.octokit.rest.pulls.listFiles, {
        owner: this.owner,
        repo: this.repo,
        pull_number: number,
        per_page: 100,
      }),
    );
    return list.map((f) => ({
      filename: f.filename,
      status: f.status,
      ...(f.previous_filename ? { previousFilename: f.previous_filename } : {}),
    }));
  }

  async reviews(number: number): Promise<PullReview[]> {
    const list = await this.call(`the reviews of pull request #${number}`, () =>
      this.octokit.paginate(this.octokit.rest.pulls.listReviews, {
        owner: this.owner,
        repo: this.repo,
        pull_number: number,
        per_page: 100,
      }),
    );
    return list
      .filter((r) => r.user?.login)
      .map((r) => ({
        login: r.user!.login,
        state: r.state,
        ...(r.commit_id ? { commitId: r.commit_id } : {}),
        ...(r.submitted_at ? { submittedAt: r.submitted_at } : {}),
        ...(r.author_association ? { association: r.author_association } : {}),
      }));
  }

  async commits(number: number): Promise<PullCommit[]> {
    const list = await this.call(`the commits of pull request #${number}`, () =>
      this.octokit.paginate(this.octokit.rest.pulls.listCommits, {
        owner: this.owner,
        repo: this.repo,
        pull_number: number,
        per_page: 100,
      }),
    );
    return list.map((c) => ({
      sha: c.sha,
      ...(c.author?.login ? { authorLogin: c.author.login } : {}),
      ...(c.commit.author?.email ? { authorEmail: c.commit.author.email } : {}),
    }));
  }

  /** A file's text at a commit, or undefined when it does not exist there. */
  async fileAt(path: string, ref: string): Promise<string | undefined> {
    try {
      const { data } = await this.octokit.rest.repos.getContent({
        owner: this.owner,
        repo: this.repo,
        path,
        ref,
      });
      if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined;
      return Buffer.from(data.content, (data.encoding as BufferEncoding | undefined) ?? 'base64').toString(
        'utf8',
      );
    } catch (err) {
      if ((err as RequestErrorLike).status === 404) return undefined;
      this.fail(err, `${path} at ${ref.slice(0, 12)}`);
    }
  }

  /** Logins of a team's members, or undefined when the token cannot read them (needs read:org). */
  async teamMembers(team: string): Promise<string[] | undefined> {
    const [org, slug] = team.replace(/^@/, '').split('/');
    try {
      const list = await this.octokit.paginate(this.octokit.rest.teams.listMembersInOrg, {
        org: org!,
        team_slug: slug!,
        per_page: 100,
      });
      return list.map((m) => m.login);
    } catch (err) {
      const status = (err as RequestErrorLike).status;
      if (status === 404 || status === 403) return undefined;
      this.fail(err, `the members of ${team}`);
    }
  }

  /** Posts a commit status on `sha`. */
  async setStatus(
    sha: string,
    status: {
      state: 'success' | 'failure' | 'error' | 'pending';
      context: string;
      description: string;
      targetUrl?: string;
    },
  ): Promise<void> {
    await this.call(`the commit status of ${sha.slice(0, 12)}`, () =>
      this.octokit.rest.repos.createCommitStatus({
        owner: this.owner,
        repo: this.repo,
        sha,
        state: status.state,
        context: status.context,
        description: status.description.slice(0, 140),
        ...(status.targetUrl ? { target_url: status.targetUrl } : {}),
      }),
    );
  }
}

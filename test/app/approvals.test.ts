/**
 * `approvals check` end to end below the face: GitHub mode against a fake GitHub on 127.0.0.1,
 * git mode in real repositories with real SSH and GPG signatures.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkGitRange,
  checkPullRequest,
  effectivePolicy,
  parseApprover,
  statusOf,
} from '../../src/app/approvals.js';
import { UserError } from '../../src/core/errors.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/github-server.js';

const wfText = (extra = '', owners = "['@olga']") => `apiVersion: thaiyyal.dev/v1
kind: Workflow
name: deploy
owners: ${owners}
inputs:
  target: {type: string, default: staging}
${extra}nodes:
  hello: {type: log, message: 'deploying \${{ inputs.target }}'}
`;
const CONFIG = `version: 1
governance:
  security:
    owners: ['@acme/security']
`;
const CODEOWNERS = '/workflows/ @acme/ops\n';

// ------------------------------------------------------------------ GitHub mode

const BASE = '1'.repeat(40);
const HEAD = '2'.repeat(40);
const OLD = '3'.repeat(40);
let gh: FakeGitHub;
const tmp = mkdtempSync(join(tmpdir(), 'thaiyyal-approvals-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

beforeAll(async () => {
  gh = await startFakeGitHub({
    contents: {
      [BASE]: {
        'thaiyyal.config.yaml': CONFIG,
        '.github/CODEOWNERS': CODEOWNERS,
        'workflows/deploy.yaml': wfText(),
        'workflows/old.yaml': wfText().replace('name: deploy', 'name: old'),
      },
      [HEAD]: {
        'thaiyyal.config.yaml': CONFIG,
        '.github/CODEOWNERS': CODEOWNERS,
        // minor: a new optional input
        'workflows/deploy.yaml': wfText('  region: {type: string, default: eu}\n', "['@olga', '@mallory']"),
        'workflows/new.yaml': wfText().replace('name: deploy', 'name: new'),
        'README.md': 'hello',
      },
    },
    teams: { 'acme/ops': ['otto', 'oona'], 'acme/security': ['sam'] },
  });
});
afterAll(() => gh.close());

function pull(n: number, over: Partial<Parameters<typeof addPull>[1]> = {}) {
  return addPull(n, over);
}
function addPull(
  n: number,
  over: {
    author?: string;
    files?: { filename: string; status: string }[];
    reviews?: {
      login: string;
      state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';
      commit: string;
    }[];
    commits?: { sha: string; login: string }[];
  },
) {
  gh.state.pulls[n] = {
    number: n,
    title: `PR ${n}`,
    author: over.author ?? 'ada',
    baseSha: BASE,
    headSha: HEAD,
    files: over.files ?? [
      { filename: 'workflows/deploy.yaml', status: 'modified' },
      { filename: 'README.md', status: 'modified' },
    ],
    reviews: over.reviews ?? [],
    commits: over.commits ?? [{ sha: HEAD, login: over.author ?? 'ada' }],
  };
}

const env = (extra: Record<string, string> = {}) => ({
  GITHUB_TOKEN: gh.state.token,
  GITHUB_REPOSITORY: 'acme/flows',
  GITHUB_API_URL: gh.url,
  ...extra,
});

describe('checkPullRequest', () => {
  it('approves a minor change approved by an owner (team member) and a security owner', async () => {
    pull(1, {
      reviews: [
        { login: 'otto', state: 'APPROVED', commit: HEAD },
        { login: 'sam', state: 'APPROVED', commit: HEAD },
      ],
    });
    const r = await checkPullRequest({ cwd: tmp, env: env(), pr: 1 });
    expect(r.verdict).toBe('approved');
    expect(r.policySource).toEqual({ config: 'thaiyyal.config.yaml', codeowners: '.github/CODEOWNERS' });
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({
      path: 'workflows/deploy.yaml',
      name: 'deploy',
      bump: 'minor',
      owners: ['@acme/ops', '@olga'],
      security: [{ kind: 'owners', added: ['@mallory'], removed: [] }],
    });
    expect(r.satisfied.map((s) => s.message)).toEqual([
      'workflows/deploy.yaml: a minor change approved by @otto',
      'workflows/deploy.yaml: a security-sensitive change (owners: adds @mallory) approved by @sam',
      'no changes requested',
    ]);
    expect(r.target).toMatchObject({
      repository: 'acme/flows',
      pr: 1,
      base: BASE,
      head: HEAD,
      authors: ['@ada'],
    });
  });

  it('blocks with exactly what is missing: stale approval, self-approval, security owner', async () => {
    pull(2, {
      reviews: [
        { login: 'otto', state: 'APPROVED', commit: OLD },
        { login: 'ada', state: 'APPROVED', commit: HEAD },
      ],
    });
    const r = await checkPullRequest({ cwd: tmp, env: env(), pr: 2 });
    expect(r.verdict).toBe('blocked');
    expect(r.missing.map((m) => m.message)).toEqual([
      'workflows/deploy.yaml: a minor change needs 1 more approval from @acme/ops, @olga (0 of 1)',
      'workflows/deploy.yaml: a security-sensitive change (owners: adds @mallory) needs 1 more approval from @acme/security (0 of 1)',
    ]);
    expect(r.ignored).toEqual([
      { by: '@otto', reason: 'approved before the last push; the approval must be given again' },
      { by: '@ada', reason: 'the author cannot approve their own change (governance.selfApproval is false)' },
    ]);
  });

  it('counts commit authors as authors, and blocks on changes requested', async () => {
    pull(3, {
      reviews: [
        { login: 'oona', state: 'APPROVED', commit: HEAD },
        { login: 'sam', state: 'APPROVED', commit: HEAD },
        { login: 'otto', state: 'CHANGES_REQUESTED', commit: HEAD },
      ],
      commits: [
        { sha: OLD, login: 'ada' },
        { sha: HEAD, login: 'oona' },
      ],
    });
    const r = await checkPullRequest({ cwd: tmp, env: env(), pr: 3 });
    expect(r.target.authors).toEqual(['@ada', '@oona']);
    expect(r.missing.map((m) => `${m.path} ${m.rule}`)).toEqual([
      'workflows/deploy.yaml owner-approvals',
      '* changes-requested',
    ]);
  });

  it('weighs new workflows (minor, security of everything new) and governance files', async () => {
    pull(4, {
      files: [
        { filename: 'workflows/new.yaml', status: 'added' },
        { filename: '.github/CODEOWNERS', status: 'modified' },
      ],
      reviews: [{ login: 'otto', state: 'APPROVED', commit: HEAD }],
    });
    const r = await checkPullRequest({ cwd: tmp, env: env(), pr: 4 });
    expect(r.items.map((i) => `${i.kind} ${i.path} ${i.bump}`)).toEqual([
      'workflow workflows/new.yaml minor',
      'governance .github/CODEOWNERS none',
    ]);
    expect(r.missing.map((m) => `${m.path} ${m.rule}`)).toEqual(['.github/CODEOWNERS security-approvals']);
  });

  it('weighs a renamed workflow against its old version, and a removed one as major', async () => {
    gh.state.contents[HEAD]!['workflows/renamed.yaml'] = wfText().replace('name: deploy', 'name: old');
    gh.state.pulls[9] = {
      number: 9,
      author: 'ada',
      baseSha: BASE,
      headSha: HEAD,
      files: [
        { filename: 'workflows/renamed.yaml', status: 'renamed', previous_filename: 'workflows/old.yaml' },
        { filename: 'workflows/deploy.yaml', status: 'removed' },
      ],
      reviews: [{ login: 'otto', state: 'APPROVED', commit: HEAD }],
      commits: [{ sha: HEAD, login: 'ada' }],
    };
    const r = await checkPullRequest({ cwd: tmp, env: env(), pr: 9 });
    expect(r.items.map((i) => `${i.status} ${i.path} ${i.previousPath ?? '-'} ${i.bump}`)).toEqual([
      'renamed workflows/renamed.yaml workflows/old.yaml patch',
      'removed workflows/deploy.yaml - major',
    ]);
    expect(r.items[0]!.changes).toEqual(['patch: file moved from workflows/old.yaml']);
    expect(r.satisfied[0]!.message).toBe('workflows/renamed.yaml: a patch change approved by @otto');
    expect(r.missing.map((m) => m.message)).toEqual([
      'workflows/deploy.yaml: a major change (workflow removed) needs 1 more approval from @acme/ops, @olga (1 of 2: @otto)',
    ]);
  });

  it('takes the PR number from GITHUB_EVENT_PATH and posts a commit status', async () => {
    pull(5, { reviews: [] });
    const event = join(tmp, 'event.json');
    writeFileSync(event, JSON.stringify({ action: 'synchronize', number: 5, pull_request: { number: 5 } }));
    const before = gh.state.statuses.length;
    const r = await checkPullRequest({ cwd: tmp, env: env({ GITHUB_EVENT_PATH: event }), setStatus: true });
    expect(r.target.pr).toBe(5);
    expect(r.status).toEqual(statusOf(r));
    expect(gh.state.statuses.slice(before)).toEqual([
      {
        sha: HEAD,
        body: {
          state: 'failure',
          context: 'thaiyyal/approvals',
          description: expect.stringMatching(
            /^blocked: workflows\/deploy.yaml: a minor change needs 1 more approval.*\(\+1 more\)$/,
          ),
          target_url: 'https://github.com/acme/flows/pull/5',
        },
      },
    ]);
    expect((gh.state.statuses.at(-1)!.body['description'] as string).length).toBeLessThanOrEqual(140);
  });

  it('warns when a team cannot be read, and lists it as missing', async () => {
    const saved = gh.state.teams['acme/security'];
    delete gh.state.teams['acme/security'];
    try {
      pull(6, {
        reviews: [
          { login: 'sam', state: 'APPROVED', commit: HEAD },
          { login: 'otto', state: 'APPROVED', commit: HEAD },
        ],
      });
      const r = await checkPullRequest({ cwd: tmp, env: env(), pr: 6 });
      expect(r.warnings).toEqual([
        "cannot read the members of @acme/security (the token needs read:org); its members' approvals do not count — list them in governance.teams",
      ]);
      expect(r.verdict).toBe('blocked');
    } finally {
      gh.state.teams['acme/security'] = saved!;
    }
  });

  it.each([
    [{ pr: 404 }, () => env(), 'github-not-found', /^pull request #404 not found in acme\/flows/],
    [{ pr: 1 }, () => env({ GITHUB_TOKEN: 'expired' }), 'github-auth', /invalid or has expired/],
    [{ pr: 1 }, () => ({ GITHUB_REPOSITORY: 'acme/flows' }), 'github-auth', /GITHUB_TOKEN is not set/],
    [{ pr: 1 }, () => ({ GITHUB_TOKEN: 'x' }), 'usage', /pass --repo owner\/name/],
    [{}, () => env(), 'usage', /which pull request\? pass --pr N/],
  ] as const)('fails clearly: %j → %s', async (opts, e, code, message) => {
    const err = await checkPullRequest({ cwd: tmp, env: e(), ...opts }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe(code);
    expect((err as UserError).exitCode).toBe(2);
    expect((err as UserError).message).toMatch(message);
  });

  it('refuses an invalid policy at the base', async () => {
    const sha = '4'.repeat(40);
    gh.state.contents[sha] = { 'thaiyyal.config.yaml': 'version: 1\ngovernance:\n  aprovals: {}\n' };
    gh.state.pulls[8] = { ...gh.state.pulls[1]!, number: 8, baseSha: sha };
    const err = (await checkPullRequest({ cwd: tmp, env: env(), pr: 8 }).catch(
      (e: unknown) => e,
    )) as UserError;
    expect(err.code).toBe('config');
    expect(err.message).toMatch(
      /invalid project config thaiyyal.config.yaml \(base\):\n.*"aprovals".*did you mean "approvals"/,
    );
  });
});

// ------------------------------------------------------------------ git mode

function git(cwd: string, args: string[], extraEnv: Record<string, string> = {}): string {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      ...extraEnv,
    },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

function write(dir: string, files: Record<string, string>) {
  for (const [p, t] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), t);
  }
}

interface Person {
  name: string;
  email: string;
  key: string;
}

/** A repo with SSH signing set up: olga, mallory and ada have keys in the allowed signers file. */
function signedRepo(): {
  dir: string;
  people: Record<string, Person>;
  commit: (
    who: Person,
    msg: string,
    opts?: { sign?: boolean; trailers?: string[]; files?: Record<string, string> },
  ) => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'thaiyyal-git-approvals-'));
  const keys = join(dir, '.keys');
  mkdirSync(keys);
  const people: Record<string, Person> = {};
  const allowed: string[] = [];
  for (const [id, name] of [
    ['olga', 'Olga Owner'],
    ['mallory', 'Mallory'],
    ['ada', 'Ada Author'],
    ['sam', 'Sam Security'],
  ] as const) {
    const key = join(keys, id);
    const email = `${id}@acme.dev`;
    const r = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', email, '-f', key]);
    if (r.status !== 0) throw new Error(`ssh-keygen: ${r.stderr}`);
    allowed.push(`${email} ${readFileSync(`${key}.pub`, 'utf8').trim()}`);
    people[id] = { name, email, key };
  }
  writeFileSync(join(keys, 'allowed_signers'), allowed.join('\n') + '\n');
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'gpg.format', 'ssh']);
  git(dir, ['config', 'gpg.ssh.allowedSignersFile', join(keys, 'allowed_signers')]);
  write(dir, { '.gitignore': '.keys/\n' });
  const commit = (
    who: Person,
    msg: string,
    opts: { sign?: boolean; trailers?: string[]; files?: Record<string, string> } = {},
  ) => {
    if (opts.files) write(dir, opts.files);
    git(dir, ['add', '-A']);
    git(dir, [
      '-c',
      `user.name=${who.name}`,
      '-c',
      `user.email=${who.email}`,
      '-c',
      `user.signingkey=${who.key}`,
      'commit',
      '-q',
      '--allow-empty',
      ...(opts.sign ? ['-S'] : ['--no-gpg-sign']),
      '-m',
      msg,
      ...(opts.trailers ?? []).flatMap((t) => ['--trailer', t]),
    ]);
  };
  return { dir, people, commit };
}

describe('checkGitRange', () => {
  const repos: string[] = [];
  afterAll(() => {
    for (const d of repos) rmSync(d, { recursive: true, force: true });
  });

  /** main: config + CODEOWNERS + workflow owned by olga's email; feature: ada's minor change. */
  function scenario() {
    const r = signedRepo();
    repos.push(r.dir);
    const { olga, ada } = r.people as Record<string, Person>;
    r.commit(olga!, 'base', {
      files: {
        'thaiyyal.config.yaml': 'version: 1\ngovernance:\n  security: {owners: [sam@acme.dev]}\n',
        CODEOWNERS: '/workflows/ olga@acme.dev\n',
        'workflows/deploy.yaml': wfText('', '[olga@acme.dev]'),
      },
    });
    git(r.dir, ['checkout', '-q', '-b', 'feature']);
    r.commit(ada!, 'add a region input', {
      files: {
        'workflows/deploy.yaml': wfText('  region: {type: string, default: eu}\n', '[olga@acme.dev]'),
      },
    });
    return r;
  }
  const approval = (p: Person) => `Approved-by: ${p.name} <${p.email}>`;

  it('approves with a signed Approved-by trailer from an owner', async () => {
    const r = scenario();
    r.commit(r.people['olga']!, 'Approve', { sign: true, trailers: [approval(r.people['olga']!)] });
    const report = await checkGitRange({ cwd: r.dir, base: 'main' });
    expect(report.mode).toBe('git');
    expect(report.items.map((i) => `${i.path} ${i.bump} ${i.owners.join(',')}`)).toEqual([
      'workflows/deploy.yaml minor olga@acme.dev',
    ]);
    expect(report.target.authors).toEqual(['Ada Author <ada@acme.dev>']);
    expect(report.verdict).toBe('approved');
    expect(report.satisfied[0]!.message).toBe(
      'workflows/deploy.yaml: a minor change approved by Olga Owner <olga@acme.dev>',
    );
  });

  it('ignores an unsigned trailer, a trailer signed by someone else, and the author approving', async () => {
    const r = scenario();
    const { olga, mallory, ada } = r.people as Record<string, Person>;
    r.commit(olga!, 'Approve (unsigned)', { trailers: [approval(olga!)] });
    r.commit(mallory!, 'Approve on behalf', { sign: true, trailers: [approval(olga!)] });
    r.commit(ada!, 'Self approve', { sign: true, trailers: [approval(ada!)] });
    r.commit(ada!, 'Junk', { sign: true, trailers: ['Approved-by: nobody'] });
    const report = await checkGitRange({ cwd: r.dir, base: 'main' });
    expect(report.verdict).toBe('blocked');
    const sha = (n: number) => git(r.dir, ['rev-parse', `HEAD~${n}`]).slice(0, 12);
    expect(report.ignored).toEqual([
      { by: 'Olga Owner <olga@acme.dev>', reason: `Approved-by on ${sha(3)}: the commit is not signed` },
      {
        by: 'Olga Owner <olga@acme.dev>',
        reason: `Approved-by on ${sha(2)} is signed by mallory@acme.dev, not by the approver`,
      },
      { by: 'nobody', reason: `Approved-by on ${sha(0)} is not "Name <email>"` },
      {
        by: 'Ada Author <ada@acme.dev>',
        reason: 'the author cannot approve their own change (governance.selfApproval is false)',
      },
    ]);
    expect(report.missing.map((m) => m.message)).toEqual([
      'workflows/deploy.yaml: a minor change needs 1 more approval from olga@acme.dev (0 of 1)',
    ]);
  });

  it('an approval followed by a content change is stale; approvals after it are not', async () => {
    const r = scenario();
    const { olga, ada, sam } = r.people as Record<string, Person>;
    r.commit(olga!, 'Approve', { sign: true, trailers: [approval(olga!)] });
    r.commit(ada!, 'more changes', {
      files: {
        'workflows/deploy.yaml': wfText('  region: {type: string, default: eu}\n', '[olga@acme.dev]').replace(
          "message: 'deploying",
          "message: 'now deploying",
        ),
      },
    });
    let report = await checkGitRange({ cwd: r.dir, base: 'main' });
    expect(report.verdict).toBe('blocked');
    expect(report.ignored).toEqual([
      {
        by: 'Olga Owner <olga@acme.dev>',
        reason: 'approved before the last push; the approval must be given again',
      },
    ]);
    // an empty approval commit by someone else does not make olga's approval stale
    r.commit(sam!, 'Approve too', { sign: true, trailers: [approval(sam!)] });
    r.commit(olga!, 'Approve again', { sign: true, trailers: [approval(olga!)] });
    report = await checkGitRange({ cwd: r.dir, base: 'main' });
    expect(report.verdict).toBe('approved');
  });

  it('whoever committed or signed a content change is an author, whatever the author field claims', async () => {
    const r = scenario();
    const { olga } = r.people as Record<string, Person>;
    // olga writes a change but claims someone else wrote it, then approves it
    git(r.dir, [
      '-c',
      `user.name=${olga!.name}`,
      '-c',
      `user.email=${olga!.email}`,
      '-c',
      `user.signingkey=${olga!.key}`,
      'commit',
      '-q',
      '--allow-empty',
      '-S',
      '--author',
      'Someone <someone@elsewhere.dev>',
      '-m',
      'sneaky',
    ]);
    write(r.dir, {
      'workflows/deploy.yaml': wfText('  region: {type: string, default: us}\n', '[olga@acme.dev]'),
    });
    git(r.dir, ['add', '-A']);
    git(r.dir, [
      '-c',
      `user.name=${olga!.name}`,
      '-c',
      `user.email=${olga!.email}`,
      '-c',
      `user.signingkey=${olga!.key}`,
      'commit',
      '-q',
      '-S',
      '--author',
      'Someone <someone@elsewhere.dev>',
      '-m',
      'sneaky change',
    ]);
    r.commit(olga!, 'Approve', { sign: true, trailers: [approval(olga!)] });
    const report = await checkGitRange({ cwd: r.dir, base: 'main' });
    expect(report.target.authors).toEqual([
      'Ada Author <ada@acme.dev>',
      'Someone <someone@elsewhere.dev>',
      'olga@acme.dev',
    ]);
    expect(report.verdict).toBe('blocked');
    expect(report.ignored.map((i) => i.reason)).toEqual([
      'the author cannot approve their own change (governance.selfApproval is false)',
    ]);
  });

  it('needs the security owner for a new secret', async () => {
    const r = scenario();
    const { olga, ada, sam } = r.people as Record<string, Person>;
    r.commit(ada!, 'use a token', {
      files: {
        'workflows/deploy.yaml': wfText('  region: {type: string, default: eu}\n', '[olga@acme.dev]').replace(
          "deploying ${{ inputs.target }}'",
          "deploying ${{ inputs.target }} with ${{ secrets.DEPLOY_TOKEN }}'",
        ),
      },
    });
    r.commit(olga!, 'Approve', { sign: true, trailers: [approval(olga!)] });
    let report = await checkGitRange({ cwd: r.dir, base: 'main' });
    expect(report.missing.map((m) => m.message)).toEqual([
      'workflows/deploy.yaml: a security-sensitive change (new secret referenced: secrets.DEPLOY_TOKEN) needs 1 more approval from sam@acme.dev (0 of 1)',
    ]);
    r.commit(sam!, 'Approve', { sign: true, trailers: [approval(sam!)] });
    report = await checkGitRange({ cwd: r.dir, base: 'main' });
    expect(report.verdict).toBe('approved');
  });

  it('accepts a GPG signature from a trusted key', async () => {
    const r = scenario();
    const gnupg = mkdtempSync(join(tmpdir(), 'thaiyyal-gnupg-'));
    repos.push(gnupg);
    const gpgEnv = { GNUPGHOME: gnupg };
    const gen = spawnSync(
      'gpg',
      [
        '--batch',
        '--passphrase',
        '',
        '--quick-gen-key',
        'Olga Owner <olga@acme.dev>',
        'ed25519',
        'sign',
        'never',
      ],
      { env: { ...process.env, ...gpgEnv }, encoding: 'utf8' },
    );
    expect(gen.status, gen.stderr).toBe(0);
    git(
      r.dir,
      [
        '-c',
        'user.name=Olga Owner',
        '-c',
        'user.email=olga@acme.dev',
        '-c',
        'gpg.format=openpgp',
        '-c',
        'user.signingkey=olga@acme.dev',
        'commit',
        '-q',
        '--allow-empty',
        '-S',
        '-m',
        'Approve',
        '--trailer',
        'Approved-by: Olga Owner <olga@acme.dev>',
      ],
      gpgEnv,
    );
    const saved = process.env['GNUPGHOME'];
    process.env['GNUPGHOME'] = gnupg;
    try {
      const report = await checkGitRange({ cwd: r.dir, base: 'main' });
      expect(report.ignored).toEqual([]);
      expect(report.verdict).toBe('approved');
    } finally {
      if (saved === undefined) delete process.env['GNUPGHOME'];
      else process.env['GNUPGHOME'] = saved;
    }
  });

  it('fails clearly on an unknown base, outside git, and without a default base', async () => {
    const r = scenario();
    await expect(checkGitRange({ cwd: r.dir, base: 'nope' })).rejects.toThrow(
      '--base nope: no such commit in this repository',
    );
    const plain = mkdtempSync(join(tmpdir(), 'thaiyyal-nogit-'));
    repos.push(plain);
    await expect(checkGitRange({ cwd: plain })).rejects.toThrow(/is not inside a git repository/);
    git(r.dir, ['branch', '-q', '-m', 'main', 'trunk']);
    await expect(checkGitRange({ cwd: r.dir })).rejects.toThrow(/pass --base REF/);
  });

  it('parses approvers', () => {
    expect(parseApprover('Olga Owner <olga@acme.dev>')).toEqual({
      name: 'Olga Owner',
      email: 'olga@acme.dev',
    });
    expect(parseApprover('olga@acme.dev')).toEqual({ email: 'olga@acme.dev' });
    expect(parseApprover('Olga')).toBeUndefined();
  });
});

describe('effectivePolicy', () => {
  it('reads the project config and CODEOWNERS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'thaiyyal-policy-'));
    repos2.push(dir);
    mkdirSync(join(dir, '.git'));
    write(dir, { 'thaiyyal.config.yaml': CONFIG, '.github/CODEOWNERS': CODEOWNERS + '!x @a\n' });
    const p = await effectivePolicy({ cwd: dir });
    expect(p.policy.security.owners).toEqual(['@acme/security']);
    expect(p.policy.approvals).toEqual({ major: 2, minor: 1, patch: 1, none: 0 });
    expect(p.codeowners).toEqual({
      file: '.github/CODEOWNERS',
      rules: 1,
      problems: [expect.stringMatching(/^\.github\/CODEOWNERS:2: pattern "!x": negation/)],
    });
  });
});
const repos2: string[] = [];
afterAll(() => {
  for (const d of repos2) rmSync(d, { recursive: true, force: true });
});

/**
 * `thaiyyal approvals` end to end: bin/run.js in a real git repository, GitHub served by a
 * fake REST API on 127.0.0.1, SSH-signed approvals; plus the examples of
 * docs/commands/approvals.md and of --help, and the GitHub Action's approvals mode.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, runCli } from '../helpers/cli.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/github-server.js';

const WF = (inputs: string, message = 'deploying') => `apiVersion: thaiyyal.dev/v1
kind: Workflow
name: deploy
inputs:
${inputs}nodes:
  hello: {type: log, message: '${message}'}
`;

let dir: string;
let gh: FakeGitHub;
let base: string;
let head: string;
let event: string;
const cleanup: string[] = [];

function git(args: string[]): string {
  const r = spawnSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}
function write(files: Record<string, string>) {
  for (const [p, t] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), t);
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'thaiyyal-cli-approvals-'));
  cleanup.push(dir);
  const keys = mkdtempSync(join(tmpdir(), 'thaiyyal-keys-'));
  cleanup.push(keys);
  const key = join(keys, 'olga');
  expect(
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'olga@acme.dev', '-f', key]).status,
  ).toBe(0);
  writeFileSync(
    join(keys, 'allowed_signers'),
    `olga@acme.dev ${readFileSync(`${key}.pub`, 'utf8').trim()}\n`,
  );
  git(['init', '-q', '-b', 'main']);
  for (const [k, v] of [
    ['user.name', 'Olga Owner'],
    ['user.email', 'olga@acme.dev'],
    ['user.signingkey', key],
    ['gpg.format', 'ssh'],
    ['gpg.ssh.allowedSignersFile', join(keys, 'allowed_signers')],
  ]) {
    git(['config', k!, v!]);
  }
  write({
    'thaiyyal.config.yaml': `version: 1
governance:
  security:
    owners: ['@acme/security']
  teams:
    '@acme/security': ['@sam', sam@acme.dev]
`,
    '.github/CODEOWNERS': '/workflows/ @acme/ops olga@acme.dev\n',
    'workflows/deploy.yaml': WF('  target: {type: string, default: staging}\n'),
  });
  git(['add', '-A']);
  git(['commit', '-q', '--no-gpg-sign', '-m', 'base']);
  base = git(['rev-parse', 'HEAD']);
  git(['checkout', '-q', '-b', 'feature']);
  // major (an input removed) and security-sensitive (a new secret)
  write({
    'workflows/deploy.yaml': WF(
      '  region: {type: string, default: eu}\n',
      'deploying with ${{ secrets.DEPLOY_TOKEN }}',
    ),
  });
  git([
    '-c',
    'user.name=Ada',
    '-c',
    'user.email=ada@acme.dev',
    'commit',
    '-q',
    '--no-gpg-sign',
    '-am',
    'regions',
  ]);
  head = git(['rev-parse', 'HEAD']);

  gh = await startFakeGitHub({
    teams: { 'acme/ops': ['otto', 'oona'] },
    pulls: {
      42: {
        number: 42,
        title: 'Deploy to a second region',
        author: 'ada',
        baseSha: base,
        headSha: head,
        files: [{ filename: 'workflows/deploy.yaml', status: 'modified' }],
        reviews: [
          { login: 'otto', state: 'APPROVED', commit: head },
          { login: 'ada', state: 'APPROVED', commit: head },
        ],
        commits: [{ sha: head, login: 'ada' }],
      },
    },
  });
  event = join(dir, '.git', 'event.json');
  writeFileSync(event, JSON.stringify({ action: 'opened', number: 42, pull_request: { number: 42 } }));
});
afterAll(async () => {
  await gh.close();
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
});

const ghEnv = (extra: Record<string, string | undefined> = {}) => ({
  GITHUB_TOKEN: gh.state.token,
  GITHUB_REPOSITORY: 'acme/flows',
  GITHUB_API_URL: gh.url,
  GITHUB_EVENT_PATH: undefined,
  ...extra,
});

describe('thaiyyal approvals check --pr', () => {
  it('blocks with what is missing (exit 1), reading the workflows from the local clone', async () => {
    gh.state.requests.length = 0;
    const r = await runCli(['approvals', 'check', '--pr', '42'], { cwd: dir, env: ghEnv() });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('✗ blocked  acme/flows#42 Deploy to a second region  (2 missing)');
    expect(r.stdout).toContain('workflows/deploy.yaml (deploy)  major  modified');
    expect(r.stdout).toContain('  ! new secret referenced: secrets.DEPLOY_TOKEN');
    expect(r.stdout).toContain(
      '  ✗ workflows/deploy.yaml: a major change needs 1 more approval from @acme/ops, olga@acme.dev (1 of 2: @otto)',
    );
    expect(r.stdout).toContain(
      '  – @ada: the author cannot approve their own change (governance.selfApproval is false)',
    );
    // both commits are in the clone: no contents API calls
    expect(gh.state.requests.filter((q) => q.url.includes('/contents/'))).toEqual([]);
    expect(r.stdout).not.toContain(gh.state.token);
  });

  it('approves once the owners and the security owner approve (exit 0, --json, --set-status)', async () => {
    const pr = gh.state.pulls[42]!;
    const saved = pr.reviews;
    pr.reviews = [
      ...saved,
      { login: 'oona', state: 'APPROVED', commit: head },
      { login: 'sam', state: 'APPROVED', commit: head },
    ];
    try {
      const r = await runCli(['approvals', 'check', '--set-status', '--json'], {
        cwd: dir,
        env: ghEnv({ GITHUB_EVENT_PATH: event }),
      });
      expect(r.exitCode).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report).toMatchObject({
        version: 1,
        verdict: 'approved',
        missing: [],
        mode: 'github',
        target: { pr: 42, base, head },
        status: { context: 'thaiyyal/approvals', state: 'success' },
      });
      expect(gh.state.statuses.at(-1)).toEqual({
        sha: head,
        body: {
          state: 'success',
          context: 'thaiyyal/approvals',
          description: 'approved: every governance rule is met',
          target_url: 'https://github.com/acme/flows/pull/42',
        },
      });
    } finally {
      pr.reviews = saved;
    }
  });

  it.each([
    [['--pr', '404'], {}, /pull request #404 not found in acme\/flows \(404\)/],
    [
      ['--pr', '42'],
      { GITHUB_TOKEN: 'ghs_expired' },
      /GitHub rejected the token \(401 Bad credentials\).*invalid or has expired/,
    ],
    [['--pr', '42'], { GITHUB_TOKEN: undefined, GH_TOKEN: undefined }, /GITHUB_TOKEN is not set/],
    [[], {}, /pass --pr N \(GitHub\) or --git/],
  ] as const)('%j %j → exit 2 with a clear message', async (args, env, message) => {
    const r = await runCli(['approvals', 'check', ...args], { cwd: dir, env: ghEnv(env) });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.stderr).not.toContain('ghs_expired');
  });

  it('says when the API cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((r) => closed.close(() => r()));
    const r = await runCli(['approvals', 'check', '--pr', '42'], {
      cwd: dir,
      env: ghEnv({ GITHUB_API_URL: `http://127.0.0.1:${port}` }),
    });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(
      `cannot reach the GitHub API at http://127.0.0.1:${port} (ECONNREFUSED) while reading pull request #42`,
    );
  });

  it('reports a rate limit with its reset time, as JSON under --json', async () => {
    gh.state.rateLimited = '403';
    try {
      const r = await runCli(['approvals', 'check', '--pr', '42', '--json'], { cwd: dir, env: ghEnv() });
      expect(r.exitCode).toBe(2);
      expect(r.stdout + r.stderr).toContain(
        `GitHub API rate limit exceeded while reading pull request #42; it resets at ${new Date(gh.resetAt * 1000).toISOString()}`,
      );
    } finally {
      delete gh.state.rateLimited;
    }
  });

  it('refuses --git with --pr', async () => {
    const r = await runCli(['approvals', 'check', '--git', '--pr', '1'], { cwd: dir, env: ghEnv() });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--pr=1 cannot also be provided when using --git|cannot also be provided/);
  });
});

describe('thaiyyal approvals check --git', () => {
  it('counts a signed Approved-by trailer and says what else is missing', async () => {
    git([
      'commit',
      '-q',
      '--allow-empty',
      '-S',
      '-m',
      'Approve',
      '--trailer',
      'Approved-by: Olga Owner <olga@acme.dev>',
    ]);
    try {
      const r = await runCli(['approvals', 'check', '--git', '--base', 'main', '--json'], { cwd: dir });
      expect(r.exitCode).toBe(1);
      const report = JSON.parse(r.stdout);
      expect(report.mode).toBe('git');
      expect(report.missing.map((m: { message: string }) => m.message)).toEqual([
        'workflows/deploy.yaml: a major change needs 1 more approval from @acme/ops, olga@acme.dev (1 of 2: Olga Owner <olga@acme.dev>)',
        'workflows/deploy.yaml: a security-sensitive change (new secret referenced: secrets.DEPLOY_TOKEN) needs 1 more approval from @acme/security (0 of 1)',
      ]);
      expect(report.ignored).toEqual([]);
    } finally {
      git(['reset', '-q', '--hard', head]);
    }
  });

  it('exit 2 for an unknown base', async () => {
    const r = await runCli(['approvals', 'check', '--git', '--base', 'nope'], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--base nope: no such commit in this repository');
  });
});

describe('thaiyyal approvals policy', () => {
  it('prints the effective policy', async () => {
    const r = await runCli(['approvals', 'policy'], { cwd: dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('  owners:    @acme/security');
    expect(r.stdout).toContain('CODEOWNERS: .github/CODEOWNERS (1 rule)');
    const j = await runCli(['approvals', 'policy', '--json'], { cwd: dir });
    expect(JSON.parse(j.stdout).policy.teams).toEqual({ '@acme/security': ['@sam', 'sam@acme.dev'] });
  });

  it('exit 2 on an invalid governance section', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'thaiyyal-bad-policy-'));
    cleanup.push(bad);
    mkdirSync(join(bad, '.git'));
    writeFileSync(join(bad, 'thaiyyal.config.yaml'), 'version: 1\ngovernance:\n  approvals: {majr: 1}\n');
    const r = await runCli(['approvals', 'policy'], { cwd: bad });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('unknown key "majr" in "governance.approvals"; did you mean "major"?');
  });
});

// ------------------------------------------------------------------ documented examples

/** A shell with `thaiyyal` (this checkout) and a `gh` that prints the test token on PATH. */
function shellEnv(): NodeJS.ProcessEnv {
  const bin = join(dir, '.git', 'test-bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'thaiyyal'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  writeFileSync(join(bin, 'gh'), `#!/bin/sh\necho ${gh.state.token}\n`);
  chmodSync(join(bin, 'thaiyyal'), 0o755);
  chmodSync(join(bin, 'gh'), 0o755);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CI: '1',
    NO_COLOR: '1',
    OCLIF_COLUMNS: '400',
    PATH: `${bin}${delimiter}${process.env['PATH'] ?? ''}`,
    GITHUB_REPOSITORY: 'acme/flows',
    GITHUB_API_URL: gh.url,
    GITHUB_EVENT_PATH: event,
    GITHUB_TOKEN: gh.state.token,
  };
  delete env['NODE_ENV'];
  return env;
}

/** Runs a shell command without blocking the event loop (the fake GitHub lives in this process). */
function runShell(
  command: string,
  extraEnv: Record<string, string> = {},
  args: string[] = ['-o', 'pipefail', '-c'],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [...args, command], { cwd: dir, env: { ...shellEnv(), ...extraEnv } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** The example commands of the ```sh blocks of a page. */
function docCommands(file: string): string[] {
  const text = readFileSync(join(REPO_ROOT, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const line of m[1]!.split('\n')) if (line.trim() !== '' && !line.startsWith('#')) out.push(line);
  }
  return out;
}

async function helpExamples(id: string[]): Promise<string[]> {
  const r = await runShell(`thaiyyal ${id.join(' ')} --help`);
  expect(r.status).toBe(0);
  const lines = r.stdout.split('\n');
  const start = lines.indexOf('EXAMPLES');
  return lines
    .slice(start + 1)
    .filter((l) => /^ {4}\$ /.test(l))
    .map((l) => l.trim().replace(/^\$ /, ''));
}

describe('documented examples run', () => {
  const pages = ['docs/commands/approvals.md', 'docs/governance.md'];
  it('finds them', () => {
    expect(docCommands(pages[0]!).length).toBeGreaterThanOrEqual(5);
  });
  for (const page of pages) {
    it(`${page}: every command exits with a verdict (0 or 1), never 2`, async () => {
      try {
        for (const command of docCommands(page)) {
          const r = await runShell(command);
          expect([0, 1], `\`${command}\` exited ${r.status}\n${r.stdout}\n${r.stderr}`).toContain(r.status);
          expect(r.stderr).not.toContain('internal error');
        }
      } finally {
        git(['reset', '-q', '--hard', head]);
      }
    });
  }

  it('the --help examples of approvals check and policy run', async () => {
    const examples = [
      ...(await helpExamples(['approvals', 'check'])),
      ...(await helpExamples(['approvals', 'policy'])),
    ];
    expect(examples.length).toBe(5);
    for (const example of examples) {
      const r = await runShell(example);
      expect([0, 1], `\`${example}\` exited ${r.status}\n${r.stdout}\n${r.stderr}`).toContain(r.status);
    }
  });

  it('every --json example in approvals.md has the keys the command prints', async () => {
    const text = readFileSync(join(REPO_ROOT, 'docs/commands/approvals.md'), 'utf8');
    const documented = JSON.parse(/### `--json`\n\n```json\n([\s\S]*?)```/.exec(text)![1]!);
    const r = await runCli(['approvals', 'check', '--pr', '42', '--json'], { cwd: dir, env: ghEnv() });
    const actual = JSON.parse(r.stdout);
    expect(Object.keys(actual).sort()).toEqual(Object.keys(documented).sort());
    expect(Object.keys(actual.items[0]).sort()).toEqual(Object.keys(documented.items[0]).sort());
    expect(Object.keys(actual.missing[0]).sort()).toEqual(Object.keys(documented.missing[0]).sort());
  });
});

describe('the GitHub Action in approvals mode', () => {
  it('runs approvals check with --set-status and writes the job summary', async () => {
    const action = parse(readFileSync(join(REPO_ROOT, '.github/actions/thaiyyal/action.yml'), 'utf8')) as {
      inputs: Record<string, { default?: string }>;
      runs: { steps: { id?: string; if?: string; run: string; env?: Record<string, string> }[] };
    };
    expect(action.inputs['mode']?.default).toBe('lint');
    const step = action.runs.steps.find((s) => s.id === 'approvals')!;
    expect(step.if).toBe("inputs.mode == 'approvals'");
    const temp = mkdtempSync(join(tmpdir(), 'thaiyyal-runner-'));
    cleanup.push(temp);
    const summary = join(temp, 'summary.md');
    writeFileSync(summary, '');
    const before = gh.state.statuses.length;
    const r = await runShell(
      step.run,
      {
        THAIYYAL: `node ${BIN}`,
        INPUT_SET_STATUS: 'true',
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_OUTPUT: join(temp, 'out'),
      },
      ['--noprofile', '--norc', '-eo', 'pipefail', '-c'],
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('✗ blocked  acme/flows#42');
    expect(readFileSync(summary, 'utf8')).toMatch(
      /^### thaiyyal approvals\n```\n✗ blocked {2}acme\/flows#42/,
    );
    expect(gh.state.statuses.slice(before).map((s) => s.body['state'])).toEqual(['failure']);
  });
});

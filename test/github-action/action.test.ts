/**
 * The composite action .github/actions/thaiyyal, run locally as a runner would: action.yml is
 * parsed, each step's `run:` is executed with bash in its working directory, with the step's
 * `env:` (`${{ inputs.* }}` and `${{ steps.*.outputs.* }}` substituted), the GITHUB_* variables
 * and event payload of a pull request or push, a GITHUB_OUTPUT file per step and RUNNER_TEMP.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, makeRepo, type TempRepo } from '../helpers/cli.js';

const ACTION_DIR = join(REPO_ROOT, '.github', 'actions', 'thaiyyal');

interface Step {
  id?: string;
  name?: string;
  if?: string;
  run: string;
  shell: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

interface StepRun {
  name: string;
  skipped: boolean;
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs the action's steps; returns each step's result and the action's outputs. */
function runAction(workspace: string, inputs: Record<string, string>, github: Record<string, string>) {
  const action = parse(readFileSync(join(ACTION_DIR, 'action.yml'), 'utf8')) as Action;
  expect(action.runs.using).toBe('composite');
  const temp = mkdtempSync(join(tmpdir(), 'thaiyyal-runner-temp-'));
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.inputs)) values[k] = inputs[k] ?? v.default ?? '';
  const outputs: Record<string, Record<string, string>> = {};
  const expr = (e: string): string => {
    const s = e.trim();
    let m = /^inputs\.([\w-]+)$/.exec(s);
    if (m) return values[m[1]!] ?? '';
    m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(s);
    if (m) return outputs[m[1]!]?.[m[2]!] ?? '';
    m = /^github\.([\w_]+)$/.exec(s);
    if (m) return { workspace, action_path: ACTION_DIR }[m[1]!] ?? '';
    throw new Error(`expression not supported by the test runner: ${s}`);
  };
  const subst = (text: string) => text.replace(/\$\{\{(.*?)\}\}/g, (_, e: string) => expr(e));
  const condition = (c: string | undefined, failed: boolean): boolean => {
    if (c === undefined) return !failed;
    if (c.trim() === 'always()') return true;
    const m = /^(.+?) (!=|==) '(.*)'$/.exec(c.trim());
    if (!m) throw new Error(`condition not supported by the test runner: ${c}`);
    const v = expr(m[1]!);
    return !failed && (m[2] === '==' ? v === m[3] : v !== m[3]);
  };
  const steps: StepRun[] = [];
  let failed = false;
  for (const [i, step] of action.runs.steps.entries()) {
    const name = step.name ?? `step ${i}`;
    if (!condition(step.if, failed)) {
      steps.push({ name, skipped: true, exitCode: 0, stdout: '', stderr: '' });
      continue;
    }
    expect(step.shell).toBe('bash');
    const outFile = join(temp, `output-${i}`);
    writeFileSync(outFile, '');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CI: 'true',
      NO_COLOR: '1',
      GITHUB_ACTIONS: 'true',
      ...github,
    };
    delete env['NODE_ENV'];
    Object.assign(env, {
      GITHUB_WORKSPACE: workspace,
      GITHUB_ACTION_PATH: ACTION_DIR,
      GITHUB_OUTPUT: outFile,
      RUNNER_TEMP: temp,
    });
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = subst(String(v));
    const script = join(temp, `step-${i}.sh`);
    writeFileSync(script, subst(step.run));
    // GitHub runs `shell: bash` as `bash --noprofile --norc -eo pipefail {0}`.
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: join(workspace, subst(step['working-directory'] ?? '.')),
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (step.id) {
      outputs[step.id] = Object.fromEntries(
        readFileSync(outFile, 'utf8')
          .split('\n')
          .filter((l) => l.includes('='))
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
    }
    steps.push({ name, skipped: false, exitCode: r.status ?? -1, stdout: r.stdout, stderr: r.stderr });
    if (r.status !== 0) failed = true;
  }
  const actionOutputs = Object.fromEntries(
    Object.entries(action.outputs).map(([k, o]) => [k, subst(o.value)]),
  );
  rmSync(temp, { recursive: true, force: true });
  return { steps, outputs: actionOutputs, step: (name: string) => steps.find((s) => s.name === name)! };
}

const WF = (name: string, body: string) =>
  `apiVersion: thaiyyal.dev/v1\nkind: Workflow\nname: ${name}\ndescription: Test.\nowners: [team-a]\nnodes:\n${body}`;
const WARN = WF('old', '  fetch:\n    type: http\n    url: https://example.com/a\n');
const ERROR = WF('new', '  fetch:\n    type: htp\n    url: https://example.com/b\n');

const git = (dir: string, ...args: string[]) => {
  const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
};

let repo: TempRepo;
afterEach(() => repo?.cleanup());

async function prRepo() {
  repo = await makeRepo({ 'workflows/old.yaml': WARN, 'docker-compose.yml': 'services: {}\n' });
  git(repo.dir, 'add', '.');
  git(repo.dir, 'commit', '-qm', 'base');
  const base = git(repo.dir, 'rev-parse', 'HEAD');
  await repo.write({ 'workflows/new.yaml': ERROR, 'docker-compose.yml': 'services: {web: {}}\n' });
  git(repo.dir, 'add', '.');
  git(repo.dir, 'commit', '-qm', 'change');
  const head = git(repo.dir, 'rev-parse', 'HEAD');
  const event = join(repo.dir, '..', `${repo.dir.split('/').pop()}-event.json`);
  writeFileSync(
    event,
    JSON.stringify({ pull_request: { base: { sha: base, ref: 'main' }, head: { sha: head } } }),
  );
  return { base, head, event };
}

describe('.github/actions/thaiyyal', () => {
  it('on a pull request: lints the changed workflow files, annotates, writes SARIF, fails on errors', async () => {
    const { event } = await prRepo();
    try {
      const run = runAction(
        repo.dir,
        { command: `node ${BIN}` },
        { GITHUB_EVENT_PATH: event, GITHUB_EVENT_NAME: 'pull_request', GITHUB_BASE_REF: 'main' },
      );
      expect(run.step('Install thaiyyal').exitCode).toBe(0);
      expect(run.step('Find workflow files to lint').stdout).toContain('linting workflows/new.yaml');
      expect(run.step('Register the problem matcher').stdout).toBe(
        `::add-matcher::${ACTION_DIR}/thaiyyal-matcher.json\n`,
      );
      const lint = run.step('thaiyyal lint');
      expect(lint.exitCode).toBe(1);
      expect(lint.stdout).toMatch(
        /^::error file=workflows\/new\.yaml,line=8,col=11,endLine=8,endColumn=14,title=unknown-node-type::unknown node type "htp"/m,
      );
      expect(lint.stdout).not.toContain('old.yaml');
      expect(lint.stdout).not.toContain('docker-compose');
      expect(run.step('Unregister the problem matcher').skipped).toBe(false);
      expect(run.outputs).toEqual({ files: '1', 'sarif-file': 'thaiyyal.sarif', 'exit-code': '1' });
      const sarif = JSON.parse(readFileSync(join(repo.dir, 'thaiyyal.sarif'), 'utf8'));
      expect(sarif.version).toBe('2.1.0');
      expect(sarif.runs[0].tool.driver.name).toBe('thaiyyal');
      expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain('unknown-node-type');
      expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
        'workflows/new.yaml',
      );
    } finally {
      rmSync(event, { force: true });
    }
  });

  it('on a push that changes no workflow: lints nothing and passes', async () => {
    repo = await makeRepo({ 'workflows/old.yaml': WARN, 'README.md': 'a\n' });
    git(repo.dir, 'add', '.');
    git(repo.dir, 'commit', '-qm', 'base');
    const before = git(repo.dir, 'rev-parse', 'HEAD');
    await repo.write({ 'README.md': 'b\n' });
    git(repo.dir, 'commit', '-qam', 'docs');
    const event = join(repo.dir, 'event.json');
    writeFileSync(event, JSON.stringify({ before, after: git(repo.dir, 'rev-parse', 'HEAD') }));
    const run = runAction(
      repo.dir,
      { command: `node ${BIN}` },
      { GITHUB_EVENT_PATH: event, GITHUB_EVENT_NAME: 'push' },
    );
    expect(run.step('Find workflow files to lint').stdout).toContain('no workflow file changed');
    expect(run.step('thaiyyal lint').skipped).toBe(true);
    expect(run.steps.every((s) => s.exitCode === 0)).toBe(true);
    expect(run.outputs.files).toBe('0');
    expect(existsSync(join(repo.dir, 'thaiyyal.sarif'))).toBe(false);
  });

  it('with paths and max-warnings given, and no event: lints the paths', async () => {
    repo = await makeRepo({ 'workflows/old.yaml': WARN, 'other/x.yaml': ERROR });
    const run = runAction(
      repo.dir,
      {
        command: `node ${BIN}`,
        paths: 'workflows\n',
        'max-warnings': '0',
        format: 'compact',
        'sarif-file': '',
      },
      { GITHUB_EVENT_NAME: 'workflow_dispatch' },
    );
    const lint = run.step('thaiyyal lint');
    expect(lint.stdout).toMatch(/^workflows\/old\.yaml:7:3: .*\[missing-timeout\] \(warning\)$/m);
    expect(lint.stdout).not.toContain('other/x.yaml');
    expect(lint.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ 'exit-code': '1', 'sarif-file': '' });
  });

  it('the matcher and README document what action.yml declares', () => {
    const action = parse(readFileSync(join(ACTION_DIR, 'action.yml'), 'utf8')) as Action;
    const readme = readFileSync(join(ACTION_DIR, 'README.md'), 'utf8');
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)])
      expect(readme).toContain(`| \`${name}\` |`);
    expect(readme).toContain('github/codeql-action/upload-sarif');
  });
});

/**
 * `thaiyyal version check` end to end, and the GitHub Action's `version-check` step run as a runner would (bash,
 * its env, a shallow clone it unshallows first).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, runCli } from '../helpers/cli.js';
import { gitFixture, HELLO_V1, wfText, type Fixture } from '../core/versioning/git-fixture.js';

let fx: Fixture | undefined;
afterEach(() => fx?.cleanup());

const BREAKING = HELLO_V1.replace(/outputs:[\s\S]*$/, '');

describe('thaiyyal version check', () => {
  it('exit 0 when reflected, 1 when not; --json', async () => {
    fx = gitFixture({ 'hello.yaml': wfText('hello', HELLO_V1, '1.0.0') });
    fx.commit('init');
    let r = await runCli(['release'], { cwd: fx.dir });
    expect(r.exitCode, r.stderr).toBe(0);
    r = await runCli(['version', 'check'], { cwd: fx.dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('✓ hello hello.yaml: up to date with 1.0.0\n\nversions reflect the changes\n');

    fx.write({ 'hello.yaml': wfText('hello', BREAKING, '1.0.0') });
    r = await runCli(['version', 'check'], { cwd: fx.dir });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain(
      '✗ hello hello.yaml: major changes since 1.0.0 but the file still declares version 1.0.0; set version: 2.0.0',
    );
    expect(r.stdout).toContain('- output text removed');
    r = await runCli(['version', 'check', 'hello', '--json'], { cwd: fx.dir });
    expect(r.exitCode).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(false);
    expect(doc.workflows[0]).toMatchObject({
      workflow: 'hello',
      declared: '1.0.0',
      latest: '1.0.0',
      bump: 'major',
      next: '2.0.0',
    });

    fx.write({ 'hello.yaml': wfText('hello', BREAKING, '2.0.0') });
    r = await runCli(['version', 'check'], { cwd: fx.dir });
    expect(r.exitCode).toBe(0);
  }, 120_000);

  it('docs/commands/version.md: the example prints what the page shows', async () => {
    const page = readFileSync(join(REPO_ROOT, 'docs/commands/version.md'), 'utf8');
    const shown = /```text\n\$ thaiyyal version check\n([\s\S]*?)```/.exec(page)![1]!;
    const greet = (type: string) =>
      wfText('greet', `inputs:\n  name: {type: ${type}}\nnodes:\n  a: {type: log, message: hi}\n`, '1.0.0');
    const stars = (outputs: string) =>
      wfText('stars', `nodes:\n  a: {type: log, message: hi}\noutputs: {${outputs}}\n`);
    fx = gitFixture({ 'lib/greet.yaml': greet('string'), 'workflows/stars.yaml': stars('n: 1') });
    fx.commit('init');
    fx.tag('greet@1.0.0');
    fx.tag('stars@1.2.0');
    fx.write({ 'lib/greet.yaml': greet('number'), 'workflows/stars.yaml': stars('n: 1, m: 2') });
    const r = await runCli(['version', 'check'], { cwd: fx.dir });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe(shown);
  });

  it('a shallow clone: exit 2, saying how to fetch the history', async () => {
    fx = gitFixture({ 'hello.yaml': wfText('hello', HELLO_V1) });
    fx.commit('one');
    fx.commit('two', { 'x.txt': 'x' });
    const clone = mkdtempSync(join(tmpdir(), 'thaiyyal-shallow-'));
    try {
      fx.git('clone', '-q', '--depth', '1', `file://${fx.dir}`, clone);
      const r = await runCli(['version', 'check'], { cwd: clone });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain('shallow clone');
      expect(r.stderr).toContain('git fetch --unshallow --tags');
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });
});

describe('GitHub Action, mode: version-check', () => {
  interface Step {
    id?: string;
    if?: string;
    run: string;
    env?: Record<string, string>;
  }

  function runStep(workspace: string): { code: number | null; stdout: string; summary: string } {
    const action = parse(readFileSync(join(REPO_ROOT, '.github/actions/thaiyyal/action.yml'), 'utf8')) as {
      inputs: Record<string, { description: string }>;
      runs: { steps: Step[] };
    };
    expect(action.inputs['mode']!.description).toContain('version-check');
    const step = action.runs.steps.find((s) => s.id === 'version-check')!;
    expect(step.if).toBe("inputs.mode == 'version-check'");
    const temp = mkdtempSync(join(tmpdir(), 'thaiyyal-runner-'));
    const summary = join(temp, 'summary.md');
    writeFileSync(summary, '');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CI: 'true',
      NO_COLOR: '1',
      GITHUB_STEP_SUMMARY: summary,
    };
    delete env['NODE_ENV'];
    env['THAIYYAL'] = `${process.execPath} ${BIN}`;
    const script = join(temp, 'step.sh');
    writeFileSync(script, step.run);
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: workspace,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const out = { code: r.status, stdout: r.stdout, summary: readFileSync(summary, 'utf8') };
    rmSync(temp, { recursive: true, force: true });
    return out;
  }

  it('unshallows a shallow checkout, then fails the step when a version is not reflected', async () => {
    fx = gitFixture({ 'hello.yaml': wfText('hello', HELLO_V1, '1.0.0') });
    fx.commit('init');
    expect((await runCli(['release'], { cwd: fx.dir })).exitCode).toBe(0);
    fx.commit('breaking', { 'hello.yaml': wfText('hello', BREAKING, '1.0.0') });
    const clone = mkdtempSync(join(tmpdir(), 'thaiyyal-checkout-'));
    try {
      fx.git('clone', '-q', '--depth', '1', `file://${fx.dir}`, clone);
      const r = runStep(clone);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('set version: 2.0.0');
      expect(r.summary).toContain('### thaiyyal version check');
      fx.commit('fix', { 'hello.yaml': wfText('hello', BREAKING, '2.0.0') });
      spawnSync('git', ['pull', '-q', '--ff-only'], { cwd: clone });
      expect(runStep(clone).code).toBe(0);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  }, 120_000);
});

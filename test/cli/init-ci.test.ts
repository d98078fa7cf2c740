/**
 * `thaiyyal init` for CI: the scaffolded package.json pins thaiyyal, the GitHub workflow
 * installs it and runs only that copy, the `$schema` path resolves once it is installed, and
 * bad targets are clear user errors.
 */
import { spawnSync } from 'node:child_process';
import { access, mkdir, readFile, symlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT, makeRepo, runCli, type TempRepo } from '../helpers/cli.js';

const OUR_PACKAGE = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  version: string;
  files: string[];
};

interface GithubWorkflow {
  permissions?: Record<string, string>;
  jobs: Record<
    string,
    { steps: { name?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown> }[] }
  >;
}

let repo: TempRepo;
beforeEach(async () => {
  repo = await makeRepo();
});
afterEach(() => repo.cleanup());

/** A CI-like, offline environment (NODE_ENV=test from vitest would make oclif look for a TS loader). */
function ciEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CI: '1',
    NO_COLOR: '1',
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
  };
  delete env['NODE_ENV'];
  return env;
}

/** What `npm install` leaves behind for our package: node_modules/thaiyyal and its bin link. */
async function fakeInstall(dir: string): Promise<void> {
  await mkdir(join(dir, 'node_modules', '.bin'), { recursive: true });
  await symlink(REPO_ROOT, join(dir, 'node_modules', 'thaiyyal'), 'dir');
  await symlink(join('..', 'thaiyyal', 'bin', 'run.js'), join(dir, 'node_modules', '.bin', 'thaiyyal'));
}

describe('thaiyyal init: package.json and CI', () => {
  it('writes package.json pinning this version and tells the user to npm install', async () => {
    const r = await runCli(['init'], { cwd: repo.dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('created package.json');
    expect(r.stdout).toMatch(/^ {2}npm install\s+#/m);
    const pkg = JSON.parse(await readFile(join(repo.dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({ private: true, devDependencies: { thaiyyal: `^${OUR_PACKAGE.version}` } });
  });

  it('keeps an existing package.json and says to add the devDependency', async () => {
    await repo.write({ 'package.json': '{"name": "mine"}\n' });
    const r = await runCli(['init'], { cwd: repo.dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toContain('created package.json');
    expect(r.stdout).toContain('kept package.json');
    expect(r.stdout).toContain(`npm install --save-dev thaiyyal@^${OUR_PACKAGE.version}`);
    expect(await readFile(join(repo.dir, 'package.json'), 'utf8')).toBe('{"name": "mine"}\n');
    const json = await runCli(['init', '--force', '--json'], { cwd: repo.dir });
    expect(JSON.parse(json.stdout)).toMatchObject({ existingPackageJson: { hasThaiyyal: false } });
  });

  it('the GitHub workflow is read-only, installs from package.json and runs the installed thaiyyal', async () => {
    expect((await runCli(['init'], { cwd: repo.dir })).exitCode).toBe(0);
    const wf = parse(
      await readFile(join(repo.dir, '.github/workflows/thaiyyal.yml'), 'utf8'),
    ) as GithubWorkflow;
    expect(wf.permissions).toEqual({ contents: 'read' });
    const steps = Object.values(wf.jobs)[0]!.steps;
    const install = steps.find((s) => s.name === 'Install')!;
    expect(install.run).toMatch(/npm ci/);
    expect(install.run).toMatch(/else npm install/);
    const after = steps.slice(steps.indexOf(install) + 1).flatMap((s) => (s.run ? [s.run] : []));
    expect(after).toEqual([
      'npx thaiyyal validate workflows/',
      'npx thaiyyal version check',
      'npx thaiyyal run workflows/hello.yaml',
    ]);
    // The version check runs on pull requests, with the tags it compares against.
    expect(steps.find((s) => s.run === 'npx thaiyyal version check')).toMatchObject({
      if: "github.event_name == 'pull_request'",
    });
    expect(steps[0]).toMatchObject({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    // Nothing may download an unpinned thaiyyal.
    for (const s of steps) expect(s.run ?? '').not.toMatch(/--yes|thaiyyal@/);

    // Run those steps as CI would after `npm install`, offline: they must use node_modules/.bin.
    await fakeInstall(repo.dir);
    for (const command of after) {
      const r = spawnSync('sh', ['-c', command], {
        cwd: repo.dir,
        encoding: 'utf8',
        timeout: 25_000,
        env: ciEnv(),
      });
      expect(r.status, `${command}\n${r.stdout}\n${r.stderr}`).toBe(0);
    }
  });

  it('the $schema path of the scaffolded workflow resolves in the installed package', async () => {
    expect((await runCli(['init'], { cwd: repo.dir })).exitCode).toBe(0);
    await fakeInstall(repo.dir);
    const hello = join(repo.dir, 'workflows', 'hello.yaml');
    const schema = /\$schema=(\S+)/.exec(await readFile(hello, 'utf8'))![1]!;
    expect(schema).toMatch(/^\.\.\/node_modules\/thaiyyal\/schemas\//);
    await access(resolve(dirname(hello), schema));
    // …and `npm publish` ships that folder (and the templates init copies).
    expect(OUR_PACKAGE.files).toEqual(expect.arrayContaining(['schemas', 'templates', 'bin', 'dist']));
  });

  it('a file as DIR is a usage error (exit 2), not an internal error', async () => {
    await repo.write({ afile: 'x' });
    const r = await runCli(['init', 'afile'], { cwd: repo.dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('afile is a file, not a directory');
    expect(r.stderr).not.toMatch(/internal error|ENOTDIR/);
  });
});

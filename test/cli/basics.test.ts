import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeRepo, REPO_ROOT, runCli, type TempRepo } from '../helpers/cli.js';

const COMMANDS = ['run', 'validate', 'graph', 'nodes', 'init'];

let repo: TempRepo;
beforeAll(async () => {
  repo = await makeRepo();
});
afterAll(() => repo.cleanup());

describe('thaiyyal', () => {
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await runCli(['--version'], { cwd: repo.dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`thaiyyal/${pkg.version}`);
    expect(r.stderr).toBe('');
  });

  it('--help lists every command', async () => {
    const r = await runCli(['--help'], { cwd: repo.dir });
    expect(r.exitCode).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^\\s+${c}\\s`, 'm'));
  });

  it.each(COMMANDS)('%s --help has a summary, usage and runnable examples', async (cmd) => {
    const r = await runCli([cmd, '--help'], { cwd: repo.dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('USAGE');
    expect(r.stdout).toContain(`$ thaiyyal ${cmd}`);
    expect(r.stdout).toContain('EXAMPLES');
    expect(r.stderr).toBe('');
  });

  it('an unknown flag is a usage error (exit 2) that points at --help, without a stack trace', async () => {
    const r = await runCli(['validate', 'x.yaml', '--nope'], { cwd: repo.dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--nope');
    expect(r.stderr).toContain('thaiyyal validate --help');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

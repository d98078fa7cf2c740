import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeRepo, runCli, type TempRepo } from '../helpers/cli.js';

const FILES = [
  '.github/workflows/thaiyyal.yml',
  '.gitignore',
  'package.json',
  'thaiyyal.config.yaml',
  'workflows/hello.yaml',
];

let repo: TempRepo;
beforeEach(async () => {
  repo = await makeRepo();
});
afterEach(() => repo.cleanup());

describe('thaiyyal init', () => {
  it('scaffolds the project and prints next steps', async () => {
    const r = await runCli(['init'], { cwd: repo.dir });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    for (const f of FILES) {
      await access(join(repo.dir, f));
      expect(r.stdout).toContain(`created ${f}`);
    }
    expect(r.stdout).toContain('Next steps:');
    expect(await readFile(join(repo.dir, '.gitignore'), 'utf8')).toMatch(/^\.thaiyyal\/$/m);
    const hello = await readFile(join(repo.dir, 'workflows/hello.yaml'), 'utf8');
    expect(hello.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../node_modules/thaiyyal/schemas/workflow.schema.json',
    );
  });

  it('scaffolds into a new directory, --json lists the files', async () => {
    const r = await runCli(['init', 'sub/project', '--json'], { cwd: repo.dir });
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout) as { dir: string; files: { path: string; action: string }[] };
    expect(doc.dir).toBe('sub/project');
    expect(doc.files.map((f) => f.path).sort()).toEqual(FILES);
    expect(new Set(doc.files.map((f) => f.action))).toEqual(new Set(['created']));
  });

  it('refuses to overwrite, naming the files, and writes nothing', async () => {
    await repo.write({ '.gitignore': 'mine\n', 'thaiyyal.config.yaml': 'version: 1\n' });
    const r = await runCli(['init'], { cwd: repo.dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('refusing to overwrite 2 existing files');
    expect(r.stderr).toContain('.gitignore');
    expect(r.stderr).toContain('thaiyyal.config.yaml');
    expect(r.stderr).toContain('--force');
    expect(await readFile(join(repo.dir, '.gitignore'), 'utf8')).toBe('mine\n');
    await expect(access(join(repo.dir, 'workflows/hello.yaml'))).rejects.toThrow();
  });

  it('--force overwrites', async () => {
    await repo.write({ '.gitignore': 'mine\n' });
    const r = await runCli(['init', '--force'], { cwd: repo.dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('overwritten .gitignore');
    expect(await readFile(join(repo.dir, '.gitignore'), 'utf8')).toContain('.thaiyyal/');
  });

  it('the scaffolded workflow validates and runs', async () => {
    expect((await runCli(['init'], { cwd: repo.dir })).exitCode).toBe(0);
    const v = await runCli(['validate', 'workflows/'], { cwd: repo.dir });
    expect(v.stdout + v.stderr).toContain('all valid');
    expect(v.exitCode).toBe(0);
    const r = await runCli(
      ['run', 'workflows/hello.yaml', '--input', 'name=Ada', '--input', 'count=2', '--quiet'],
      {
        cwd: repo.dir,
      },
    );
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ greetings: ['Hello, Ada! (1)', 'Hello, Ada! (2)'], count: 2 });
  });
});

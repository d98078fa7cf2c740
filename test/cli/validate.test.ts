import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, runCli, type TempRepo } from '../helpers/cli.js';
import { INVALID_WORKFLOW, OK_WORKFLOW } from './fixtures.js';

let repo: TempRepo;
beforeAll(async () => {
  repo = await makeRepo({
    'ok.yaml': OK_WORKFLOW,
    'bad.yaml': INVALID_WORKFLOW,
    'workflows/a.yaml': OK_WORKFLOW,
    'workflows/nested/b.yml': OK_WORKFLOW,
    'workflows/node_modules/x.yaml': INVALID_WORKFLOW,
    'workflows/.hidden/y.yaml': INVALID_WORKFLOW,
    'workflows/thaiyyal.config.yaml': 'version: 1\n',
    'workflows/notes.txt': 'not a workflow',
    'empty/README.md': '# nothing here',
  });
});
afterAll(() => repo.cleanup());

describe('thaiyyal validate', () => {
  it('accepts a valid workflow', async () => {
    const r = await runCli(['validate', 'ok.yaml'], { cwd: repo.dir });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('1 file checked: all valid');
  });

  it('reports path:line:col: message [code] and exits 1 for an invalid workflow', async () => {
    const r = await runCli(['validate', 'ok.yaml', 'bad.yaml'], { cwd: repo.dir });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^bad\.yaml:6:\d+: .*htp.*\[unknown-node-type\]$/m);
    expect(r.stdout).toContain('2 files checked: 1 invalid');
  });

  it('--json prints one document with every file', async () => {
    const r = await runCli(['validate', 'ok.yaml', 'bad.yaml', '--json'], { cwd: repo.dir });
    expect(r.exitCode).toBe(1);
    const doc = JSON.parse(r.stdout) as {
      valid: boolean;
      files: {
        file: string;
        valid: boolean;
        diagnostics: { code: string; range: { start: { line: number } } }[];
      }[];
    };
    expect(doc.valid).toBe(false);
    expect(doc.files.map((f) => [f.file, f.valid])).toEqual([
      ['bad.yaml', false],
      ['ok.yaml', true],
    ]);
    expect(doc.files[0]!.diagnostics.map((d) => d.code)).toContain('unknown-node-type');
    expect(doc.files[1]!.diagnostics).toEqual([]);
  });

  it('walks directories for *.yaml and *.yml, skipping node_modules, dot-dirs and the config file', async () => {
    const r = await runCli(['validate', 'workflows', '--json'], { cwd: repo.dir });
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout) as { files: { file: string }[]; valid: boolean };
    expect(doc.files.map((f) => f.file)).toEqual(['workflows/a.yaml', 'workflows/nested/b.yml']);
    expect(doc.valid).toBe(true);
  });

  it('a missing path is a usage error (exit 2)', async () => {
    const r = await runCli(['validate', 'nope.yaml'], { cwd: repo.dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('nope.yaml: no such file or directory');
    expect(r.stdout).toBe('');
  });

  it('a directory without workflows is a usage error (exit 2)', async () => {
    const r = await runCli(['validate', 'empty'], { cwd: repo.dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('no *.yaml or *.yml workflow files');
  });

  it('a usage error under --json still leaves one JSON document on stdout', async () => {
    const r = await runCli(['validate', 'nope.yaml', '--json'], { cwd: repo.dir });
    expect(r.exitCode).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'path-not-found' } });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, runCli, type TempRepo } from '../helpers/cli.js';
import { INVALID_WORKFLOW, OK_WORKFLOW } from './fixtures.js';

let repo: TempRepo;
beforeAll(async () => {
  repo = await makeRepo({ 'wf.yaml': OK_WORKFLOW, 'bad.yaml': INVALID_WORKFLOW });
});
afterAll(() => repo.cleanup());

describe('thaiyyal graph', () => {
  it('text: levels with id (type) labels and (when) deps', async () => {
    const r = await runCli(['graph', 'wf.yaml'], { cwd: repo.dir });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(
      [
        'double: 3 nodes in 2 levels',
        'level 0',
        '  double (transform)',
        'level 1',
        '  maybe (log) ← double (when)',
        '  say (log) ← double',
        '',
      ].join('\n'),
    );
  });

  it('mermaid: a flowchart TD with a dashed when-edge', async () => {
    const r = await runCli(['graph', 'wf.yaml', '--format', 'mermaid'], { cwd: repo.dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('flowchart TD');
    expect(r.stdout).toContain('double["double (transform)"]');
    expect(r.stdout).toContain('double --> say');
    expect(r.stdout).toContain('double -.-> maybe');
  });

  it('dot: a digraph with a dashed when-edge', async () => {
    const r = await runCli(['graph', 'wf.yaml', '-f', 'dot'], { cwd: repo.dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^digraph "double" \{/);
    expect(r.stdout).toContain('"double" [label="double (transform)"];');
    expect(r.stdout).toContain('"double" -> "say";');
    expect(r.stdout).toContain('"double" -> "maybe" [style=dashed];');
    expect(r.stdout.trimEnd().endsWith('}')).toBe(true);
  });

  it('an invalid workflow exits 2 with its diagnostics', async () => {
    const r = await runCli(['graph', 'bad.yaml'], { cwd: repo.dir });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad\.yaml:6:\d+: .*\[unknown-node-type\]/);
  });

  it('rejects an unknown format', async () => {
    const r = await runCli(['graph', 'wf.yaml', '--format', 'png'], { cwd: repo.dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('png');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, runCli, type TempRepo } from '../helpers/cli.js';

let repo: TempRepo;
beforeAll(async () => {
  repo = await makeRepo();
});
afterAll(() => repo.cleanup());

describe('thaiyyal nodes', () => {
  it('lists node types as a table', async () => {
    const r = await runCli(['nodes'], { cwd: repo.dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^TYPE\s+CATEGORY\s+EFFECTS\s+SUMMARY$/m);
    expect(r.stdout).toMatch(/^transform\s+data\s+pure\s+\S/m);
    expect(r.stdout).toMatch(/^log\s+io\s+write\s+\S/m);
  });

  it('--json lists every type, sorted', async () => {
    const r = await runCli(['nodes', '--json'], { cwd: repo.dir });
    expect(r.exitCode).toBe(0);
    const list = JSON.parse(r.stdout) as {
      type: string;
      category: string;
      effects: string;
      summary: string;
    }[];
    const types = list.map((t) => t.type);
    expect(types).toEqual([...types].sort());
    expect(types).toEqual(expect.arrayContaining(['delay', 'log', 'map', 'transform']));
    for (const t of list) expect(Object.keys(t).sort()).toEqual(['category', 'effects', 'summary', 'type']);
  });

  it('shows one type: summary, options and example', async () => {
    const r = await runCli(['nodes', 'map'], { cwd: repo.dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^map — /);
    expect(r.stdout).toMatch(/^\s+NAME\s+TYPE\s+REQUIRED\s+DEFAULT\s+DESCRIPTION$/m);
    expect(r.stdout).toMatch(/^\s+items\s+array\s+yes\s/m);
    expect(r.stdout).toMatch(/^\s+expression \(JSONata\)\s+string\s+yes\s/m);
    expect(r.stdout).toContain('Example:');
  });

  it('TYPE --json describes the type', async () => {
    const r = await runCli(['nodes', 'log', '--json'], { cwd: repo.dir });
    expect(r.exitCode).toBe(0);
    const d = JSON.parse(r.stdout) as {
      type: string;
      options: { name: string; required: boolean; default?: unknown }[];
    };
    expect(d.type).toBe('log');
    expect(d.options).toContainEqual(expect.objectContaining({ name: 'message', required: true }));
    expect(d.options).toContainEqual(
      expect.objectContaining({ name: 'level', required: false, default: 'info' }),
    );
  });

  it('an unknown type is a user error with a suggestion', async () => {
    const r = await runCli(['nodes', 'trasnform'], { cwd: repo.dir });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('unknown node type "trasnform"');
    expect(r.stderr).toContain('did you mean "transform"?');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

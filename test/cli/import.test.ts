import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, runCli, type TempRepo } from '../helpers/cli.js';

const FLOW = JSON.stringify(
  {
    name: 'Age gate',
    nodes: [
      { id: '1', data: { value: 25 }, position: { x: 0, y: 0 } },
      { id: 'check', type: 'condition', data: { condition: '>=18', true_path: 'a', false_path: 'b' } },
      { id: 'yes', data: { text: 'adult' } },
      { id: 'no', data: { text: 'minor' } },
    ],
    edges: [
      { source: '1', target: 'check' },
      { source: 'check', target: 'yes', sourceHandle: 'true' },
      { source: 'check', target: 'no', sourceHandle: 'false' },
    ],
  },
  null,
  2,
);

let repo: TempRepo;
beforeAll(async () => {
  repo = await makeRepo({
    'flow.json': FLOW,
    'broken.json': '{\n  "nodes": [\n    {"id": "a", "data": {"value": 1}},\n  ]\n}\n',
    'unknown.json': JSON.stringify({ nodes: [{ id: 'x', type: 'teleport', data: {} }] }),
  });
});
afterAll(() => repo.cleanup());

describe('thaiyyal import', () => {
  it('writes the YAML with -o, warnings on stderr', async () => {
    const r = await runCli(['import', 'flow.json', '-o', 'flow.yaml'], { cwd: repo.dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('Imported flow.json → flow.yaml: 4 nodes (2 warnings)\n');
    expect(r.stderr).toContain('warning: flow.json: node "1": renamed to "n1"');
    expect(r.stderr).toContain(
      'warning: flow.json: node "1": "position" was ignored by the original; dropped',
    );
    const yaml = await readFile(join(repo.dir, 'flow.yaml'), 'utf8');
    expect(yaml).toContain('type: original/condition');
    const v = await runCli(['validate', 'flow.yaml'], { cwd: repo.dir });
    expect(v.exitCode).toBe(0);
  });

  it('prints the YAML without -o, and one JSON document with --json', async () => {
    const plain = await runCli(['import', 'flow.json'], { cwd: repo.dir });
    expect(plain.exitCode).toBe(0);
    expect(plain.stdout).toMatch(/^# Imported by `thaiyyal import` from flow\.json/);
    expect(plain.stdout).toContain("when: ${{ nodes.check.output.path = 'true' }}");
    const json = await runCli(['import', 'flow.json', '--json'], { cwd: repo.dir });
    expect(json.exitCode).toBe(0);
    const doc = JSON.parse(json.stdout) as {
      version: number;
      workflow: string;
      renamed: Record<string, string>;
    };
    expect(doc).toMatchObject({ version: 1, workflow: 'age-gate', renamed: { n1: '1' } });
  });

  it('malformed JSON and unknown types exit 2 with the place named', async () => {
    const r = await runCli(['import', 'broken.json'], { cwd: repo.dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/broken\.json: not valid JSON: line 4, column 3/);
    expect(r.stderr).not.toContain('internal error');
    const u = await runCli(['import', 'unknown.json'], { cwd: repo.dir });
    expect(u.exitCode).toBe(2);
    expect(u.stderr).toContain('node "x": unknown node type "teleport"');
  });
});

describe('run and validate take the JSON directly', () => {
  it('run --json reports nodes under their original ids and outputs.result = final_output', async () => {
    const r = await runCli(['run', 'flow.json', '--json'], { cwd: repo.dir });
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      status: string;
      outputs: Record<string, unknown>;
      nodes: Record<string, { status: string; output?: unknown }>;
      warnings?: string[];
    };
    expect(doc.status).toBe('succeeded');
    expect(doc.outputs).toEqual({ result: 'adult' });
    expect(Object.keys(doc.nodes).sort()).toEqual(['1', 'check', 'no', 'yes']);
    expect(doc.nodes['1']!.output).toBe(25);
    expect(doc.nodes['no']!.status).toBe('skipped');
    expect(doc.warnings).toHaveLength(2);
  });

  it('run without --json prints the import warnings on stderr', async () => {
    const r = await runCli(['run', 'flow.json'], { cwd: repo.dir });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('warning: flow.json: node "1": renamed to "n1"');
    expect(r.stdout).not.toContain('warning:');
  });

  it('validate checks a JSON file and shows its warnings', async () => {
    const ok = await runCli(['validate', 'flow.json'], { cwd: repo.dir });
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toMatch(/flow\.json:1:1: .*renamed to "n1".*\[original-import\]/);
    const bad = await runCli(['validate', 'broken.json'], { cwd: repo.dir });
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toMatch(
      /^broken\.json:4:3: not valid JSON: line 4, column 3: .*\[original-import\]$/m,
    );
  });
});

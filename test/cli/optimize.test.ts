/**
 * `thaiyyal optimize` and `run --optimize` end to end: the real bin/run.js in a temp git
 * repository. The examples of docs/commands/optimize.md (a `# file` yaml block, then
 * `$ thaiyyal …` console blocks with their exact output) are run here as documented.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, REPO_ROOT, runCli, type TempRepo } from '../helpers/cli.js';
import { INVALID_WORKFLOW } from './fixtures.js';

const page = readFileSync(join(REPO_ROOT, 'docs', 'commands', 'optimize.md'), 'utf8');
const blocks = [...page.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, body: m[2]! }));
const workflowBlock = blocks.find((b) => b.lang === 'yaml' && b.body.startsWith('# orders.yaml\n'))!;
/** The file as users save it: the block without its `# orders.yaml` caption line. */
const ordersYaml = workflowBlock.body.replace(/^# orders\.yaml\n/, '');
const consoleBlocks = blocks
  .filter((b) => b.lang === 'console')
  .map((b) => {
    const [first, ...rest] = b.body.split('\n');
    return { command: first!.replace(/^\$ /, ''), output: rest.join('\n') };
  });

let repo: TempRepo;
beforeAll(async () => {
  repo = await makeRepo({ 'orders.yaml': ordersYaml, 'bad.yaml': INVALID_WORKFLOW });
});
afterAll(() => repo.cleanup());

describe('thaiyyal optimize', () => {
  it('finds the documented examples', () => {
    expect(workflowBlock).toBeDefined();
    expect(consoleBlocks.map((c) => c.command)).toEqual([
      'thaiyyal optimize orders.yaml',
      'thaiyyal optimize orders.yaml --diff',
    ]);
  });

  for (const { command, output } of consoleBlocks) {
    it(`prints what docs/commands/optimize.md shows for \`${command}\``, async () => {
      const r = await runCli(command.split(' ').slice(1), { cwd: repo.dir });
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe(output);
    });
  }

  it('--check exits 1 while rewrites are available; --write applies them; then --check exits 0', async () => {
    const r = await makeRepo({ 'orders.yaml': ordersYaml });
    try {
      const check = await runCli(['optimize', 'orders.yaml', '--check'], { cwd: r.dir });
      expect(check.exitCode).toBe(1);
      expect(check.stdout).toContain('✗ 5 rewrites available: run thaiyyal optimize --write');
      const write = await runCli(['optimize', 'orders.yaml', '--write', '--json'], { cwd: r.dir });
      expect(write.exitCode).toBe(0);
      const doc = JSON.parse(write.stdout) as {
        version: number;
        rewrites: number;
        files: { written?: boolean }[];
      };
      expect(doc.version).toBe(1);
      expect(doc.rewrites).toBe(5);
      expect(doc.files[0]!.written).toBe(true);
      const text = readFileSync(join(r.dir, 'orders.yaml'), 'utf8');
      expect(text).toContain('  # Configuration: the same in every run.\n');
      expect(text).not.toContain('customer_again');
      const again = await runCli(['optimize', 'orders.yaml', '--check'], { cwd: r.dir });
      expect(again.exitCode).toBe(0);
      expect(again.stdout).toContain('✓ nothing to optimise');
    } finally {
      await r.cleanup();
    }
  });

  it('reports an invalid workflow as validate does, exit 2', async () => {
    const r = await runCli(['optimize', 'bad.yaml'], { cwd: repo.dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^\s*bad\.yaml:\d+:\d+: .*\[unknown-node-type\]$/m);
    expect(r.stdout).toBe('');
  });

  it('--explain --stage shows one stage; a wrong stage is a usage error', async () => {
    const r = await runCli(['optimize', 'orders.yaml', '--explain', '--stage', 'restructure'], {
      cwd: repo.dir,
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('stage restructure:');
    expect(r.stdout).not.toContain('stage simplify:');
    const bad = await runCli(['optimize', 'orders.yaml', '--explain', '--stage', 'nope'], { cwd: repo.dir });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('unknown stage "nope"');
  });

  it('run --optimize --json reports every original node', async () => {
    const r = await makeRepo({
      'wf.yaml': `apiVersion: thaiyyal.dev/v1
kind: Workflow
name: calc
inputs:
  n: {type: integer, default: 4}
nodes:
  a: {type: transform, expression: '6 * 7'}
  b: {type: transform, expression: '6*7'}
  unused: {type: transform, expression: '1'}
  c: {type: transform, expression: 'nodes.b.output + 1'}
  f1: {type: transform, expression: 'inputs.n + 1'}
  f2: {type: transform, expression: 'nodes.f1.output * 2'}
outputs:
  a: \${{ nodes.a.output }}
  c: \${{ nodes.c.output }}
  f: \${{ nodes.f2.output }}
`,
    });
    try {
      const plain = await runCli(['run', 'wf.yaml', '--json'], { cwd: r.dir });
      const opt = await runCli(['run', 'wf.yaml', '--json', '--optimize'], { cwd: r.dir });
      expect(opt.exitCode).toBe(0);
      const p = JSON.parse(plain.stdout) as { outputs: unknown; nodes: Record<string, unknown> };
      const o = JSON.parse(opt.stdout) as {
        outputs: unknown;
        nodes: Record<string, Record<string, unknown>>;
      };
      expect(o.outputs).toEqual(p.outputs);
      expect(Object.keys(o.nodes).sort()).toEqual(Object.keys(p.nodes).sort());
      expect(o.nodes['b']).toMatchObject({ status: 'succeeded', output: 42, mergedInto: 'a' });
      expect(o.nodes['unused']).toMatchObject({ status: 'skipped', skipReason: 'optimized-away' });
      expect(o.nodes['f1']).toEqual({ status: 'succeeded', attempts: 1, durationMs: 0, fusedInto: 'f2' });
      expect(o.outputs).toEqual({ a: 42, c: 43, f: 10 });
    } finally {
      await r.cleanup();
    }
  });
});

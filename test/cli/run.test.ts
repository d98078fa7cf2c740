import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { makeRepo, runCli, startCli, waitForOutput, type TempRepo } from '../helpers/cli.js';
import { FAILING_WORKFLOW, INVALID_WORKFLOW, OK_WORKFLOW, SLOW_WORKFLOW } from './fixtures.js';
import { logText } from '../helpers/run-log.js';
import { EVENT_LOG_VERSION } from '../../src/engine/events.js';

let repo: TempRepo;
beforeAll(async () => {
  repo = await makeRepo({
    'wf.yaml': OK_WORKFLOW,
    'bad.yaml': INVALID_WORKFLOW,
    'failing.yaml': FAILING_WORKFLOW,
    'slow.yaml': SLOW_WORKFLOW,
    'inputs.json': '{"a": 4}',
    'inputs.yaml': 'a: 8\n',
  });
});
afterAll(() => repo.cleanup());

interface NodeResult {
  status: string;
  output?: unknown;
  error?: { code: string; message: string };
  attempts: number;
  durationMs: number;
}

interface RunResultDoc {
  runId: string;
  workflow: string;
  status: string;
  outputs: Record<string, unknown>;
  nodes: Record<string, NodeResult>;
  error?: { code: string; message: string };
  durationMs: number;
}

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

async function events(runId: string): Promise<{ type: string; [k: string]: unknown }[]> {
  const text = logText(join(repo.dir, '.thaiyyal', 'runs', `${runId}.jsonl.gz`));
  return text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string });
}

describe('thaiyyal run --json', () => {
  it('prints exactly the RunResult contract', async () => {
    const r = await runCli(['run', 'wf.yaml', '--json'], { cwd: repo.dir });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout) as RunResultDoc;
    expect(Object.keys(doc).sort()).toEqual([
      'durationMs',
      'nodes',
      'outputs',
      'runId',
      'status',
      'workflow',
    ]);
    expect(doc.runId).toMatch(ULID);
    expect(doc.workflow).toBe('double');
    expect(doc.status).toBe('succeeded');
    expect(doc.outputs).toEqual({ result: 42 });
    expect(typeof doc.durationMs).toBe('number');
    expect(Object.keys(doc.nodes).sort()).toEqual(['double', 'maybe', 'say']);
    expect(doc.nodes['double']).toMatchObject({ status: 'succeeded', output: 42, attempts: 1 });
    expect(doc.nodes['maybe']).toMatchObject({ status: 'skipped' });
    for (const n of Object.values(doc.nodes)) {
      expect(typeof n.attempts).toBe('number');
      expect(typeof n.durationMs).toBe('number');
      for (const k of Object.keys(n))
        expect(['status', 'output', 'error', 'attempts', 'durationMs']).toContain(k);
    }
    const log = await events(doc.runId);
    expect(log[0]).toMatchObject({ v: EVENT_LOG_VERSION, seq: 0, type: 'run.started', runId: doc.runId });
    expect(log[0]!.plan).toMatchObject({ nodes: expect.arrayContaining(['maybe']) });
    expect(log.every((e) => e.v === EVENT_LOG_VERSION)).toBe(true);
    expect(log.at(-1)).toMatchObject({ type: 'run.finished', status: 'succeeded', outputs: { result: 42 } });
  });

  it('takes inputs from --inputs (JSON, YAML) and --input, flags winning', async () => {
    const fromJson = await runCli(['run', 'wf.yaml', '--inputs', 'inputs.json', '--json'], { cwd: repo.dir });
    expect((JSON.parse(fromJson.stdout) as RunResultDoc).outputs).toEqual({ result: 8 });
    const fromYaml = await runCli(['run', 'wf.yaml', '--inputs', 'inputs.yaml', '--json'], { cwd: repo.dir });
    expect((JSON.parse(fromYaml.stdout) as RunResultDoc).outputs).toEqual({ result: 16 });
    const both = await runCli(['run', 'wf.yaml', '--inputs', 'inputs.json', '--input', 'a=5', '--json'], {
      cwd: repo.dir,
    });
    expect((JSON.parse(both.stdout) as RunResultDoc).outputs).toEqual({ result: 10 });
  });

  it('a failed workflow exits 1 with status failed', async () => {
    const r = await runCli(['run', 'failing.yaml', '--json'], { cwd: repo.dir });
    expect(r.exitCode).toBe(1);
    const doc = JSON.parse(r.stdout) as RunResultDoc;
    expect(doc.status).toBe('failed');
    expect(doc.nodes['reject']).toMatchObject({ status: 'failed', error: { code: 'nope' } });
    expect(doc.error?.code).toBe('nope');
  });

  it('an invalid workflow exits 2; stdout holds one error document', async () => {
    const r = await runCli(['run', 'bad.yaml', '--json'], { cwd: repo.dir });
    expect(r.exitCode).toBe(2);
    const doc = JSON.parse(r.stdout) as { error: { diagnostics: { code: string }[] } };
    expect(doc.error.diagnostics.map((d) => d.code)).toContain('unknown-node-type');
  });
});

describe('thaiyyal run (plain output, no TTY)', () => {
  it('prints one line per node, then the summary', async () => {
    const r = await runCli(['run', 'wf.yaml'], { cwd: repo.dir });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('▶ run double (3 nodes)');
    expect(r.stdout).toMatch(/^✓ double \d+(ms|\.\ds)$/m);
    expect(r.stdout).toMatch(/^· say: double is 42$/m);
    expect(r.stdout).toMatch(/^- skipped maybe \(when\)$/m);
    expect(r.stdout).toMatch(/^✓ succeeded in /m);
    expect(r.stdout).toContain('"result": 42');
    const runId = /^run\s+([0-9A-Z]{26})$/m.exec(r.stdout)?.[1];
    expect(runId).toMatch(ULID);
    expect(r.stdout).toContain(`event log .thaiyyal/runs/${runId}.jsonl.gz`);
  });

  it('--quiet prints only the outputs', async () => {
    const r = await runCli(['run', 'wf.yaml', '--quiet', '--input', 'a=1'], { cwd: repo.dir });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ result: 2 });
  });

  it('a failing node is shown with its code and message; exit 1', async () => {
    const r = await runCli(['run', 'failing.yaml'], { cwd: repo.dir });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^✗ reject: nope rejected after 1/m);
    expect(r.stdout).toMatch(/^✗ failed after /m);
  });

  it('an invalid workflow: diagnostics on stderr, exit 2, nothing on stdout', async () => {
    const r = await runCli(['run', 'bad.yaml'], { cwd: repo.dir });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad\.yaml:6:\d+: .*\[unknown-node-type\]/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a malformed --input is a usage error (exit 2)', async () => {
    const r = await runCli(['run', 'wf.yaml', '--input', 'novalue'], { cwd: repo.dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--input "novalue" is not of the form key=value');
  });

  it('SIGINT cancels the run: exit 130, the event log ends with run.finished cancelled', async () => {
    const before = new Set(await readdir(join(repo.dir, '.thaiyyal', 'runs')).catch(() => []));
    const { child, result } = startCli(['run', 'slow.yaml'], { cwd: repo.dir });
    await waitForOutput(child, (out) => out.includes('▶ run slow'));
    // Give the delay node a moment to start so cancellation interrupts real work.
    await new Promise((r) => setTimeout(r, 200));
    child.kill('SIGINT');
    const r = await result;
    expect(r.exitCode).toBe(130);
    expect(r.stdout).toMatch(/^⊘ cancelled after /m);
    const added = (await readdir(join(repo.dir, '.thaiyyal', 'runs'))).filter((f) => !before.has(f));
    expect(added).toHaveLength(1);
    const log = await events(added[0]!.replace(/\.jsonl\.gz$/, ''));
    expect(log.at(-1)).toMatchObject({ type: 'run.finished', status: 'cancelled' });
    expect(log.some((e) => e.type === 'node.cancelled' && e['nodeId'] === 'wait')).toBe(true);
  });
});

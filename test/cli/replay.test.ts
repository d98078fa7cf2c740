/**
 * `thaiyyal replay`, `runs diff`, `runs prune` through the built CLI, plus the debugger in a
 * real terminal (tmux: send-keys / capture-pane).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, makeRepo, runCli, type TempRepo } from '../helpers/cli.js';

const COUNTER = `import { appendFileSync, readFileSync } from 'node:fs';
appendFileSync('hits.txt', 'x');
process.stdout.write(String(readFileSync('hits.txt', 'utf8').length));
`;
const WF = `apiVersion: thaiyyal.dev/v1
kind: Workflow
name: tally
inputs:
  a:
    type: number
    default: 21
nodes:
  double:
    type: transform
    expression: inputs.a * 2
  count:
    type: exec
    command: node
    args: [count.mjs]
  report:
    type: transform
    expression: '{"double": nodes.double.output, "count": nodes.count.output.stdout}'
outputs:
  report: \${{ nodes.report.output }}
`;

let repo: TempRepo;
let runId: string;
const hits = () => readFileSync(join(repo.dir, 'hits.txt'), 'utf8').length;

beforeAll(async () => {
  repo = await makeRepo({ 'wf.yaml': WF, 'count.mjs': COUNTER });
  const r = await runCli(['run', 'wf.yaml', '--json'], { cwd: repo.dir });
  expect(r.exitCode).toBe(0);
  runId = (JSON.parse(r.stdout) as { runId: string }).runId;
});
afterAll(() => repo.cleanup());

describe('thaiyyal replay --verify', () => {
  it('exit 0 when identical, without running the process again', async () => {
    const before = hits();
    const r = await runCli(['replay', runId, '--verify'], { cwd: repo.dir });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('identical');
    expect(hits()).toBe(before);
  });

  it('exit 1 and the first divergence when the workflow changed; --json too', async () => {
    writeFileSync(join(repo.dir, 'wf-v2.yaml'), WF.replace('inputs.a * 2', 'inputs.a * 2 + 1'));
    const r = await runCli(['replay', runId.slice(0, 12), '--verify', '--workflow', 'wf-v2.yaml'], {
      cwd: repo.dir,
    });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('diverged: node "double" output differs at $: recorded 42, replayed 43');
    const j = await runCli(['replay', runId, '--verify', '--workflow', 'wf-v2.yaml', '--json'], {
      cwd: repo.dir,
    });
    expect(j.exitCode).toBe(1);
    const doc = JSON.parse(j.stdout) as {
      identical: boolean;
      divergence: { nodeId: string; recorded: number };
    };
    expect(doc).toMatchObject({
      identical: false,
      divergence: { nodeId: 'double', recorded: 42, replayed: 43 },
    });
  });
});

describe('thaiyyal replay (no TTY), --at, errors', () => {
  it('prints plain text without a terminal', async () => {
    const r = await runCli(['replay', runId], { cwd: repo.dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`run ${runId} · workflow tally`);
    expect(r.stdout).toContain('✓ report (transform) succeeded');
  });

  it('--at N --json prints the state after event N', async () => {
    const r = await runCli(['replay', runId, '--at', '0', '--json'], { cwd: repo.dir });
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout) as { at: number; event: { type: string }; state: { status: string } };
    expect(doc).toMatchObject({ at: 0, event: { type: 'run.started' }, state: { status: 'running' } });
    const bad = await runCli(['replay', runId, '--at', '999'], { cwd: repo.dir });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('out of range');
  });

  it('unknown runs list candidates; future formats are refused; --workflow alone is a usage error', async () => {
    const unknown = await runCli(['replay', 'ZZZZ'], { cwd: repo.dir });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain(runId);
    const future = await makeRepo({ 'wf.yaml': WF, 'count.mjs': COUNTER });
    try {
      const id = '01KAX0000000000000000000ZZ';
      await future.write({
        [`.thaiyyal/runs/${id}.jsonl`]: `{"v":7,"seq":0,"ts":1,"runId":"${id}","type":"run.started","workflow":"w","file":"w.yaml","inputs":{},"plan":[]}\n`,
      });
      const r = await runCli(['replay', id], { cwd: future.dir });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain('newer thaiyyal (event log format v7');
    } finally {
      await future.cleanup();
    }
    const wf = await runCli(['replay', runId, '--workflow', 'wf.yaml'], { cwd: repo.dir });
    expect(wf.exitCode).toBe(2);
  });
});

describe('thaiyyal replay --from, runs diff, runs prune', () => {
  it('forks from a node: it runs for real, upstream is reused; diff shows what changed', async () => {
    const before = hits();
    const r = await runCli(['replay', runId, '--from', 'count', '--set', 'double.output=100', '--json'], {
      cwd: repo.dir,
    });
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      runId: string;
      forkOf: { runId: string; node: string };
      outputs: { report: { double: number; count: string } };
      reused: string[];
    };
    expect(hits()).toBe(before + 1);
    expect(doc.forkOf).toEqual({ runId, node: 'count' });
    expect(doc.reused).toEqual(['double']);
    expect(doc.outputs.report).toEqual({ double: 100, count: String(before + 1) });

    const d = await runCli(['runs', 'diff', runId, doc.runId], { cwd: repo.dir });
    expect(d.exitCode).toBe(0);
    expect(d.stdout).toContain('≠ double');
    expect(d.stdout).toContain('output  at $: 42 → 100');
    const dj = await runCli(['runs', 'diff', runId, doc.runId, '--json'], { cwd: repo.dir });
    expect((JSON.parse(dj.stdout) as { differing: number }).differing).toBe(3);
  });

  it('runs prune --dry-run lists, then prune applies the retention', async () => {
    await repo.write({ 'thaiyyal.config.yaml': 'version: 1\nruns:\n  retention:\n    count: 1\n' });
    const dry = await runCli(['runs', 'prune', '--dry-run', '--json'], { cwd: repo.dir });
    expect(dry.exitCode).toBe(0);
    const doc = JSON.parse(dry.stdout) as { deleted: { runId: string }[]; kept: number };
    expect(doc.deleted.map((x) => x.runId)).toContain(runId);
    const real = await runCli(['runs', 'prune'], { cwd: repo.dir });
    // Finished logs are already gzipped when their run ends (runs.compress), so nothing is left to compress.
    expect(real.stdout).toMatch(/deleted \d+ run\(s\), compressed 0, kept 1/);
    const list = await runCli(['runs', 'list', '--json'], { cwd: repo.dir });
    expect((JSON.parse(list.stdout) as { runs: unknown[] }).runs).toHaveLength(1);
  });
});

const tmux = spawnSync('tmux', ['-V']).status === 0;

describe.skipIf(!tmux)('the debugger in a real terminal (tmux)', () => {
  it('opens at 80×24, steps, jumps, shows help and quits', async () => {
    const t = await makeRepo({ 'wf.yaml': WF, 'count.mjs': COUNTER });
    const session = `thaiyyal-replay-${process.pid}`;
    const sh = (...args: string[]) => spawnSync('tmux', ['-L', session, ...args], { encoding: 'utf8' });
    const screen = () => sh('capture-pane', '-p', '-t', session).stdout;
    // Waits for the header line (the cursor's event) or, with `anywhere`, any line to show `text`.
    const waitFor = async (text: string, anywhere = false) => {
      for (let i = 0; i < 100; i++) {
        const s = screen();
        if ((anywhere ? s : (s.split('\n')[0] ?? '')).includes(text)) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`the screen never showed "${text}":\n${screen()}`);
    };
    try {
      const r = await runCli(['run', 'wf.yaml', '--json'], { cwd: t.dir });
      const id = (JSON.parse(r.stdout) as { runId: string }).runId;
      const started = sh(
        'new-session',
        '-d',
        '-s',
        session,
        '-x',
        '80',
        '-y',
        '24',
        '-c',
        t.dir,
        // Not CI: ink renders only the final frame when CI is set (as it is under .ci/run).
        `env -u CI -u GITHUB_ACTIONS TERM=xterm-256color node ${BIN} replay ${id}; sleep 30`,
      );
      expect(started.status).toBe(0);
      await waitFor('event 0/');
      const lines = screen().split('\n');
      expect(lines.length).toBeLessThanOrEqual(25);
      for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
      sh('send-keys', '-t', session, 'G');
      await waitFor('· run.finished');
      sh('send-keys', '-t', session, 'g');
      await waitFor('event 0/');
      sh('send-keys', '-t', session, 'j');
      await waitFor('node.succeeded');
      sh('send-keys', '-t', session, '?');
      await waitFor('thaiyyal replay — keys', true);
      sh('send-keys', '-t', session, 'Escape');
      sh('send-keys', '-t', session, 'q');
      await new Promise((r) => setTimeout(r, 300));
      sh('send-keys', '-t', session, 'q');
      // The app exited: the shell went on to `sleep`, the screen keeps the last frame.
      for (
        let i = 0;
        i < 50 && sh('list-panes', '-t', session, '-F', '#{pane_current_command}').stdout.trim() !== 'sleep';
        i++
      ) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(sh('list-panes', '-t', session, '-F', '#{pane_current_command}').stdout.trim()).toBe('sleep');
    } finally {
      sh('kill-server');
      await t.cleanup();
    }
  }, 30_000);
});

import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, runCli, type TempRepo } from '../helpers/cli.js';
import { FAILING_WORKFLOW, OK_WORKFLOW } from './fixtures.js';
import { plainLog } from '../helpers/run-log.js';

let repo: TempRepo;
let okId: string;
let failedId: string;
beforeAll(async () => {
  repo = await makeRepo({ 'wf.yaml': OK_WORKFLOW, 'failing.yaml': FAILING_WORKFLOW });
  const ok = await runCli(['run', 'wf.yaml', '--json'], { cwd: repo.dir });
  okId = (JSON.parse(ok.stdout) as { runId: string }).runId;
  const failed = await runCli(['run', 'failing.yaml', '--json'], { cwd: repo.dir });
  failedId = (JSON.parse(failed.stdout) as { runId: string }).runId;
});
afterAll(() => repo.cleanup());

/** The plain log of a run (finished logs are gzipped; tests that damage one work on the plain text). */
const logOf = (id: string, dir = repo.dir) => {
  const plain = `${dir}/.thaiyyal/runs/${id}.jsonl`;
  return existsSync(plain) ? plain : plainLog(`${plain}.gz`);
};

interface Summary {
  runId: string;
  workflow: string;
  file: string;
  status: string;
  startedAt: number;
  durationMs: number;
  logFile: string;
}

describe('thaiyyal runs list', () => {
  it('prints a table, newest first, within 80 columns', async () => {
    const r = await runCli(['runs', 'list'], { cwd: repo.dir });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^RUN ID\s+WORKFLOW\s+STATUS\s+STARTED\s+DURATION$/);
    expect(lines[1]).toMatch(new RegExp(`^${failedId}\\s+failing\\s+✗ failed`));
    expect(lines[2]).toMatch(new RegExp(`^${okId}\\s+double\\s+✓ succeeded`));
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
  });

  it('--json prints {runs, warnings}; filters apply', async () => {
    const r = await runCli(['runs', 'list', '--json'], { cwd: repo.dir });
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout) as { runs: Summary[]; warnings: string[] };
    expect(Object.keys(doc).sort()).toEqual(['runs', 'warnings']);
    expect(doc.runs.map((x) => x.runId)).toEqual([failedId, okId]);
    expect(Object.keys(doc.runs[0]!).sort()).toEqual([
      'durationMs',
      'file',
      'logFile',
      'runId',
      'startedAt',
      'status',
      'workflow',
    ]);
    const failed = await runCli(['runs', 'list', '--status', 'failed', '--since', '1d', '--json'], {
      cwd: repo.dir,
    });
    expect((JSON.parse(failed.stdout) as { runs: Summary[] }).runs.map((x) => x.runId)).toEqual([failedId]);
    const byWorkflow = await runCli(['runs', 'list', '--workflow', 'double'], { cwd: repo.dir });
    expect(byWorkflow.stdout).toContain(okId);
    expect(byWorkflow.stdout).not.toContain(failedId);
    const none = await runCli(['runs', 'list', '--since', '2000-01-01', '--workflow', 'nope'], {
      cwd: repo.dir,
    });
    expect(none.stdout).toBe('no runs match these filters\n');
  });

  it('rejects a bad --since or --status with exit 2', async () => {
    const since = await runCli(['runs', 'list', '--since', 'soon'], { cwd: repo.dir });
    expect(since.exitCode).toBe(2);
    expect(since.stderr).toMatch(/--since "soon"/);
    const status = await runCli(['runs', 'list', '--status', 'great'], { cwd: repo.dir });
    expect(status.exitCode).toBe(2);
  });
});

describe('thaiyyal runs show', () => {
  it('shows the header, the node tree with errors and timelines, within 80 columns', async () => {
    const r = await runCli(['runs', 'show', failedId], { cwd: repo.dir });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`run ${failedId}  failing (failing.yaml)`);
    expect(r.stdout).toMatch(/✗ failed after \d+m?s/);
    expect(r.stdout).toMatch(/✓ first\s+\d+ms\s+\|[·█]+\|/);
    expect(r.stdout).toMatch(/✗ └ reject\s+\d+ms\s+\|[·█]+\|/);
    expect(r.stdout).toContain('nope: rejected after 1');
    for (const l of r.stdout.split('\n')) expect([...l].length).toBeLessThanOrEqual(80);
  });

  it('--json prints the summary, the state, the node timings and warnings', async () => {
    const r = await runCli(['runs', 'show', okId.slice(0, 24), '--json'], { cwd: repo.dir });
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout) as Summary & {
      state: { status: string; outputs: unknown; nodes: Record<string, unknown> };
      nodes: { id: string; status: string; attempts: number; durationMs: number; startOffsetMs?: number }[];
      warnings: string[];
    };
    expect(doc).toMatchObject({ runId: okId, workflow: 'double', status: 'succeeded', warnings: [] });
    expect(doc.state).toMatchObject({ status: 'succeeded', outputs: { result: 42 } });
    // Topological order: `double` first, its two dependents after it.
    expect(doc.nodes[0]).toMatchObject({ id: 'double', status: 'succeeded', attempts: 1 });
    expect(Object.fromEntries(doc.nodes.map((n) => [n.id, n.status]))).toEqual({
      double: 'succeeded',
      say: 'succeeded',
      maybe: 'skipped',
    });
  });

  it('explains an unknown or ambiguous run with exit 2', async () => {
    const missing = await runCli(['runs', 'show', 'ZZZZZZ'], { cwd: repo.dir });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('no run "ZZZZZZ"; the most recent runs are:');
    expect(missing.stderr).toContain(okId);
    const ambiguous = await runCli(['runs', 'show', okId.slice(0, 1), '--json'], { cwd: repo.dir });
    expect(ambiguous.exitCode).toBe(2);
    const err = (JSON.parse(ambiguous.stdout) as { error: { code: string; message: string } }).error;
    expect(err.code).toBe('ambiguous-run');
    expect(err.message).toContain(failedId);
  });

  it('shows a log cut mid-line up to its last complete event, with a warning', async () => {
    const other = await makeRepo({ 'wf.yaml': OK_WORKFLOW });
    try {
      const run = await runCli(['run', 'wf.yaml', '--json'], { cwd: other.dir });
      const id = (JSON.parse(run.stdout) as { runId: string }).runId;
      const file = logOf(id, other.dir);
      const text = await readFile(file, 'utf8');
      const lastStart = text.lastIndexOf('\n', text.length - 2) + 1;
      await writeFile(file, text.slice(0, lastStart + 15));
      const r = await runCli(['runs', 'show', id], { cwd: other.dir });
      expect(r.exitCode).toBe(0);
      expect(r.stderr).toMatch(/warning: .*incomplete last line/);
      expect(r.stdout).toMatch(/⊘ interrupted/);
      const list = await runCli(['runs', 'list', '--status', 'interrupted', '--json'], { cwd: other.dir });
      expect((JSON.parse(list.stdout) as { runs: Summary[] }).runs.map((x) => x.runId)).toEqual([id]);
    } finally {
      await other.cleanup();
    }
  });

  it('refuses a log written by a newer thaiyyal with exit 2', async () => {
    const text = await readFile(logOf(okId), 'utf8');
    await writeFile(logOf(okId), text.replace(/\{"v":\d+,/, '{"v":99,'));
    try {
      const r = await runCli(['runs', 'show', okId], { cwd: repo.dir });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/written by a newer thaiyyal/);
      expect(r.stderr).toMatch(/upgrade/);
    } finally {
      await writeFile(logOf(okId), text);
    }
  });
});

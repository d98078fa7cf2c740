/**
 * Run history end to end: real runs written by runWorkflowFile in a temp project, then
 * listed and shown from their logs; damaged and future-format logs.
 */
import { appendFileSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readRunLog, readRunLogEnds } from '../../src/adapters/run-log.js';
import { runWorkflowFile, type RunResult } from '../../src/app/run.js';
import { listRuns, parseSince, showRun } from '../../src/app/runs.js';
import { UserError } from '../../src/core/errors.js';
import { EVENT_LOG_VERSION, type RunEvent } from '../../src/engine/events.js';
import { head, project } from '../helpers/project.js';
import { plainLog } from '../helpers/run-log.js';

const FILES = {
  'ok.yaml': `${head('ok')}nodes:\n  a:\n    type: transform\n    expression: '21'\n  b:\n    type: transform\n    expression: nodes.a.output * 2\noutputs:\n  b: \${{ nodes.b.output }}\n`,
  'bad.yaml': `${head('bad')}nodes:\n  first:\n    type: transform\n    value: 1\n  reject:\n    type: fail\n    code: nope\n    message: 'rejected after \${{ nodes.first.output }}'\n`,
  'parent.yaml': `${head('parent')}nodes:\n  child:\n    type: workflow\n    file: ./ok.yaml\n`,
};

async function caught(p: Promise<unknown>): Promise<UserError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return err as UserError;
}

let dir: string;
let ok: RunResult;
let bad: RunResult;
let parent: RunResult;
beforeAll(async () => {
  dir = project(FILES);
  ok = await runWorkflowFile({ file: join(dir, 'ok.yaml'), cwd: dir });
  bad = await runWorkflowFile({ file: join(dir, 'bad.yaml'), cwd: dir });
  parent = await runWorkflowFile({ file: join(dir, 'parent.yaml'), cwd: dir });
});

describe('listRuns', () => {
  it('lists every run, newest first, sub-runs with their parent', async () => {
    const { runs, warnings } = await listRuns({ cwd: dir });
    expect(warnings).toEqual([]);
    expect(runs).toHaveLength(4);
    expect(runs.map((r) => r.workflow).slice(2)).toEqual(['bad', 'ok']);
    const child = runs.find((r) => r.parentRunId === parent.runId);
    expect(child).toMatchObject({ workflow: 'ok', status: 'succeeded' });
    expect(runs.find((r) => r.runId === bad.runId)).toMatchObject({
      workflow: 'bad',
      file: expect.stringContaining('bad.yaml') as string,
      status: 'failed',
      logFile: bad.logFile,
      durationMs: bad.durationMs,
    });
    for (let i = 1; i < runs.length; i++)
      expect(runs[i - 1]!.startedAt).toBeGreaterThanOrEqual(runs[i]!.startedAt);
  });

  it('filters by workflow, status and since', async () => {
    expect((await listRuns({ cwd: dir, workflow: 'ok' })).runs).toHaveLength(2);
    expect((await listRuns({ cwd: dir, status: 'failed' })).runs.map((r) => r.runId)).toEqual([bad.runId]);
    expect((await listRuns({ cwd: dir, since: '1h' })).runs).toHaveLength(4);
    const later = Date.now() + 3 * 86_400_000;
    expect((await listRuns({ cwd: dir, since: '2d', now: later })).runs).toEqual([]);
    expect((await listRuns({ cwd: dir, since: '2000-01-01' })).runs).toHaveLength(4);
    const err = await caught(listRuns({ cwd: dir, since: 'yesterday' }));
    expect(err.code).toBe('invalid-since');
  });

  it('is empty for a project without runs', async () => {
    expect(await listRuns({ cwd: project({}) })).toEqual({ runs: [], warnings: [] });
  });
});

describe('parseSince', () => {
  const now = Date.parse('2026-01-10T00:00:00Z');
  it('takes durations with days and ISO dates', () => {
    expect(parseSince('2h', now)).toBe(now - 7_200_000);
    expect(parseSince('7d', now)).toBe(Date.parse('2026-01-03T00:00:00Z'));
    expect(parseSince('1d12h', now)).toBe(now - 36 * 3_600_000);
    expect(parseSince('2026-01-01T08:00:00Z', now)).toBe(Date.parse('2026-01-01T08:00:00Z'));
    expect(() => parseSince('5', now)).toThrow(UserError);
    expect(() => parseSince('d', now)).toThrow(UserError);
  });
});

describe('showRun', () => {
  it('folds the log into the state with per-node timing', async () => {
    const r = await showRun({ cwd: dir, run: bad.runId });
    expect(r.warnings).toEqual([]);
    expect(r.summary).toMatchObject({ runId: bad.runId, workflow: 'bad', status: 'failed' });
    expect(r.state.status).toBe('failed');
    expect(r.nodes.map((n) => [n.id, n.status])).toEqual([
      ['first', 'succeeded'],
      ['reject', 'failed'],
    ]);
    const reject = r.nodes[1]!;
    expect(reject).toMatchObject({ type: 'fail', deps: ['first'], attempts: 1 });
    expect(reject.error?.code).toBe('nope');
    expect(reject.startOffsetMs).toBeGreaterThanOrEqual(0);
    expect(reject.startOffsetMs! + reject.durationMs).toBeLessThanOrEqual(r.summary.durationMs + 1);
  });

  it('resolves a unique prefix (any case) and `latest`', async () => {
    const { runs } = await listRuns({ cwd: dir });
    const ids = runs.map((x) => x.runId);
    // The shortest prefix of ok.runId that no other run shares.
    let n = 1;
    while (ids.filter((id) => id.startsWith(ok.runId.slice(0, n))).length > 1) n++;
    const r = await showRun({ cwd: dir, run: ok.runId.slice(0, n).toLowerCase() });
    expect(r.summary.runId).toBe(ok.runId);
    expect(r.state.outputs).toEqual({ b: 42 });
    expect((await showRun({ cwd: dir, run: 'latest' })).summary.runId).toBe(ids[0]);
  });

  it('lists the candidates of an ambiguous prefix and the recent runs for a missing one', async () => {
    const ambiguous = await caught(showRun({ cwd: dir, run: ok.runId.slice(0, 2) }));
    expect(ambiguous.code).toBe('ambiguous-run');
    expect(ambiguous.exitCode).toBe(2);
    expect(ambiguous.message).toContain(ok.runId);
    expect(ambiguous.message).toContain(bad.runId);
    const missing = await caught(showRun({ cwd: dir, run: 'ZZZZ' }));
    expect(missing.code).toBe('unknown-run');
    expect(missing.message).toContain(parent.runId);
  });
});

describe('damaged and future logs', () => {
  it('reads a log cut mid-line up to its last complete event, with a warning', async () => {
    const d = project(FILES);
    const r = await runWorkflowFile({ file: join(d, 'ok.yaml'), cwd: d });
    // A crash leaves the plain log of a run in progress.
    const file = plainLog(r.logFile!);
    const text = readFileSync(file, 'utf8');
    // Cut inside the last line (run.finished).
    const lastStart = text.lastIndexOf('\n', text.length - 2) + 1;
    truncateSync(file, lastStart + 20);
    const log = await readRunLog(file, EVENT_LOG_VERSION);
    expect(log.events.map((e) => e.type).at(-1)).toBe('node.succeeded');
    expect(log.warnings).toHaveLength(1);
    const shown = await showRun({ cwd: d, run: r.runId });
    expect(shown.summary.status).toBe('interrupted');
    expect(shown.nodes.map((n) => n.status)).toEqual(['succeeded', 'succeeded']);
    expect(shown.warnings.join('\n')).toMatch(/incomplete last line/);
    const ends = readRunLogEnds(file, EVENT_LOG_VERSION);
    expect(ends).toMatchObject({ truncated: true });
    expect(ends.last?.type).toBe('node.succeeded');
    const { runs } = await listRuns({ cwd: d });
    expect(runs[0]).toMatchObject({ runId: r.runId, status: 'interrupted' });
  });

  it('reads a v1 log (plan as {id, type, deps} objects) as it reads the current format', async () => {
    const d = project(FILES);
    const r = await runWorkflowFile({ file: join(d, 'bad.yaml'), cwd: d });
    const file = plainLog(r.logFile!);
    const current = await showRun({ cwd: d, run: r.runId });
    const v1 = readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => {
        if (!line) return line;
        const e = JSON.parse(line) as RunEvent & {
          plan?: { nodes: string[]; types: string[]; deps: number[][] };
        };
        const plan =
          e.plan &&
          e.plan.nodes.map((id, i) => ({
            id,
            type: e.plan!.types[i],
            deps: e.plan!.deps[i]!.map((k) => e.plan!.nodes[k]),
          }));
        return JSON.stringify({ ...e, v: 1, ...(plan ? { plan } : {}) });
      })
      .join('\n');
    expect(v1).toContain(
      '"plan":[{"id":"first","type":"transform","deps":[]},{"id":"reject","type":"fail","deps":["first"]}]',
    );
    writeFileSync(file, v1);
    const old = await showRun({ cwd: d, run: r.runId });
    expect(old.nodes).toEqual(current.nodes);
    expect(old.summary).toEqual(current.summary);
    expect((await readRunLog(file, EVENT_LOG_VERSION)).events[0]).toMatchObject({
      v: 1,
      plan: { nodes: ['first', 'reject'], types: ['transform', 'fail'], deps: [[], [0]] },
    });
  });

  it('refuses a log from a newer format version; list skips it with a warning', async () => {
    const d = project(FILES);
    const r = await runWorkflowFile({ file: join(d, 'ok.yaml'), cwd: d });
    appendFileSync(
      plainLog(r.logFile!),
      `${JSON.stringify({ v: 99, seq: 99, ts: 0, runId: r.runId, type: 'x' })}\n`,
    );
    const err = await caught(showRun({ cwd: d, run: r.runId }));
    expect(err.code).toBe('run-log-version');
    expect(err.exitCode).toBe(2);
    expect(err.message).toMatch(/newer thaiyyal/);
    expect(err.suggestions.join(' ')).toMatch(/upgrade/);
    const listed = await listRuns({ cwd: d });
    expect(listed.runs).toEqual([]);
    expect(listed.warnings.join('\n')).toMatch(/newer thaiyyal; upgrade/);
  });

  it('refuses a damaged line before the last one', async () => {
    const d = project(FILES);
    const r = await runWorkflowFile({ file: join(d, 'ok.yaml'), cwd: d });
    const file = plainLog(r.logFile!);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[1] = '{not json';
    writeFileSync(file, lines.join('\n'));
    expect((await caught(readRunLog(file, EVENT_LOG_VERSION))).code).toBe('run-log-corrupt');
  });
});

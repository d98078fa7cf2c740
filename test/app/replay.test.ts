/**
 * Replay end to end through the app layer: real runs (a real HTTP server on 127.0.0.1, a real
 * child process that counts its invocations) are recorded, then verified with the recording
 * standing in for the world, forked from a node, diffed, compressed and pruned.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRunLog, readRunLogEnds } from '../../src/adapters/run-log.js';
import { forkRun, parseSet, stateAt, verifyRun } from '../../src/app/replay/index.js';
import { runWorkflowFile, type RunResult } from '../../src/app/run.js';
import { diffRuns, listRuns, pruneRuns, showRun } from '../../src/app/runs.js';
import { UserError } from '../../src/core/errors.js';
import { EVENT_LOG_VERSION, type RunEvent } from '../../src/engine/events.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { head, project } from '../helpers/project.js';
import { logText } from '../helpers/run-log.js';

const COUNTER = `import { appendFileSync, readFileSync } from 'node:fs';
appendFileSync('hits.txt', 'x');
process.stdout.write(String(readFileSync('hits.txt', 'utf8').length) + ' ' + process.argv.slice(2).join(' '));
`;

const WORKFLOW = `${head('fx')}inputs:
  base:
    type: string
  token:
    type: string
    secret: true
    default: tok-SECRET-123
nodes:
  fetch:
    type: http
    url: \${{ inputs.base }}/echo?who=\${{ inputs.token }}&n=1
  count:
    type: exec
    command: node
    args:
      - count.mjs
      - \${{ nodes.fetch.output.status }}
  shape:
    type: transform
    expression: '{"status": nodes.fetch.output.status, "stdout": nodes.count.output.stdout}'
outputs:
  shape: \${{ nodes.shape.output }}
`;

let server: TestServer;
let dir: string;
let first: RunResult;
const hits = () =>
  existsSync(join(dir, 'hits.txt')) ? readFileSync(join(dir, 'hits.txt'), 'utf8').length : 0;
const echoHits = () => server.requests.filter((r) => r.url.startsWith('/echo')).length;
const events = (r: RunResult) =>
  logText(r.logFile!)
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as RunEvent);

async function caught(p: Promise<unknown>): Promise<UserError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return err as UserError;
}

beforeAll(async () => {
  server = await startTestServer();
  dir = project({
    'thaiyyal.config.yaml': 'version: 1\nhttp:\n  allow: [127.0.0.1]\n',
    'fx.yaml': WORKFLOW,
    'count.mjs': COUNTER,
  });
  first = await runWorkflowFile({ file: join(dir, 'fx.yaml'), cwd: dir, inputs: { base: server.url } });
  expect(first.status).toBe('succeeded');
});
afterAll(() => server.close());

describe('recording', () => {
  it('logs every effect and the resolved options, with secrets redacted', () => {
    const log = events(first);
    const fx = log.filter((e) => e.type === 'node.effect');
    expect(fx.map((e) => [e.nodeId, e.kind, e.n])).toEqual([
      ['fetch', 'http', 0],
      ['count', 'process', 0],
    ]);
    const http = fx[0] as Extract<RunEvent, { type: 'node.effect' }>;
    expect(http.request).toEqual({ method: 'GET', url: `${server.url}/echo?who=***&n=1` });
    expect((http.result as { status: number }).status).toBe(200);
    const proc = fx[1] as Extract<RunEvent, { type: 'node.effect' }>;
    expect((proc.result as { stdout: string }).stdout).toBe('1 200');
    expect(logText(first.logFile!)).not.toContain('tok-SECRET-123');
    const opts = log.find((e) => e.type === 'node.options' && e.nodeId === 'count');
    expect(opts).toMatchObject({ options: { command: 'node', args: ['count.mjs', 200] } });
  });
});

describe('replay --verify', () => {
  it('re-executes a run made with --optimize as optimised, so merged nodes line up', async () => {
    const p = project({
      'thaiyyal.config.yaml': 'version: 1\nhttp:\n  allow: [127.0.0.1]\n',
      'dup.yaml': `${head('dup')}inputs:\n  base: {type: string, required: true}\nnodes:\n  a:\n    type: http\n    url: \${{ inputs.base }}/echo?n=dup\n  b:\n    type: http\n    url: \${{ inputs.base }}/echo?n=dup\noutputs:\n  a: \${{ nodes.a.output.status }}\n  b: \${{ nodes.b.output.status }}\n`,
    });
    const r = await runWorkflowFile({
      file: join(p, 'dup.yaml'),
      cwd: p,
      inputs: { base: server.url },
      optimize: true,
    });
    expect(r.status).toBe('succeeded');
    expect(r.nodes['b']).toMatchObject({ mergedInto: 'a' });
    const before = echoHits();
    const v = await verifyRun({ cwd: p, run: r.runId });
    expect(v.identical).toBe(true);
    expect(echoHits()).toBe(before); // nothing left the machine
  });

  it('re-executes with the recording: identical, and no request or process leaves', async () => {
    const [h, e] = [hits(), echoHits()];
    const r = await verifyRun({ cwd: dir, run: first.runId });
    expect(r).toMatchObject({ identical: true, nodes: 3, effects: 2, replayStatus: 'succeeded' });
    expect(r.divergence).toBeUndefined();
    expect([hits(), echoHits()]).toEqual([h, e]);
  });

  it('reports the first divergence of a changed workflow precisely (node, path, both values)', async () => {
    const changed = join(dir, 'fx-v2.yaml');
    writeFileSync(
      changed,
      WORKFLOW.replace(
        `'{"status": nodes.fetch.output.status, "stdout": nodes.count.output.stdout}'`,
        `'{"status": nodes.fetch.output.status + 1, "stdout": nodes.count.output.stdout}'`,
      ),
    );
    const r = await verifyRun({ cwd: dir, run: first.runId, workflow: changed });
    expect(r.identical).toBe(false);
    expect(r.divergence).toMatchObject({
      nodeId: 'shape',
      kind: 'output',
      path: '$.status',
      recorded: 200,
      replayed: 201,
    });
    expect(r.divergences.map((d) => d.kind)).toEqual(['output', 'run-output']);
  });

  it('a changed request is a divergence, not a call to the world', async () => {
    const changed = join(dir, 'fx-v3.yaml');
    writeFileSync(changed, WORKFLOW.replace('&n=1', '&n=2'));
    const e = echoHits();
    const r = await verifyRun({ cwd: dir, run: first.runId, workflow: changed });
    expect(echoHits()).toBe(e);
    expect(r.divergence).toMatchObject({
      nodeId: 'fetch',
      kind: 'status',
      recorded: 'succeeded',
      replayed: 'failed',
    });
    expect(r.divergence?.error?.code).toBe('replay.effect-mismatch');
    expect(r.divergence?.error?.message).toContain('n=2');
  });
});

describe('replay --from (fork)', () => {
  it('executes the node and downstream for real, reuses upstream, and links to the parent', async () => {
    const [h, e] = [hits(), echoHits()];
    const r = await forkRun({ cwd: dir, run: first.runId, from: 'count' });
    expect(r.status).toBe('succeeded');
    expect(hits()).toBe(h + 1); // count ran again, for real
    expect(echoHits()).toBe(e); // fetch did not
    expect(r.reused).toEqual(['fetch']);
    expect(r.executed.sort()).toEqual(['count', 'shape']);
    expect(r.outputs['shape']).toEqual({ status: 200, stdout: `${h + 1} 200` });
    const started = events(r)[0] as Extract<RunEvent, { type: 'run.started' }>;
    expect(started.forkOf).toEqual({ runId: first.runId, node: 'count' });
    // The fork itself verifies: its reused nodes are reused again, its effects replayed.
    expect((await verifyRun({ cwd: dir, run: r.runId })).identical).toBe(true);
  });

  it('--set replaces a reused output; --set on a re-executed node and bad JSON are refused', async () => {
    const r = await forkRun({
      cwd: dir,
      run: first.runId,
      from: 'count',
      set: ['fetch.output={"status": 418}'],
      inputs: { token: 'tok-SECRET-123' },
    });
    expect(r.outputs['shape']).toMatchObject({ status: 418 });
    expect(
      (await caught(forkRun({ cwd: dir, run: first.runId, from: 'count', set: ['shape.output=1'] }))).code,
    ).toBe('invalid-set');
    expect(() => parseSet('fetch.output={nope')).toThrow(/not JSON/);
    expect(() => parseSet('fetch=1')).toThrow(/NODE.output=JSON/);
    const unknown = await caught(forkRun({ cwd: dir, run: first.runId, from: 'nope' }));
    expect(unknown.message).toContain('no node "nope"');
  });

  it('a secret input without a default must be given again: a fork never runs with "***"', async () => {
    const p = project({
      'sec.yaml': `${head('sec')}inputs:\n  key: {type: string, secret: true, required: true}\nnodes:\n  a:\n    type: transform\n    expression: '$length(inputs.key)'\n  b:\n    type: transform\n    expression: 'nodes.a.output + 1'\noutputs:\n  b: \${{ nodes.b.output }}\n`,
    });
    const r = await runWorkflowFile({ file: join(p, 'sec.yaml'), cwd: p, inputs: { key: 'abcdef' } });
    expect(r.outputs).toEqual({ b: 7 });
    const missing = await caught(forkRun({ cwd: p, run: r.runId, from: 'a' }));
    expect(missing.code).toBe('missing-input');
    expect(missing.message).toMatch(/"key" of run .* was recorded redacted/);
    expect(missing.suggestions).toEqual(['--input key=…']);
    const again = await forkRun({ cwd: p, run: r.runId, from: 'a', inputs: { key: 'abc' } });
    expect(again.outputs).toEqual({ b: 4 });
  });
});

describe('replay --at', () => {
  it('gives the full state after event N, and refuses N out of range', async () => {
    const log = events(first);
    const k = log.findIndex((e) => e.type === 'node.succeeded' && e.nodeId === 'fetch');
    const s = await stateAt({ cwd: dir, run: first.runId, at: k });
    expect(s.event.seq).toBe(k);
    expect(s.state.nodes['fetch']?.status).toBe('succeeded');
    expect(s.state.nodes['count']?.status).toBe('pending');
    expect(s.state.status).toBe('running');
    const last = await stateAt({ cwd: dir, run: first.runId, at: -1 });
    expect(last.state.status).toBe('succeeded');
    expect(last.state.nodes['count']?.options).toEqual({ command: 'node', args: ['count.mjs', 200] });
    const err = await caught(stateAt({ cwd: dir, run: first.runId, at: 10_000 }));
    expect(err.message).toContain(`events 0 to ${log.length - 1}`);
  });
});

describe('runs diff', () => {
  it('per node: status, inputs, output and timing', async () => {
    const fork = await forkRun({ cwd: dir, run: first.runId, from: 'count' });
    const d = await diffRuns({ cwd: dir, a: first.runId, b: fork.runId });
    const count = d.nodes.find((n) => n.nodeId === 'count')!;
    expect(count.differs).toBe(true);
    expect(count.output?.path).toBe('$.stdout');
    expect(typeof count.timing.deltaMs).toBe('number');
    expect(d.nodes.find((n) => n.nodeId === 'fetch')?.differs).toBe(false);
    expect(d.outputs?.path).toBe('$.shape.stdout');
    const same = await diffRuns({ cwd: dir, a: first.runId, b: first.runId });
    expect(same.differing).toBe(0);
  });
});

describe('compression and retention', () => {
  it('compressed logs read like plain ones; prune applies count and days; --dry-run changes nothing', async () => {
    const p = project({
      'thaiyyal.config.yaml': 'version: 1\nruns:\n  retention: {count: 2}\n',
      'ok.yaml': `${head('ok')}nodes:\n  a:\n    type: transform\n    expression: '21'\n`,
    });
    const runs: RunResult[] = [];
    for (let i = 0; i < 4; i++) runs.push(await runWorkflowFile({ file: join(p, 'ok.yaml'), cwd: p }));
    expect(runs[0]!.logFile).toMatch(/\.jsonl\.gz$/);
    const ends = readRunLogEnds(runs[0]!.logFile!, EVENT_LOG_VERSION);
    expect(ends.first?.type).toBe('run.started');
    expect(ends.last?.type).toBe('run.finished');
    expect((await readRunLog(runs[0]!.logFile!, EVENT_LOG_VERSION)).events.at(-1)?.type).toBe('run.finished');
    expect((await showRun({ cwd: p, run: runs[0]!.runId })).summary.status).toBe('succeeded');
    expect((await listRuns({ cwd: p })).runs).toHaveLength(4);
    expect((await verifyRun({ cwd: p, run: runs[1]!.runId })).identical).toBe(true);

    const dry = await pruneRuns({ cwd: p, dryRun: true });
    expect(dry.deleted.map((d) => d.runId)).toEqual([runs[1]!.runId, runs[0]!.runId]);
    expect(readdirSync(join(p, '.thaiyyal', 'runs'))).toHaveLength(4);
    const done = await pruneRuns({ cwd: p });
    expect(done.deleted).toHaveLength(2);
    expect(readdirSync(join(p, '.thaiyyal', 'runs')).sort()).toEqual(
      [runs[2]!.runId, runs[3]!.runId].map((id) => `${id}.jsonl.gz`).sort(),
    );

    writeFileSync(join(p, 'thaiyyal.config.yaml'), 'version: 1\nruns:\n  retention: {days: 1}\n');
    const later = await pruneRuns({ cwd: p, now: Date.now() + 2 * 86_400_000 });
    expect(later.deleted.map((d) => d.reason)).toEqual([
      'older than 1 days (runs.retention.days)',
      'older than 1 days (runs.retention.days)',
    ]);
  });

  it('prune compresses finished plain logs and keeps all without a retention policy', async () => {
    const p = project({
      'thaiyyal.config.yaml': 'version: 1\nruns:\n  compress: false\n',
      'ok.yaml': `${head('ok')}nodes:\n  a:\n    type: transform\n    expression: '1'\n`,
    });
    const r = await runWorkflowFile({ file: join(p, 'ok.yaml'), cwd: p });
    expect(r.logFile).toMatch(/\.jsonl$/);
    const res = await pruneRuns({ cwd: p });
    expect(res).toMatchObject({ deleted: [], kept: 1 });
    expect(res.compressed.map((c) => c.runId)).toEqual([r.runId]);
    expect(existsSync(r.logFile!)).toBe(false);
    expect(existsSync(`${r.logFile!}.gz`)).toBe(true);
  });

  it('a bad runs: section is a clear config error', async () => {
    const p = project({
      'thaiyyal.config.yaml': 'version: 1\nruns:\n  retention: {days: 0, keep: 3}\n',
      'ok.yaml': `${head('ok')}nodes:\n  a:\n    type: transform\n    expression: '1'\n`,
    });
    const err = await caught(pruneRuns({ cwd: p }));
    const text = [err.message, ...err.diagnostics.map((d) => d.message)].join('\n');
    expect(text).toMatch(/days/);
    expect(text).toMatch(/keep/);
  });
});

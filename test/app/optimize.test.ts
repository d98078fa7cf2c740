/**
 * The optimize twin end to end: real files in a temp project, the real loader, run history on
 * disk, and `run --optimize` against a real HTTP server on 127.0.0.1.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHistory, optimizeFiles } from '../../src/app/optimize.js';
import { runWorkflowFile } from '../../src/app/run.js';
import { UserError } from '../../src/core/errors.js';
import type { RunEvent } from '../../src/engine/events.js';
import { head, project } from '../helpers/project.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { logText } from '../helpers/run-log.js';

const CONFIG = 'version: 1\nhttp:\n  allow: [127.0.0.1]\n';

const WF = (url: string) => `${head('report')}# The weekly report.
inputs:
  team: {type: string, default: core}
nodes:
  # Where the API lives (constant: folded).
  base:
    type: transform
    expression: '"${url}"'
  members:
    type: http
    url: \${{ nodes.base.output }}/echo?team=\${{ inputs.team }}   # who is in the team
  members_again:
    type: http
    url: \${{ nodes.base.output }}/echo?team=\${{ inputs.team }}
  # Nobody reads this one any more.
  legacy:
    type: http
    url: \${{ nodes.base.output }}/echo?legacy=1
  count:
    type: transform
    expression: $count(nodes.members_again.output.body.query)
  say:
    type: log
    message: 'team \${{ inputs.team }}'
outputs:
  team: \${{ nodes.members.output.body.query.team }}
  count: \${{ nodes.count.output }}
`;

describe('optimizeFiles', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('reports rewrites, node counts and the critical path; --check changes nothing', async () => {
    const dir = project({ 'thaiyyal.config.yaml': CONFIG, 'wf.yaml': WF(server.url) });
    const before = readFileSync(join(dir, 'wf.yaml'), 'utf8');
    const r = await optimizeFiles({ paths: ['wf.yaml'], cwd: dir, mode: 'check' });
    expect(r.version).toBe(1);
    const f = r.files[0]!;
    expect(f.rewrites.map((w) => `${w.pass}:${w.kind}:${w.nodes[0]}`)).toEqual([
      'constant-folding:fold:base',
      'cse:merge:members_again',
      'dead-nodes:remove:legacy',
    ]);
    expect(f.nodes).toEqual({ before: 6, after: 4 });
    expect(f.criticalPath.basis).toBe('defaults');
    expect(f.criticalPath.beforeMs).toBeGreaterThanOrEqual(f.criticalPath.afterMs);
    expect(f.rewrites.every((w) => w.safety.length > 10)).toBe(true);
    expect(readFileSync(join(dir, 'wf.yaml'), 'utf8')).toBe(before);
  });

  it('--write keeps comments and untouched lines, and the result validates and optimises to nothing', async () => {
    const dir = project({ 'thaiyyal.config.yaml': CONFIG, 'wf.yaml': WF(server.url) });
    const before = readFileSync(join(dir, 'wf.yaml'), 'utf8');
    const diff = await optimizeFiles({ paths: ['wf.yaml'], cwd: dir, mode: 'diff' });
    expect(diff.files[0]!.diff).toContain('-  legacy:');
    expect(readFileSync(join(dir, 'wf.yaml'), 'utf8')).toBe(before);
    const w = await optimizeFiles({ paths: ['wf.yaml'], cwd: dir, mode: 'write' });
    expect(w.files[0]!.written).toBe(true);
    const after = readFileSync(join(dir, 'wf.yaml'), 'utf8');
    for (const kept of [
      '# The weekly report.',
      '  # Where the API lives (constant: folded).',
      `    url: \${{ nodes.base.output }}/echo?team=\${{ inputs.team }}   # who is in the team`,
      '  say:',
      "    message: 'team ${{ inputs.team }}'",
    ]) {
      expect(after).toContain(kept);
    }
    expect(after).not.toContain('legacy');
    expect(after).not.toContain('members_again');
    expect(after).toContain('  base:\n    type: transform\n    value: ');
    expect(after).toContain('expression: $count(nodes.members.output.body.query)');
    const again = await optimizeFiles({ paths: ['wf.yaml'], cwd: dir, mode: 'check' });
    expect(again.rewrites).toBe(0);
  });

  it('reports invalid workflows as validate does, and refuses unknown stages', async () => {
    const dir = project({ 'bad.yaml': `${head('bad')}nodes:\n  a: {type: htp}\n` });
    const err = await optimizeFiles({ paths: ['bad.yaml'], cwd: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).exitCode).toBe(2);
    expect((err as UserError).diagnostics.map((d) => d.code)).toContain('unknown-node-type');
    const dir2 = project({ 'wf.yaml': WF(server.url) });
    const e2 = await optimizeFiles({ paths: ['wf.yaml'], cwd: dir2, explain: true, stage: 'nope' }).catch(
      (e: unknown) => e,
    );
    expect((e2 as UserError).message).toContain('unknown stage "nope"');
  });

  it('--explain shows each stage; --suggest ranks recommendations from run history', async () => {
    const wf = `${head('hist')}nodes:
  get:
    type: http
    url: ${server.url}/slow?ms=30
    timeout: 60s
  again:
    type: http
    url: ${server.url}/slow?ms=30
    retry: 2
outputs:
  a: \${{ nodes.get.output.status }}
  b: \${{ nodes.again.output.status }}
`;
    const dir = project({ 'thaiyyal.config.yaml': CONFIG, 'wf.yaml': wf });
    for (let i = 0; i < 5; i++) {
      const r = await runWorkflowFile({ file: join(dir, 'wf.yaml') });
      expect(r.status).toBe('succeeded');
    }
    const history = await loadHistory(dir, 'hist');
    expect(history['get']!.runs).toBe(5);
    expect(history['get']!.p50).toBeGreaterThanOrEqual(25);
    const r = await optimizeFiles({ paths: ['wf.yaml'], cwd: dir, explain: true, suggest: true });
    const f = r.files[0]!;
    expect(f.criticalPath.basis).toBe('history');
    expect(f.stages!.map((s) => s.name)).toEqual(['simplify', 'restructure', 'parallelize']);
    const kinds = f.suggestions!.map((s) => s.kind);
    expect(kinds).toContain('tighten-timeout');
    expect(kinds).toContain('cache-get');
    const timeout = f.suggestions!.find((s) => s.kind === 'tighten-timeout' && s.nodes[0] === 'get')!;
    expect(timeout.basis).toBe('history');
    expect(timeout.savingMs).toBeGreaterThan(50_000);
    // Ranked: largest saving first.
    const savings = f.suggestions!.map((s) => s.savingMs);
    expect([...savings].sort((a, b) => b - a)).toEqual(savings);
    const one = await optimizeFiles({ paths: ['wf.yaml'], cwd: dir, explain: true, stage: 'parallelize' });
    expect(one.files[0]!.stages!.map((s) => s.name)).toEqual(['parallelize']);
  });
});

describe('run --optimize', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('gives the same outputs, reports every original node, and records it on run.started', async () => {
    const dir = project({ 'thaiyyal.config.yaml': CONFIG, 'wf.yaml': WF(server.url) });
    const plain = await runWorkflowFile({ file: join(dir, 'wf.yaml') });
    const n0 = server.requests.length;
    const opt = await runWorkflowFile({ file: join(dir, 'wf.yaml'), optimize: true });
    expect(opt.status).toBe('succeeded');
    expect(opt.outputs).toEqual(plain.outputs);
    // One GET instead of three (merged copy, dead legacy call).
    expect(server.requests.length - n0).toBe(1);
    expect(Object.keys(opt.nodes).sort()).toEqual(Object.keys(plain.nodes).sort());
    expect(opt.nodes['members_again']).toMatchObject({
      status: 'succeeded',
      mergedInto: 'members',
      output: opt.nodes['members']!.output,
    });
    expect(opt.nodes['legacy']).toEqual({
      status: 'skipped',
      skipReason: 'optimized-away',
      attempts: 0,
      durationMs: 0,
    });
    const started = JSON.parse(logText(opt.logFile!).split('\n')[0]!) as RunEvent;
    expect(started.type === 'run.started' && started.optimized).toEqual({
      rewrites: 3,
      merged: { members_again: 'members' },
      removed: ['legacy'],
      fused: {},
      folded: ['base'],
      hoisted: {},
    });
    // The file itself is untouched.
    writeFileSync(join(dir, 'noop'), '');
  });
});

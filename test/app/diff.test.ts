import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diffSpecs } from '../../src/app/diff.js';
import { release } from '../../src/app/release.js';
import { listVersions } from '../../src/app/versions.js';
import { gitFixture, HELLO_V1, wfText, type Fixture } from '../core/versioning/git-fixture.js';

let fx: Fixture | undefined;
afterEach(() => fx?.cleanup());

describe('diffSpecs', () => {
  it('WORKFLOW@VERSION across a moved file; a workflow renamed is a major change', async () => {
    fx = gitFixture({ 'a/hello.yaml': wfText('hello', HELLO_V1) });
    fx.commit('init');
    await release({ cwd: fx.dir });
    fx.git('mv', 'a/hello.yaml', 'b.yaml');
    fx.commit('moved');
    let d = await diffSpecs({ cwd: fx.dir, a: 'hello@1.0.0', b: 'hello' });
    expect(d.a).toMatchObject({
      kind: 'version',
      version: '1.0.0',
      file: 'a/hello.yaml',
      ref: 'hello@1.0.0',
    });
    expect(d.b).toMatchObject({ kind: 'file', file: 'b.yaml' });
    expect(d.bump).toBe('none');
    fx.write({ 'b.yaml': wfText('greeter', HELLO_V1) });
    d = await diffSpecs({ cwd: fx.dir, a: 'hello@latest', b: 'b.yaml' });
    expect(d.changes.map((c) => [c.rule, c.change.before, c.change.after])).toEqual([
      ['workflow.name', 'hello', 'greeter'],
    ]);
    expect(d.bump).toBe('major');
  });

  it('--impact: callers whose calls break', async () => {
    fx = gitFixture({
      'lib/greet.yaml': wfText('greet', HELLO_V1),
      'ok.yaml': wfText('ok', 'nodes:\n  g: {type: workflow, file: lib/greet.yaml}\n'),
      'broken.yaml': wfText(
        'broken',
        'nodes:\n  g: {type: workflow, file: ./lib/greet.yaml, inputs: {name: x, old: 1}}\noutputs:\n  t: ${{ nodes.g.output.text }}\n',
      ),
    });
    fx.commit('init');
    fx.write({
      'lib/greet.yaml': wfText(
        'greet',
        'inputs:\n  name: {type: string, default: w}\n  must: {type: string, required: true}\nnodes:\n  a: {type: log, message: hi}\n',
      ),
    });
    const d = await diffSpecs({ cwd: fx.dir, a: 'lib/greet.yaml@HEAD', b: 'lib/greet.yaml', impact: true });
    expect(d.impact!.callers).toEqual([
      {
        workflow: 'broken',
        file: 'broken.yaml',
        node: 'g',
        problems: [
          { code: 'input-unknown', message: 'passes input "old", which the new version does not declare' },
          { code: 'input-missing', message: 'does not pass "must", which the new version requires' },
          { code: 'output-missing', message: 'reads output "text", which the new version does not have' },
        ],
      },
      {
        workflow: 'ok',
        file: 'ok.yaml',
        node: 'g',
        problems: [
          { code: 'input-missing', message: 'does not pass "must", which the new version requires' },
        ],
      },
    ]);
    expect(d.impact!.runs).toEqual({
      recorded: 0,
      replay: {
        verified: 'done',
        checked: 0,
        identical: 0,
        diverged: [],
        failed: [],
        note: 'no recorded runs',
      },
    });
  });

  it('--impact replays recorded runs on the new version', async () => {
    fx = gitFixture({ 'greet.yaml': wfText('greet', HELLO_V1) });
    fx.commit('init');
    const { runWorkflowFile } = await import('../../src/app/run.js');
    const run = await runWorkflowFile({
      file: join(fx.dir, 'greet.yaml'),
      cwd: fx.dir,
      inputs: { name: 'Ada' },
    });
    expect(run.status).toBe('succeeded');
    let d = await diffSpecs({ cwd: fx.dir, a: 'greet.yaml@HEAD', b: 'greet.yaml', impact: true });
    expect(d.impact!.runs).toEqual({
      recorded: 1,
      replay: { verified: 'done', checked: 1, identical: 1, diverged: [], failed: [] },
    });
    fx.write({ 'greet.yaml': wfText('greet', HELLO_V1.replace('"hello "', '"hi "')) });
    d = await diffSpecs({ cwd: fx.dir, a: 'greet.yaml@HEAD', b: 'greet', impact: true });
    expect(d.bump).toBe('patch');
    expect(d.impact!.runs.replay).toMatchObject({ verified: 'done', checked: 1, identical: 0 });
    expect(d.impact!.runs.replay.diverged).toEqual([
      { runId: run.runId, message: expect.stringContaining('node "greet" output differs') },
    ]);
    // a tagged version is not on disk: not replayed, and said so
    d = await diffSpecs({ cwd: fx.dir, a: 'greet', b: 'greet.yaml@HEAD', impact: true });
    expect(d.impact!.runs.replay.verified).toBe('pending');
  });
});

describe('listVersions', () => {
  it('semver order with dates and commits; none yet for an unreleased workflow; unknown names refused', async () => {
    fx = gitFixture({ 'hello.yaml': wfText('hello', HELLO_V1) });
    fx.commit('init');
    expect(await listVersions({ cwd: fx.dir, workflow: 'hello' })).toEqual({
      workflow: 'hello',
      versions: [],
      warnings: [],
    });
    await expect(listVersions({ cwd: fx.dir, workflow: 'nope' })).rejects.toMatchObject({
      code: 'unknown-workflow',
    });
    for (const v of ['1.9.0', '1.10.0', '1.2.0']) fx.tag(`hello@${v}`);
    fx.tag('hello@2.0.0-rc.0', { light: true });
    const r = await listVersions({ cwd: fx.dir, workflow: 'hello' });
    expect(r.versions.map((v) => [v.version, v.annotated, v.prerelease])).toEqual([
      ['2.0.0-rc.0', false, true],
      ['1.10.0', true, false],
      ['1.9.0', true, false],
      ['1.2.0', true, false],
    ]);
    expect(r.versions[0]!.commit).toBe(fx.git('rev-parse', 'HEAD').trim());
    expect(r.versions[0]!.date).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});

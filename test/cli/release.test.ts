/**
 * End to end through bin/run.js in a real git repository: release → versions → run @^1 → diff → version check →
 * rollback, and the exit codes of bad input.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { gitFixture, wfText, type Fixture } from '../core/versioning/git-fixture.js';

let fx: Fixture | undefined;
afterEach(() => fx?.cleanup());

const GREET = (type: string, extra = '') => `inputs:
  name: {type: ${type}, required: true}
nodes:
  text: {type: transform, expression: '"Hello, " & $string(inputs.name)'}
outputs:
  text: \${{ nodes.text.output }}
${extra}`;
const CALLER = `nodes:
  hi: {type: workflow, file: lib/greet.yaml, inputs: {name: Ada}}
outputs:
  text: \${{ nodes.hi.output.text }}
`;

const cli = (args: string[]) => runCli(args, { cwd: fx!.dir, timeoutMs: 30_000 });

/** The first ```text block of a docs/commands page. */
function docText(page: string): string {
  return /```text\n([\s\S]*?)```/.exec(readFileSync(join(REPO_ROOT, 'docs', 'commands', page), 'utf8'))![1]!;
}
/** Commit ids and dates vary from run to run. */
const hexless = (s: string) =>
  s.replace(/\b[0-9a-f]{12}\b/g, '<commit>').replace(/\d{4}-\d\d-\d\d/g, '<date>');

describe('thaiyyal release / versions / run @version / rollback', () => {
  it('the whole flow', async () => {
    fx = gitFixture({
      'lib/greet.yaml': wfText('greet', GREET('string')),
      'caller.yaml': wfText('caller', CALLER),
    });
    fx.commit('init');

    let r = await cli(['release', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const rel = JSON.parse(r.stdout);
    expect(rel.releases.map((x: { tag: string }) => x.tag)).toEqual(['caller@1.0.0', 'greet@1.0.0']);

    // a breaking change in greet (type string → number), released as 2.0.0
    fx.commit('number', { 'lib/greet.yaml': wfText('greet', GREET('number')) });
    r = await cli(['release', 'greet']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('tagged greet@2.0.0');
    expect(r.stdout).toContain('Breaking (major)');

    r = await cli(['versions', 'greet', '--json']);
    expect(r.exitCode).toBe(0);
    const vs = JSON.parse(r.stdout);
    expect(vs.versions.map((v: { version: string }) => v.version)).toEqual(['2.0.0', '1.0.0']);
    expect(vs.versions[0].file).toBe('lib/greet.yaml');
    r = await cli(['versions', 'greet']);
    expect(r.stdout).toMatch(/^2\.0\.0 {2}\d{4}-\d\d-\d\d {2}[0-9a-f]{12} {2}lib\/greet\.yaml\n1\.0\.0/);

    // run @^1 reads the 1.0.0 tag from git objects: a string input, although the working tree wants a number
    r = await cli(['run', 'greet@^1', '--input', 'name=Ada', '--quiet']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ text: 'Hello, Ada' });
    r = await cli(['run', 'greet@latest', '--input', 'name=Ada']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('lib/greet.yaml@greet@2.0.0');
    // a tagged caller resolves its sub-workflow at the same tag
    r = await cli(['run', 'caller@1.0.0', '--quiet']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ text: 'Hello, Ada' });

    r = await cli(['diff', 'greet@1.0.0', 'greet@2.0.0', '--impact', '--json']);
    expect(r.exitCode).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.bump).toBe('major');
    expect(d.changes.map((c: { change: { path: string } }) => c.change.path)).toEqual(['inputs.name.type']);
    expect(d.impact.callers).toEqual([{ workflow: 'caller', file: 'caller.yaml', node: 'hi', problems: [] }]);
    expect(d.impact.runs.replay.verified).toBe('pending');

    // the page docs/commands/rollback.md shows this very rollback
    r = await cli(['rollback', 'greet@1.0.0']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(`$ thaiyyal rollback greet@1.0.0\n${hexless(r.stdout)}`).toBe(hexless(docText('rollback.md')));
    expect(fx.git('log', '-1', '--format=%s').trim()).toBe('rollback: greet to 1.0.0');
    expect(fx.git('show', 'HEAD:lib/greet.yaml')).toBe(fx.git('show', 'greet@1.0.0:lib/greet.yaml'));
    r = await cli(['rollback', 'greet@1.0.0', '--json']);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      workflow: 'greet',
      version: '1.0.0',
      changed: false,
      bump: 'major',
      next: '3.0.0',
    });

    r = await cli(['version', 'check']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(
      'greet lib/greet.yaml: unreleased major changes since 2.0.0; the next release is 3.0.0',
    );
  }, 120_000);

  it('bad input: exit 2 with a clear message', async () => {
    fx = gitFixture({ 'w.yaml': wfText('w', GREET('string')) });
    fx.commit('init');
    fx.tag('w@1.0');
    const cases: Array<[string[], RegExp]> = [
      [['versions', 'nope'], /no workflow named "nope" in the working tree/],
      [['rollback', 'w@1.0.0'], /workflow "w" has no version tags/],
      [['rollback', 'w'], /"w" is not WORKFLOW@VERSION/],
      [['run', 'w@^1'], /workflow "w" has no version tags/],
      [['diff', 'w.yaml@nope', 'w.yaml'], /nope is not a commit, branch or tag/],
      [['diff', 'missing.yaml', 'w.yaml'], /missing\.yaml: no such file/],
      [['release', '--sign'], /--sign needs a signing key/],
      [['release', 'ghost'], /no workflow named "ghost" in HEAD/],
      [['release', '--dryrun'], /flag:? --dryrun/i],
      [['version', 'check', '-x'], /flag:? -x/i],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toContain('internal error');
    }
    const r = await cli(['versions', 'w']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('warning: tag w@1.0 is not <workflow>@<semver>');
    fx.write({ 'w.yaml': wfText('w', GREET('number')) });
    const dirty = await cli(['release']);
    expect(dirty.exitCode).toBe(2);
    expect(dirty.stderr).toMatch(/uncommitted changes in w\.yaml/);
  }, 120_000);

  it('docs/commands/versions.md: the example prints what the page shows', async () => {
    fx = gitFixture({ 'lib/greet.yaml': wfText('greet', GREET('string')) });
    for (const v of ['1.0.0', '1.1.0', '2.0.0-rc.1']) {
      fx.commit(v, { 'lib/greet.yaml': wfText('greet', GREET('string', `# ${v}\n`)) });
      fx.tag(`greet@${v}`, { message: `greet ${v}\n\nThaiyyal-File: lib/greet.yaml` });
    }
    const r = await cli(['versions', 'greet']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(`$ thaiyyal versions greet\n${hexless(r.stdout)}`).toBe(hexless(docText('versions.md')));
  });

  it('outside a git repository: exit 2', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'thaiyyal-nogit-'));
    const r = await runCli(['version', 'check', '--json'], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(JSON.parse(r.stdout).error.code).toBe('not-a-git-repo');
  });
});

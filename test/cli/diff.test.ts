/**
 * `thaiyyal diff` end to end, and the example of docs/commands/diff.md run exactly as documented.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { gitFixture, HELLO_V1, wfText, type Fixture } from '../core/versioning/git-fixture.js';

let fx: Fixture | undefined;
afterEach(() => fx?.cleanup());

function docBlocks(page: string): Array<{ lang: string; body: string }> {
  const text = readFileSync(join(REPO_ROOT, 'docs', 'commands', page), 'utf8');
  return [...text.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, body: m[2]! }));
}

describe('thaiyyal diff', () => {
  it('docs/commands/diff.md: the example prints what the page shows', async () => {
    const blocks = docBlocks('diff.md');
    const yaml = blocks.filter((b) => b.lang === 'yaml');
    const shown = blocks.find(
      (b) => b.lang === 'text' && b.body.startsWith('$ thaiyyal diff before.yaml after.yaml'),
    )!;
    expect(yaml.length).toBeGreaterThanOrEqual(2);
    fx = gitFixture({ 'before.yaml': yaml[0]!.body, 'after.yaml': yaml[1]!.body });
    const r = await runCli(['diff', 'before.yaml', 'after.yaml'], { cwd: fx.dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(`$ thaiyyal diff before.yaml after.yaml\n${r.stdout}`).toBe(shown.body);
  });

  it('reads FILE@REF and WORKFLOW names; --json; the diff of a file with itself is empty', async () => {
    fx = gitFixture({ 'wf/hello.yaml': wfText('hello', HELLO_V1) });
    fx.commit('one');
    fx.write({ 'wf/hello.yaml': wfText('hello', HELLO_V1.replace('default: world', 'default: there')) });
    let r = await runCli(['diff', 'wf/hello.yaml@HEAD', 'hello', '--json'], { cwd: fx.dir });
    expect(r.exitCode, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.a).toMatchObject({ kind: 'ref', workflow: 'hello', file: 'wf/hello.yaml', ref: 'HEAD' });
    expect(d.b).toMatchObject({ kind: 'file', workflow: 'hello', file: 'wf/hello.yaml' });
    expect(d.bump).toBe('minor');
    expect(d.changes).toEqual([
      {
        change: {
          area: 'input',
          kind: 'changed',
          path: 'inputs.name.default',
          subject: 'name',
          field: 'default',
          before: 'world',
          after: 'there',
        },
        level: 'minor',
        rule: 'input.default.changed',
        reason: 'default changed: callers that omit the input get another value',
      },
    ]);
    r = await runCli(['diff', 'wf/hello.yaml', 'wf/hello.yaml'], { cwd: fx.dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('wf/hello.yaml → wf/hello.yaml\nno semantic changes (bump: none)\n');
    // from a subdirectory, paths are relative to it
    r = await runCli(['diff', 'hello.yaml@HEAD', 'hello.yaml'], { cwd: join(fx.dir, 'wf') });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('inputs.name.default');
  });

  it('an invalid workflow: exit 2 with its diagnostics', async () => {
    fx = gitFixture({
      'bad.yaml': wfText('bad', 'nodes: {a: {type: nope}}\n'),
      'ok.yaml': wfText('ok', HELLO_V1),
    });
    const r = await runCli(['diff', 'bad.yaml', 'ok.yaml'], { cwd: fx.dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('bad.yaml is not a valid workflow');
  });
});

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { release, setVersionField } from '../../src/app/release.js';
import { versionCheck } from '../../src/app/version-check.js';
import { gitFixture, HELLO_V1, wfText, type Fixture } from '../core/versioning/git-fixture.js';

let fx: Fixture | undefined;
afterEach(() => fx?.cleanup());
const now = new Date('2026-11-26T10:00:00Z');

const OTHER = `nodes:\n  a: {type: log, message: hi}\n`;

describe('release', () => {
  it('first release: 1.0.0 for every workflow, CHANGELOG, commit and annotated tags', async () => {
    fx = gitFixture();
    fx.commit('init', {
      'workflows/hello.yaml': wfText('hello', HELLO_V1),
      'other.yml': wfText('other', OTHER),
    });
    const r = await release({ cwd: fx.dir, now });
    expect(r.releases.map((x) => [x.tag, x.first, x.file])).toEqual([
      ['hello@1.0.0', true, 'workflows/hello.yaml'],
      ['other@1.0.0', true, 'other.yml'],
    ]);
    expect(r.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(fx.git('log', '-1', '--format=%s').trim()).toBe('release: hello@1.0.0, other@1.0.0');
    expect(fx.git('cat-file', '-t', 'hello@1.0.0').trim()).toBe('tag');
    expect(fx.git('rev-parse', 'hello@1.0.0^{commit}').trim()).toBe(r.commit);
    expect(fx.git('tag', '-l', '--format=%(contents)', 'hello@1.0.0')).toContain(
      'Thaiyyal-File: workflows/hello.yaml',
    );
    const log = readFileSync(join(fx.dir, 'CHANGELOG.md'), 'utf8');
    expect(log).toContain('## hello\n\n### 1.0.0 — 2026-11-26\n\nFirst release of `workflows/hello.yaml`.');
    expect(log.indexOf('## hello')).toBeLessThan(log.indexOf('## other'));
    expect(fx.git('status', '--porcelain').trim()).toBe('');
  });

  it('bumps from the diff since the last tag: major, minor, patch, none', async () => {
    fx = gitFixture();
    fx.commit('init', { 'hello.yaml': wfText('hello', HELLO_V1), 'other.yaml': wfText('other', OTHER) });
    await release({ cwd: fx.dir, now });
    // minor: a new optional input; other: patch (a node option)
    fx.commit('add input', {
      'hello.yaml': wfText(
        'hello',
        HELLO_V1.replace('inputs:\n', 'inputs:\n  loud: {type: boolean, default: false}\n'),
      ),
      'other.yaml': wfText('other', OTHER.replace('hi', 'hello')),
    });
    let r = await release({ cwd: fx.dir, now });
    expect(r.releases.map((x) => [x.tag, x.bump, x.previous])).toEqual([
      ['hello@1.1.0', 'minor', '1.0.0'],
      ['other@1.0.1', 'patch', '1.0.0'],
    ]);
    expect(r.releases[0]!.changes.map((c) => c.change.path)).toEqual(['inputs.loud']);
    // nothing changed → skipped
    r = await release({ cwd: fx.dir, now });
    expect(r.releases).toEqual([]);
    expect(r.skipped).toEqual([
      { workflow: 'hello', reason: 'no changes since hello@1.1.0' },
      { workflow: 'other', reason: 'no changes since other@1.0.1' },
    ]);
    // major: an output removed; only the named workflow
    fx.commit('drop output', { 'hello.yaml': wfText('hello', HELLO_V1.replace(/outputs:[\s\S]*$/, '')) });
    r = await release({ cwd: fx.dir, workflows: ['hello'], now });
    expect(r.releases.map((x) => x.tag)).toEqual(['hello@2.0.0']);
    const log = readFileSync(join(fx.dir, 'CHANGELOG.md'), 'utf8');
    expect(log).toMatch(
      /## hello\n\n### 2\.0\.0 — 2026-11-26\n\n#### Breaking\n\n- input loud removed — callers passing this input are refused \(`inputs.loud`\)\n- output text removed — callers reading this output get nothing \(`outputs.text`\)/,
    );
    expect(log.indexOf('### 2.0.0')).toBeLessThan(log.indexOf('### 1.1.0'));
  });

  it('--dry-run changes nothing; --pre makes pre-releases that graduate', async () => {
    fx = gitFixture();
    fx.commit('init', { 'hello.yaml': wfText('hello', HELLO_V1) });
    await release({ cwd: fx.dir, now });
    fx.commit('breaking', {
      'hello.yaml': wfText('hello', HELLO_V1.replace('type: string', 'type: number').replace('world', '1')),
    });
    const head = fx.git('rev-parse', 'HEAD');
    const dry = await release({ cwd: fx.dir, dryRun: true, now });
    expect(dry.releases.map((x) => x.tag)).toEqual(['hello@2.0.0']);
    expect(fx.git('rev-parse', 'HEAD')).toBe(head);
    expect(fx.git('tag', '-l').split('\n').filter(Boolean)).toEqual(['hello@1.0.0']);

    expect((await release({ cwd: fx.dir, pre: 'rc', now })).releases.map((x) => x.tag)).toEqual([
      'hello@2.0.0-rc.0',
    ]);
    fx.commit('fix', {
      'hello.yaml': wfText('hello', HELLO_V1.replace('type: string', 'type: number').replace('world', '2')),
    });
    expect((await release({ cwd: fx.dir, pre: 'rc', now })).releases.map((x) => x.tag)).toEqual([
      'hello@2.0.0-rc.1',
    ]);
    // graduate: no change since the rc, no --pre
    const g = await release({ cwd: fx.dir, now });
    expect(g.releases.map((x) => [x.tag, x.bump])).toEqual([['hello@2.0.0', 'major']]);
    await expect(release({ cwd: fx.dir, pre: 'bad id!' })).rejects.toMatchObject({
      code: 'invalid-pre',
      exitCode: 2,
    });
  });

  it('updates a declared `version:` field and keeps comments', async () => {
    fx = gitFixture();
    fx.commit('init', { 'hello.yaml': wfText('hello', HELLO_V1, '1.0.0') });
    expect((await release({ cwd: fx.dir, now })).releases[0]!.tag).toBe('hello@1.0.0');
    fx.commit('minor', {
      'hello.yaml': wfText('hello', `${HELLO_V1}  more: \${{ inputs.name }}\n`, '1.0.0'),
    });
    const r = await release({ cwd: fx.dir, now });
    expect(r.releases.map((x) => [x.tag, x.versionFieldUpdated])).toEqual([['hello@1.1.0', true]]);
    expect(fx.git('show', 'hello@1.1.0:hello.yaml')).toContain('version: 1.1.0\n');
    expect((await versionCheck({ cwd: fx.dir })).ok).toBe(true);
    expect(setVersionField('a: 1\nversion: 1.0.0  # keep\nb: 2\n', '2.0.0')).toBe(
      'a: 1\nversion: 2.0.0  # keep\nb: 2\n',
    );
  });

  it('refuses bad input: dirty file, unknown workflow, no commits, not a repo, --sign without key', async () => {
    fx = gitFixture();
    await expect(release({ cwd: fx.dir })).rejects.toMatchObject({ code: 'no-commits', exitCode: 2 });
    fx.commit('init', { 'hello.yaml': wfText('hello', HELLO_V1) });
    await expect(release({ cwd: fx.dir, workflows: ['nope'] })).rejects.toMatchObject({
      code: 'unknown-workflow',
      suggestions: ['workflows here: hello', 'release looks at committed files: commit a new workflow first'],
    });
    fx.write({ 'hello.yaml': wfText('hello', OTHER) });
    await expect(release({ cwd: fx.dir })).rejects.toMatchObject({ code: 'dirty-tree', exitCode: 2 });
    fx.git('checkout', '--', 'hello.yaml');
    await expect(release({ cwd: fx.dir, sign: true })).rejects.toMatchObject({ code: 'no-signing-key' });
    // nothing was committed or tagged by the refused signed release
    expect(fx.git('tag', '-l')).toBe('');
  });

  it('--sign signs the commit and the tags with the configured key (SSH signing)', async () => {
    fx = gitFixture();
    const key = join(fx.dir, '.git', 'signing-key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'test', '-f', key]);
    fx.git('config', 'gpg.format', 'ssh');
    fx.git('config', 'user.signingkey', `${key}.pub`);
    const pub = readFileSync(`${key}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
    writeFileSync(join(fx.dir, '.git', 'allowed_signers'), `test@example.com ${pub}\n`);
    fx.git('config', 'gpg.ssh.allowedSignersFile', join(fx.dir, '.git', 'allowed_signers'));
    fx.commit('init', { 'hello.yaml': wfText('hello', HELLO_V1) });
    const r = await release({ cwd: fx.dir, sign: true, now });
    expect(r.signed).toBe(true);
    expect(fx.git('tag', '-l', '--format=%(contents:signature)', 'hello@1.0.0')).toContain(
      'BEGIN SSH SIGNATURE',
    );
    expect(() => fx!.git('verify-tag', 'hello@1.0.0')).not.toThrow();
    expect(() => fx!.git('verify-commit', 'HEAD')).not.toThrow();
  });

  it('docs/commands/release.md: the CHANGELOG example is what release writes', async () => {
    const page = readFileSync(join(import.meta.dirname, '../../docs/commands/release.md'), 'utf8');
    const shown = /```markdown\n([\s\S]*?)```/.exec(page)![1]!;
    const greet = (type: string) =>
      wfText('greet', `inputs:\n  name: {type: ${type}}\nnodes:\n  a: {type: log, message: hi}\n`);
    fx = gitFixture();
    fx.commit('init', { 'lib/greet.yaml': greet('string') });
    await release({ cwd: fx.dir, now: new Date('2026-11-20T09:00:00Z') });
    fx.commit('number', { 'lib/greet.yaml': greet('number') });
    await release({ cwd: fx.dir, now });
    const log = readFileSync(join(fx.dir, 'CHANGELOG.md'), 'utf8');
    expect(log.slice(log.indexOf('## greet'))).toBe(shown);
  });

  it('ignores tags that are not semver, with a warning', async () => {
    fx = gitFixture();
    fx.commit('init', { 'hello.yaml': wfText('hello', HELLO_V1) });
    fx.tag('hello@1.2', { light: true });
    fx.tag('hello@v3.0.0');
    const r = await release({ cwd: fx.dir, dryRun: true });
    expect(r.releases.map((x) => x.tag)).toEqual(['hello@1.0.0']);
    expect(r.warnings).toEqual([
      'tag hello@1.2 is not <workflow>@<semver> (e.g. hello@1.2.0); ignored',
      'tag hello@v3.0.0 is not <workflow>@<semver> (e.g. hello@1.2.0); ignored',
    ]);
  });

  it('refuses a shallow clone', async () => {
    fx = gitFixture();
    fx.commit('init', { 'hello.yaml': wfText('hello', HELLO_V1) });
    fx.commit('two', { 'x.txt': '1' });
    const clone = gitFixture();
    clone.cleanup();
    fx.git('clone', '-q', '--depth', '1', `file://${fx.dir}`, clone.dir);
    await expect(release({ cwd: clone.dir })).rejects.toMatchObject({
      code: 'shallow-clone',
      suggestions: expect.arrayContaining(['run `git fetch --unshallow --tags`']),
    });
    clone.cleanup();
  });
});

describe('version check', () => {
  it('passes without a version field, fails when a declared version does not reflect the changes', async () => {
    fx = gitFixture();
    fx.commit('init', {
      'hello.yaml': wfText('hello', HELLO_V1, '1.0.0'),
      'other.yaml': wfText('other', OTHER),
    });
    let c = await versionCheck({ cwd: fx.dir });
    expect(c.workflows.map((w) => [w.workflow, w.ok, w.message])).toEqual([
      ['hello', true, 'not released yet; the first release is 1.0.0'],
      ['other', true, 'not released yet; the first release is 1.0.0'],
    ]);
    await release({ cwd: fx.dir, now });
    // breaking change, file still claims 1.0.0 → not reflected
    fx.write({ 'hello.yaml': wfText('hello', HELLO_V1.replace(/outputs:[\s\S]*$/, ''), '1.0.0') });
    fx.write({ 'other.yaml': wfText('other', OTHER.replace('hi', 'yo')) });
    c = await versionCheck({ cwd: fx.dir });
    expect(c.ok).toBe(false);
    expect(c.workflows.map((w) => [w.workflow, w.ok, w.bump, w.next, w.message])).toEqual([
      [
        'hello',
        false,
        'major',
        '2.0.0',
        'major changes since 1.0.0 but the file still declares version 1.0.0; set version: 2.0.0',
      ],
      ['other', true, 'patch', '1.0.1', 'unreleased patch changes since 1.0.0; the next release is 1.0.1'],
    ]);
    // a minor step is not enough for a breaking change
    fx.write({ 'hello.yaml': wfText('hello', HELLO_V1.replace(/outputs:[\s\S]*$/, ''), '1.1.0') });
    c = await versionCheck({ cwd: fx.dir, workflows: ['hello'] });
    expect(c.workflows[0]!.message).toBe(
      'declares 1.1.0, a minor step from 1.0.0, but the changes since 1.0.0 are major; set version: 2.0.0',
    );
    fx.write({ 'hello.yaml': wfText('hello', HELLO_V1.replace(/outputs:[\s\S]*$/, ''), '2.0.0') });
    expect((await versionCheck({ cwd: fx.dir })).ok).toBe(true);
    // declared ahead with no change
    fx.write({ 'hello.yaml': wfText('hello', HELLO_V1, '1.0.1') });
    c = await versionCheck({ cwd: fx.dir, workflows: ['hello'] });
    expect(c.workflows[0]!.message).toBe(
      'declares version 1.0.1 but nothing changed since 1.0.0; set version: 1.0.0',
    );
  });
});

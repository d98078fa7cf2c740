import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRepo } from '../../src/adapters/git.js';
import { UserError } from '../../src/core/errors.js';
import { gitFixture, type Fixture } from '../core/versioning/git-fixture.js';

let fx: Fixture | undefined;
afterEach(() => fx?.cleanup());

describe('git adapter', () => {
  it('refuses a directory outside any git repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'thaiyyal-nogit-'));
    await expect(openRepo(dir)).rejects.toMatchObject({ code: 'not-a-git-repo', exitCode: 2 });
    await expect(openRepo(dir)).rejects.toBeInstanceOf(UserError);
  });

  it('reads files at a ref without checkout, lists files and tags', async () => {
    fx = gitFixture();
    const first = fx.commit('one', { 'a/w.yaml': 'v1\n' });
    fx.tag('w@1.0.0', { message: 'w 1.0.0\n\nThaiyyal-File: a/w.yaml' });
    fx.commit('two', { 'a/w.yaml': 'v2\n', 'b.txt': 'x' });
    fx.tag('light', { light: true });
    const repo = await openRepo(join(fx.dir, 'a'));
    expect(await repo.readFile('w@1.0.0', 'a/w.yaml')).toBe('v1\n');
    expect(await repo.readFile('HEAD', 'a/w.yaml')).toBe('v2\n');
    expect(await repo.readFile('HEAD', 'missing.yaml')).toBeUndefined();
    expect(await repo.readFile('HEAD', 'a')).toBeUndefined();
    expect(await repo.listFiles('HEAD')).toEqual(['a/w.yaml', 'b.txt']);
    expect(await repo.resolveCommit('w@1.0.0')).toBe(first);
    expect(await repo.resolveCommit('nope')).toBeUndefined();
    const tags = await repo.tags();
    expect(tags.map((t) => [t.name, t.annotated])).toEqual([
      ['light', false],
      ['w@1.0.0', true],
    ]);
    const w = (await repo.tags('w@'))[0]!;
    expect(w.commit).toBe(first);
    expect(w.message).toContain('Thaiyyal-File: a/w.yaml');
    expect(Date.parse(w.date)).not.toBeNaN();
    expect(await repo.isShallow()).toBe(false);
  });

  it('reports dirty paths and commits only the given paths', async () => {
    fx = gitFixture();
    fx.commit('one', { 'x.yaml': '1', 'y.yaml': '1' });
    const repo = await openRepo(fx.dir);
    expect(await repo.dirty(['x.yaml', 'y.yaml'])).toEqual([]);
    fx.write({ 'x.yaml': '2', 'y.yaml': '2', 'new.md': 'n' });
    expect(await repo.dirty(['x.yaml', 'new.md', 'z.yaml'])).toEqual(['x.yaml', 'new.md']);
    await repo.commit(['x.yaml', 'new.md'], 'partial');
    expect(await repo.dirty(['x.yaml', 'y.yaml', 'new.md'])).toEqual(['y.yaml']);
    expect(fx.git('log', '-1', '--format=%s').trim()).toBe('partial');
    await repo.tag('t@1.0.0', 'msg');
    expect(fx.git('cat-file', '-t', 't@1.0.0').trim()).toBe('tag');
  });

  it('detects a shallow clone', async () => {
    fx = gitFixture();
    fx.commit('one', { 'a.txt': '1' });
    fx.commit('two', { 'a.txt': '2' });
    const clone = mkdtempSync(join(tmpdir(), 'thaiyyal-shallow-'));
    fx.git('clone', '-q', '--depth', '1', `file://${fx.dir}`, clone);
    expect(await (await openRepo(clone)).isShallow()).toBe(true);
  });

  it('checkSigning fails clearly without a signing key', async () => {
    fx = gitFixture();
    fx.commit('one');
    const repo = await openRepo(fx.dir);
    await expect(repo.checkSigning()).rejects.toMatchObject({ code: 'no-signing-key', exitCode: 2 });
    expect(await repo.hasCommits()).toBe(true);
  });

  it('hasCommits is false in a fresh repository', async () => {
    fx = gitFixture();
    expect(await (await openRepo(fx.dir)).hasCommits()).toBe(false);
  });
});

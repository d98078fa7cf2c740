import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { release } from '../../src/app/release.js';
import { rollback } from '../../src/app/rollback.js';
import { versionCheck } from '../../src/app/version-check.js';
import { gitFixture, HELLO_V1, wfText, type Fixture } from '../core/versioning/git-fixture.js';

let fx: Fixture | undefined;
afterEach(() => fx?.cleanup());
const BREAKING = HELLO_V1.replace(/outputs:[\s\S]*$/, '');

describe('rollback', () => {
  it('restores a version in a new commit, to where the workflow lives now', async () => {
    fx = gitFixture({ 'old/hello.yaml': wfText('hello', HELLO_V1) });
    fx.commit('init');
    await release({ cwd: fx.dir });
    // the file moves and changes
    fx.git('mv', 'old/hello.yaml', 'new.yaml');
    fx.commit('move + break', { 'new.yaml': wfText('hello', BREAKING) });
    await release({ cwd: fx.dir });
    const before = fx.git('rev-list', '--count', 'HEAD').trim();
    const r = await rollback({ cwd: fx.dir, spec: 'hello@1' });
    expect(r).toMatchObject({
      workflow: 'hello',
      version: '1.0.0',
      file: 'new.yaml',
      changed: true,
      bump: 'minor',
      next: '2.1.0',
    });
    expect(fx.git('rev-list', '--count', 'HEAD').trim()).toBe(String(Number(before) + 1));
    expect(readFileSync(join(fx.dir, 'new.yaml'), 'utf8')).toBe(wfText('hello', HELLO_V1));
    expect(fx.git('show', '--name-only', '--format=%s', 'HEAD').trim().split('\n')).toEqual([
      'rollback: hello to 1.0.0',
      '',
      'new.yaml',
    ]);
  });

  it('sets a declared version to the next release, so version check stays green', async () => {
    fx = gitFixture({ 'hello.yaml': wfText('hello', HELLO_V1, '1.0.0') });
    fx.commit('init');
    await release({ cwd: fx.dir });
    fx.commit('break', { 'hello.yaml': wfText('hello', BREAKING, '2.0.0') });
    await release({ cwd: fx.dir });
    const r = await rollback({ cwd: fx.dir, spec: 'hello@1.0.0' });
    // restoring the output 2.0.0 removed is additive: 2.1.0
    expect(r.next).toBe('2.1.0');
    expect(readFileSync(join(fx.dir, 'hello.yaml'), 'utf8')).toBe(wfText('hello', HELLO_V1, '2.1.0'));
    expect((await versionCheck({ cwd: fx.dir })).ok).toBe(true);
    const rel = await release({ cwd: fx.dir });
    expect(rel.releases.map((x) => x.tag)).toEqual(['hello@2.1.0']);
  });

  it('refuses a dirty file, a bad spec and a version that does not exist', async () => {
    fx = gitFixture({ 'hello.yaml': wfText('hello', HELLO_V1) });
    fx.commit('init');
    await release({ cwd: fx.dir });
    await expect(rollback({ cwd: fx.dir, spec: 'hello' })).rejects.toMatchObject({
      code: 'invalid-spec',
      exitCode: 2,
    });
    await expect(rollback({ cwd: fx.dir, spec: 'hello@4.0.0' })).rejects.toMatchObject({
      code: 'no-matching-version',
      suggestions: ['versions: 1.0.0'],
    });
    fx.write({ 'hello.yaml': wfText('hello', BREAKING) });
    await expect(rollback({ cwd: fx.dir, spec: 'hello@1.0.0' })).rejects.toMatchObject({
      code: 'dirty-tree',
      exitCode: 2,
    });
    expect(readFileSync(join(fx.dir, 'hello.yaml'), 'utf8')).toBe(wfText('hello', BREAKING));
  });
});

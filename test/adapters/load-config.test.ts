/** loadProjectConfig: search upward to the git root; defaults; invalid files throw UserError('config'). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProjectConfig } from '../../src/adapters/load-config.js';
import { DEFAULT_CONFIG } from '../../src/core/config.js';
import { UserError } from '../../src/core/errors.js';

const base = mkdtempSync(join(tmpdir(), 'thaiyyal-config-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** Builds a directory tree from {path: content}; a trailing `/` makes a directory. */
function tree(name: string, files: Record<string, string>): string {
  const root = join(base, name);
  for (const [p, content] of Object.entries(files)) {
    const full = join(root, p);
    if (p.endsWith('/')) mkdirSync(full, { recursive: true });
    else {
      mkdirSync(join(full, '..'), { recursive: true });
      writeFileSync(full, content);
    }
  }
  return root;
}

describe('loadProjectConfig', () => {
  it('finds the config in a parent directory and makes it the root', async () => {
    const root = tree('up', {
      '.git/': '',
      'thaiyyal.config.yaml': 'version: 1\nlimits: {concurrency: 3}\n',
      'a/b/': '',
    });
    const c = await loadProjectConfig(join(root, 'a', 'b'));
    expect(c.root).toBe(root);
    expect(c.file).toBe(join(root, 'thaiyyal.config.yaml'));
    expect(c.limits.concurrency).toBe(3);
  });

  it('accepts the .yml spelling', async () => {
    const root = tree('yml', { '.git/': '', 'thaiyyal.config.yml': 'version: 1\n' });
    expect((await loadProjectConfig(root)).file).toBe(join(root, 'thaiyyal.config.yml'));
  });

  it('stops at the git root: defaults with root = git root', async () => {
    const outer = tree('stop', {
      'thaiyyal.config.yaml': 'version: 1\nlimits: {concurrency: 3}\n',
      'repo/.git/': '',
      'repo/src/': '',
    });
    const c = await loadProjectConfig(join(outer, 'repo', 'src'));
    expect(c).toEqual({ ...DEFAULT_CONFIG, root: join(outer, 'repo') });
  });

  it('throws UserError(config) with diagnostics for an invalid file', async () => {
    const root = tree('bad', { '.git/': '', 'thaiyyal.config.yaml': 'version: 1\nhttp: {timout: 1s}\n' });
    const err = await loadProjectConfig(root).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe('config');
    expect((err as UserError).diagnostics.map((d) => d.code)).toEqual(['unknown-key']);
    expect((err as UserError).message).toContain('thaiyyal.config.yaml:2:');
  });

  it('refuses two config files side by side', async () => {
    const root = tree('both', {
      '.git/': '',
      'thaiyyal.config.yaml': 'version: 1\n',
      'thaiyyal.config.yml': 'version: 1\n',
    });
    await expect(loadProjectConfig(root)).rejects.toBeInstanceOf(UserError);
  });
});

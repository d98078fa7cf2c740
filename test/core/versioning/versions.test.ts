import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changelogEntry, insertChangelogEntry } from '../../../src/core/versioning/changelog.js';
import { classifyDiff, rules } from '../../../src/core/versioning/classify.js';
import { diffWorkflows } from '../../../src/core/versioning/diff.js';
import {
  bumpBetween,
  checkReflected,
  isVersionSelector,
  nextVersion,
  parseTag,
  pickVersion,
} from '../../../src/core/versioning/versions.js';
import { wf } from './wf.js';

describe('tags', () => {
  it.each([
    ['hello@1.2.0', { tag: 'hello@1.2.0', workflow: 'hello', version: '1.2.0' }],
    ['my-flow@2.0.0-rc.1', { tag: 'my-flow@2.0.0-rc.1', workflow: 'my-flow', version: '2.0.0-rc.1' }],
    ['hello@1.2', { tag: 'hello@1.2', workflow: 'hello', invalid: true }],
    ['hello@v1.2.0', { tag: 'hello@v1.2.0', workflow: 'hello', invalid: true }],
    ['v1.2.0', undefined],
    ['Hello@1.0.0', undefined],
    ['@scope/pkg@1.0.0', undefined],
  ])('parseTag(%s)', (tag, expected) => {
    expect(parseTag(tag)).toEqual(expected);
  });

  const vs = ['1.0.0', '1.2.0', '1.2.3', '2.0.0-rc.0', '1.10.0'];
  it.each([
    ['1.2.0', '1.2.0'],
    ['^1.2', '1.10.0'],
    ['~1.2.0', '1.2.3'],
    ['1.x', '1.10.0'],
    ['latest', '1.10.0'],
    ['^3', undefined],
    ['9.9.9', undefined],
    ['nonsense', undefined],
  ])('pickVersion(%s)', (sel, expected) => {
    expect(pickVersion(vs, sel)).toBe(expected);
  });

  it('latest falls back to a pre-release when there is nothing stable', () => {
    expect(pickVersion(['1.0.0-rc.0', '1.0.0-rc.1'], 'latest')).toBe('1.0.0-rc.1');
  });

  it('isVersionSelector', () => {
    for (const s of ['1.2.0', '^1', '~1.2', 'latest', '1.x', '>=1.2.0'])
      expect(isVersionSelector(s)).toBe(true);
    for (const s of ['main', 'HEAD~1', 'v1', 'feature/x']) expect(isVersionSelector(s)).toBe(false);
  });
});

describe('nextVersion', () => {
  it.each([
    [{ stable: undefined, latest: undefined, bump: 'none' as const }, '1.0.0'],
    [{ stable: '1.4.2', latest: '1.4.2', bump: 'major' as const }, '2.0.0'],
    [{ stable: '1.4.2', latest: '1.4.2', bump: 'minor' as const }, '1.5.0'],
    [{ stable: '1.4.2', latest: '1.4.2', bump: 'patch' as const }, '1.4.3'],
    [{ stable: '1.4.2', latest: '1.4.2', bump: 'none' as const }, undefined],
    [{ stable: '1.4.2', latest: '1.4.2', bump: 'major' as const, pre: 'rc' }, '2.0.0-rc.0'],
    [{ stable: '1.4.2', latest: '2.0.0-rc.0', bump: 'major' as const, pre: 'rc' }, '2.0.0-rc.1'],
    [{ stable: '1.4.2', latest: '2.0.0-rc.3', bump: 'major' as const }, '2.0.0'],
    [{ stable: '1.4.2', latest: '2.0.0-rc.3', bump: 'none' as const }, '2.0.0'],
    [{ stable: '1.4.2', latest: '2.0.0-rc.3', bump: 'patch' as const, pre: 'beta' }, '2.0.0-beta.0'],
    [{ stable: undefined, latest: '1.0.0-rc.0', bump: 'major' as const, pre: 'rc' }, '1.0.0-rc.1'],
  ])('%j → %s', (opts, expected) => {
    expect(nextVersion(opts)).toBe(expected);
  });

  it.each([
    ['1.0.0', '2.0.0', 'major'],
    ['1.0.0', '1.1.0', 'minor'],
    ['1.0.0', '1.0.1', 'patch'],
    ['1.0.0', '1.0.0', 'none'],
    ['1.0.0', '0.9.0', 'none'],
    ['1.0.0', '2.0.0-rc.0', 'major'],
  ])('bumpBetween(%s, %s) = %s', (a, b, expected) => {
    expect(bumpBetween(a, b)).toBe(expected);
  });
});

describe('checkReflected', () => {
  const base = { stable: '1.0.0', latest: '1.0.0' };
  it.each([
    [{ ...base, declared: undefined, bump: 'major' as const, changed: true }, true],
    [{ ...base, declared: '1.0.0', bump: 'none' as const, changed: false }, true],
    [{ ...base, declared: '1.0.1', bump: 'none' as const, changed: false }, false],
    [{ ...base, declared: '1.0.0', bump: 'patch' as const, changed: true }, false],
    [{ ...base, declared: '1.0.1', bump: 'patch' as const, changed: true }, true],
    [{ ...base, declared: '1.0.1', bump: 'minor' as const, changed: true }, false],
    [{ ...base, declared: '1.1.0', bump: 'major' as const, changed: true }, false],
    [{ ...base, declared: '2.0.0', bump: 'major' as const, changed: true }, true],
    [{ ...base, declared: '3.0.0', bump: 'patch' as const, changed: true }, true],
    [{ ...base, declared: '0.9.0', bump: 'patch' as const, changed: true }, false],
    [
      { stable: undefined, latest: undefined, declared: '0.3.0', bump: 'major' as const, changed: true },
      true,
    ],
  ])('%j → ok %s', (opts, ok) => {
    expect(checkReflected(opts).ok).toBe(ok);
  });
});

describe('CHANGELOG', () => {
  const c = classifyDiff(
    diffWorkflows(
      wf('inputs: {x: {type: string}}\nnodes: {a: {type: log, message: hi}}\n'),
      wf('inputs: {y: {type: string}}\nnodes: {a: {type: log, message: hi}}\noutputs: {o: 1}\n'),
    ),
  );
  const entry = changelogEntry({ version: '2.0.0', date: '2026-11-26', classification: c, file: 'w.yaml' });

  it('writes an entry grouped by level', () => {
    expect(entry).toBe(
      [
        '### 2.0.0 — 2026-11-26',
        '',
        '#### Breaking',
        '',
        '- input x renamed to y — callers passing the old name are refused (`inputs.x`)',
        '',
        '#### Added',
        '',
        '- output o added — new output (`outputs.o`)',
        '',
      ].join('\n'),
    );
  });

  it('creates the file, adds sections in name order, newest entry first', () => {
    let text = insertChangelogEntry(undefined, 'm', '### 1.0.0 — d\n\nFirst.\n');
    text = insertChangelogEntry(text, 'a', '### 1.0.0 — d\n\nFirst a.\n');
    text = insertChangelogEntry(text, 'z', '### 1.0.0 — d\n\nFirst z.\n');
    text = insertChangelogEntry(text, 'm', '### 1.1.0 — d\n\nSecond.\n');
    expect(text.split('\n').filter((l) => l.startsWith('#'))).toEqual([
      '# Changelog',
      '## a',
      '### 1.0.0 — d',
      '## m',
      '### 1.1.0 — d',
      '### 1.0.0 — d',
      '## z',
      '### 1.0.0 — d',
    ]);
    expect(text).not.toMatch(/\n\n\n/);
    expect(text.endsWith('First z.\n')).toBe(true);
  });

  it('keeps what the user wrote', () => {
    const mine = '# Changelog\n\nHand-written intro.\n\n## w\n\n### 1.0.0 — d\n\nNotes by hand.\n';
    const text = insertChangelogEntry(mine, 'w', '### 1.0.1 — e\n\nFix.\n');
    expect(text).toBe(
      '# Changelog\n\nHand-written intro.\n\n## w\n\n### 1.0.1 — e\n\nFix.\n\n### 1.0.0 — d\n\nNotes by hand.\n',
    );
  });
});

describe('docs/versioning.md', () => {
  it('has the classification table of the code, row for row', () => {
    const text = readFileSync(join(import.meta.dirname, '../../../docs/versioning.md'), 'utf8');
    const rows = [...text.matchAll(/^\| `([a-z.A-Z]+)` \| (major|minor|patch) \| (.+) \|$/gm)].map((m) => ({
      id: m[1],
      level: m[2],
      reason: m[3],
    }));
    expect(rows).toEqual(rules());
  });
});

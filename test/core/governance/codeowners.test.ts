/** CODEOWNERS with GitHub's semantics: pattern table (after hmarr/codeowners and GitHub's docs), last match wins, bad lines. */
import { describe, expect, it } from 'vitest';
import { ownersOf, parseCodeowners, patternToRegex } from '../../../src/core/governance/codeowners.js';

const CASES: [pattern: string, matches: string[], misses: string[]][] = [
  ['*', ['a', 'a.yaml', 'dir/a.yaml', 'x/y/z'], []],
  ['*.yaml', ['a.yaml', 'workflows/a.yaml', 'a/b/c.yaml'], ['a.yml', 'a.yaml.bak', 'yaml']],
  ['foo', ['foo', 'foo/bar', 'bar/foo', 'bar/foo/baz'], ['foo.txt', 'bar/foo.txt', 'bar/baz']],
  ['/foo', ['foo', 'foo/bar'], ['bar/foo', 'foo.txt']],
  ['foo/', ['foo/bar', 'a/foo/bar', 'foo/x/y'], ['foo', 'foo.txt', 'afoo/bar']],
  ['/build/logs/', ['build/logs/a.log', 'build/logs/x/y.log'], ['a/build/logs/a.log', 'build/logs']],
  [
    'docs/*',
    ['docs/getting-started.md', 'docs/a'],
    ['docs/build-app/troubleshooting.md', 'docs', 'x/docs/a.md'],
  ],
  ['apps/', ['apps/a', 'x/apps/b/c'], ['apps', 'myapps/a']],
  ['/docs/', ['docs/a.md', 'docs/x/y.md'], ['x/docs/a.md']],
  ['**/logs', ['logs', 'a/logs', 'a/b/logs/x.log'], ['alogs', 'logs.txt']],
  ['a/**/b', ['a/b', 'a/x/b', 'a/x/y/b', 'a/x/b/c'], ['b', 'x/a/b', 'a/xb']],
  ['workflows/**', ['workflows/a.yaml', 'workflows/x/y.yaml'], ['workflows', 'x/workflows/a.yaml']],
  ['workflows/*.yaml', ['workflows/a.yaml'], ['workflows/x/a.yaml', 'workflows/a.yml']],
  ['deploy?.yaml', ['deploy1.yaml', 'x/deployA.yaml'], ['deploy.yaml', 'deploy12.yaml']],
  ['Makefile', ['Makefile', 'sub/Makefile'], ['makefile']],
  ['a\\ b', ['a b', 'x/a b'], ['a', 'a\\ b']],
];

describe('patternToRegex', () => {
  for (const [pattern, matches, misses] of CASES) {
    it(`${pattern}`, () => {
      const re = patternToRegex(pattern);
      for (const p of matches) expect(re.test(p), `${pattern} should match ${p}`).toBe(true);
      for (const p of misses) expect(re.test(p), `${pattern} should not match ${p}`).toBe(false);
    });
  }

  it.each([
    ['!foo', /negation/],
    ['[ab].yaml', /character ranges/],
    ['a/***/b', /three consecutive/],
  ])('rejects %s', (pattern, why) => {
    expect(() => patternToRegex(pattern)).toThrow(why);
  });
});

const FILE = `# owners of this repository
*                       @acme/platform
*.yaml                  @acme/flows       # every YAML file
/workflows/deploy/      @acme/ops ops-lead@acme.dev
/workflows/deploy/scratch.yaml
\\#odd.yaml              @hash-owner
docs/*                  docs@acme.dev
`;

describe('parseCodeowners + ownersOf', () => {
  const { codeowners, problems } = parseCodeowners(FILE, '.github/CODEOWNERS');

  it('parses patterns, owners and comments', () => {
    expect(problems).toEqual([]);
    expect(codeowners.rules.map((r) => [r.line, r.pattern, r.owners])).toEqual([
      [2, '*', ['@acme/platform']],
      [3, '*.yaml', ['@acme/flows']],
      [4, '/workflows/deploy/', ['@acme/ops', 'ops-lead@acme.dev']],
      [5, '/workflows/deploy/scratch.yaml', []],
      [6, '\\#odd.yaml', ['@hash-owner']],
      [7, 'docs/*', ['docs@acme.dev']],
    ]);
  });

  it.each([
    ['README.md', ['@acme/platform'], 2],
    ['workflows/hello.yaml', ['@acme/flows'], 3],
    ['workflows/deploy/prod.yaml', ['@acme/ops', 'ops-lead@acme.dev'], 4],
    ['workflows/deploy/nested/x.yaml', ['@acme/ops', 'ops-lead@acme.dev'], 4],
    ['workflows/deploy/scratch.yaml', [], 5],
    ['#odd.yaml', ['@hash-owner'], 6],
    ['docs/a.md', ['docs@acme.dev'], 7],
    ['docs/sub/a.md', ['@acme/platform'], 2],
    ['docs/sub/a.yaml', ['@acme/flows'], 3],
  ])('%s → %j (line %i: the last match wins)', (path, owners, line) => {
    const r = ownersOf(codeowners, path);
    expect(r.owners).toEqual(owners);
    expect(r.rule?.line).toBe(line);
  });

  it('owns nothing without a file or a match', () => {
    expect(ownersOf(undefined, 'a.yaml')).toEqual({ owners: [] });
    const only = parseCodeowners('/src/ @a\n', 'CODEOWNERS').codeowners;
    expect(ownersOf(only, 'workflows/a.yaml').owners).toEqual([]);
  });

  it('reports and skips lines GitHub rejects, keeps the valid owners of a line', () => {
    const { codeowners: co, problems: ps } = parseCodeowners(
      '!secret.yaml @a\n[ab].yaml @b\n*.yaml @good not-an-owner @acme/team bad@\n',
      'CODEOWNERS',
    );
    expect(ps.map((p) => [p.line, p.message])).toEqual([
      [
        1,
        expect.stringMatching(/^CODEOWNERS:1: pattern "!secret.yaml": negation .* not supported.*ignored$/),
      ],
      [2, expect.stringMatching(/^CODEOWNERS:2: pattern "\[ab\].yaml": character ranges/)],
      [3, 'CODEOWNERS:3: "not-an-owner" is not a valid owner; write @user, @org/team or an email address'],
      [3, 'CODEOWNERS:3: "bad@" is not a valid owner; write @user, @org/team or an email address'],
    ]);
    expect(co.rules.map((r) => r.owners)).toEqual([['@good', '@acme/team']]);
  });
});

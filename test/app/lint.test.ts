/** lintPaths, the I/O twin of `thaiyyal lint`: file discovery, ignores, bad files, fixes, stdin. */
import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lintExitCode, lintPaths, parseRuleFlags, type LintRequest } from '../../src/app/lint.js';
import { ALL_RULE_IDS } from '../../src/core/lint/registry.js';
import { summarize } from '../../src/core/lint/format/types.js';
import { UserError } from '../../src/core/errors.js';

/** A workflow with one missing-timeout finding (line 5) and a comment that --fix must keep. */
const WF = (name: string) => `apiVersion: thaiyyal.dev/v1
kind: Workflow
name: ${name}
nodes:
  fetch: # the status API
    type: http
    url: https://status.example.com/api # keep this comment
outputs:
  status: \${{ nodes.fetch.output.status }}
`;
const CLEAN = (name: string) => `apiVersion: thaiyyal.dev/v1
kind: Workflow
name: ${name}
description: Says hi.
owners: [team-a]
nodes:
  hello:
    type: transform
    expression: '"hi"'
outputs:
  hello: \${{ nodes.hello.output }}
`;

let dir: string;
async function repo(tree: Record<string, string>): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'thaiyyal-lint-app-'));
  spawnSync('git', ['init', '-q'], { cwd: dir });
  for (const [p, text] of Object.entries(tree)) {
    await mkdir(dirname(join(dir, p)), { recursive: true });
    await writeFile(join(dir, p), text);
  }
  return dir;
}
afterEach(() => rm(dir, { recursive: true, force: true }));

const lint = (req: Partial<LintRequest> = {}) => lintPaths({ cwd: dir, ...req });
const files = async (req: Partial<LintRequest> = {}) => (await lint(req)).results.map((r) => r.file);
const ids = (r: { findings: { ruleId?: string; code: string }[] }) =>
  r.findings.map((f) => f.ruleId ?? f.code);

describe('lintPaths: finding files', () => {
  it('walks directories (default "."), skipping node_modules, dot-dirs, the config and non-workflow YAML', async () => {
    await repo({
      'a.yaml': WF('a'),
      'sub/b.yml': CLEAN('b'),
      'sub/deep/c.yaml': CLEAN('c'),
      'node_modules/x/d.yaml': WF('d'),
      '.github/workflows/ci.yml': 'on: push\n',
      'docker-compose.yml': 'services: {}\n',
      'thaiyyal.config.yaml': 'version: 1\n',
      'notes.txt': 'x',
    });
    expect(await files()).toEqual(['a.yaml', 'sub/b.yml', 'sub/deep/c.yaml']);
    expect(await files({ paths: ['sub'] })).toEqual(['sub/b.yml', 'sub/deep/c.yaml']);
  });

  it('lints files named explicitly even when they do not look like workflows', async () => {
    await repo({ 'compose.yml': 'services: {}\n' });
    const { results } = await lint({ paths: ['compose.yml'] });
    expect(ids(results[0]!)).toContain('not-a-workflow');
  });

  it('expands globs; a glob matching nothing and a missing path are usage errors', async () => {
    await repo({ 'w/a.yaml': WF('a'), 'w/x/b.yaml': CLEAN('b'), 'w/readme.md': '#' });
    expect(await files({ paths: ['w/**/*.yaml'] })).toEqual(['w/a.yaml', 'w/x/b.yaml']);
    expect(await files({ paths: ['w/*'] })).toEqual(['w/a.yaml']);
    await expect(lint({ paths: ['nothing/**/*.yaml'] })).rejects.toMatchObject({
      code: 'no-match',
      exitCode: 2,
    });
    await expect(lint({ paths: ['missing.yaml'] })).rejects.toMatchObject({
      code: 'path-not-found',
      exitCode: 2,
    });
  });

  it('respects .gitignore files, nested ones too', async () => {
    await repo({
      '.gitignore': 'build/\n*.tmp.yaml\n',
      'a.yaml': CLEAN('a'),
      'b.tmp.yaml': CLEAN('b'),
      'build/c.yaml': CLEAN('c'),
      'sub/.gitignore': 'generated.yaml\n',
      'sub/generated.yaml': CLEAN('g'),
      'sub/kept.yaml': CLEAN('k'),
    });
    expect(await files()).toEqual(['a.yaml', 'sub/kept.yaml']);
    expect(await files({ paths: ['**/*.yaml'] })).toEqual(['a.yaml', 'sub/kept.yaml']);
  });

  it('skips lint.ignore globs everywhere, and reports explicit files it skipped', async () => {
    await repo({
      'thaiyyal.config.yaml': 'version: 1\nlint:\n  ignore: [fixtures/**, "**/*.draft.yaml"]\n',
      'a.yaml': CLEAN('a'),
      'b.draft.yaml': CLEAN('b'),
      'fixtures/c.yaml': WF('c'),
    });
    expect(await files()).toEqual(['a.yaml']);
    const run = await lint({ paths: ['fixtures/c.yaml', 'a.yaml'] });
    expect(run.results.map((r) => r.file)).toEqual(['a.yaml']);
    expect(run.ignored).toEqual(['fixtures/c.yaml']);
  });

  it('an invalid config is a usage error', async () => {
    await repo({
      'thaiyyal.config.yaml': 'version: 1\nlint:\n  rules:\n    missing-timout: error\n',
      'a.yaml': CLEAN('a'),
    });
    const err = await lint().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err).toMatchObject({ code: 'config', exitCode: 2 });
    expect((err as UserError).diagnostics.map((d) => d.message).join('\n')).toMatch(
      /did you mean "missing-timeout"/,
    );
  });
});

describe('lintPaths: bad files are findings, the others are still linted', () => {
  it('binary, empty, huge, unparsable, alias bomb, FIFO', async () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 9 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(', ')}]`,
      ),
    ].join('\n');
    await repo({
      'bin.yaml': 'apiVersion: thaiyyal.dev/v1\n\0\0\0',
      'empty.yaml': '',
      'huge.yaml': `apiVersion: thaiyyal.dev/v1\n# ${'x'.repeat(6 * 1024 * 1024)}\n`,
      'broken.yaml': 'apiVersion: thaiyyal.dev/v1\nkind: Workflow\nnodes: [\n',
      'bomb.yaml': `apiVersion: thaiyyal.dev/v1\nkind: Workflow\n${bomb}\n`,
      'good.yaml': CLEAN('good'),
    });
    spawnSync('mkfifo', [join(dir, 'fifo.yaml')]);
    const { results } = await lint({ paths: ['.', 'fifo.yaml'] });
    const byFile = Object.fromEntries(results.map((r) => [r.file, ids(r)]));
    expect(byFile).toMatchObject({
      'bin.yaml': ['io'],
      'empty.yaml': ['not-a-workflow'],
      'huge.yaml': ['yaml-limit'],
      'broken.yaml': expect.arrayContaining(['yaml-syntax']),
      'bomb.yaml': expect.arrayContaining(['yaml-limit']),
      'fifo.yaml': ['io'],
      'good.yaml': [],
    });
    const bin = results.find((r) => r.file === 'bin.yaml')!.findings[0]!;
    expect(bin.message).toMatch(/^bin\.yaml looks like a binary file/);
  });
});

describe('lintPaths: severities', () => {
  it('config lint.rules, then --rule overrides; quiet keeps errors only', async () => {
    await repo({
      'thaiyyal.config.yaml': 'version: 1\nlint:\n  rules:\n    missing-timeout: error\n',
      'a.yaml': WF('a'),
    });
    const sev = async (req: Partial<LintRequest>) =>
      (await lint({ paths: ['a.yaml'], ...req })).results[0]!.findings.filter(
        (f) => f.ruleId === 'missing-timeout',
      ).map((f) => f.severity);
    expect(await sev({})).toEqual(['error']);
    expect(await sev({ rules: { 'missing-timeout': 'warning' } })).toEqual(['warning']);
    expect(await sev({ rules: { 'missing-timeout': 'off' } })).toEqual([]);
    expect(await sev({ rules: { 'missing-timeout': 'warning' }, quiet: true })).toEqual([]);
  });
});

describe('lintPaths: --fix and --fix-dry-run', () => {
  it('--fix writes the fix, keeps comments and layout, and is idempotent', async () => {
    await repo({ 'a.yaml': WF('a') });
    const first = await lint({ paths: ['a.yaml'], fix: true });
    expect(first.results[0]!.fixed).toBeGreaterThanOrEqual(1);
    expect(ids(first.results[0]!)).not.toContain('missing-timeout');
    const text = await readFile(join(dir, 'a.yaml'), 'utf8');
    expect(text).toContain('fetch: # the status API\n');
    expect(text).toContain('# keep this comment\n');
    expect(text).toMatch(/\n {4}timeout: 30s\n/);
    const second = await lint({ paths: ['a.yaml'], fix: true });
    expect(second.results[0]!.fixed ?? 0).toBe(0);
    expect(await readFile(join(dir, 'a.yaml'), 'utf8')).toBe(text);
  });

  it('--fix-dry-run returns a unified diff and writes nothing', async () => {
    await repo({ 'a.yaml': WF('a'), 'b.yaml': CLEAN('b') });
    const { results } = await lint({ fixDryRun: true });
    const a = results.find((r) => r.file === 'a.yaml')!;
    expect(a.diff).toMatch(/^--- a\/a\.yaml\n\+\+\+ b\/a\.yaml\n@@ /);
    expect(a.diff).toContain('\n+    timeout: 30s\n');
    expect(results.find((r) => r.file === 'b.yaml')!.diff).toBeUndefined();
    expect(await readFile(join(dir, 'a.yaml'), 'utf8')).toBe(WF('a'));
  });
});

describe('lintPaths: stdin', () => {
  it('lints the text under the given name; honours lint.ignore; refuses --fix', async () => {
    await repo({ 'thaiyyal.config.yaml': 'version: 1\nlint:\n  ignore: [skip/**]\n' });
    const run = await lint({ stdin: { text: WF('s'), filename: 'wf/s.yaml' } });
    expect(run.results.map((r) => [r.file, ids(r)])).toEqual([
      ['wf/s.yaml', expect.arrayContaining(['missing-timeout'])],
    ]);
    expect((await lint({ stdin: { text: WF('s') } })).results[0]!.file).toBe('<stdin>');
    expect((await lint({ stdin: { text: WF('s'), filename: 'skip/x.yaml' } })).results).toEqual([]);
    const dry = await lint({ stdin: { text: WF('s') }, fixDryRun: true });
    expect(dry.results[0]!.diff).toContain('+    timeout: 30s');
    await expect(lint({ stdin: { text: WF('s') }, fix: true })).rejects.toBeInstanceOf(UserError);
  });
});

describe('flags and exit codes', () => {
  it('parseRuleFlags', () => {
    expect(parseRuleFlags(['missing-timeout=error', 'cycle=off'], ALL_RULE_IDS)).toEqual({
      'missing-timeout': 'error',
      cycle: 'off',
    });
    expect(() => parseRuleFlags(['missing-timout=error'], ALL_RULE_IDS)).toThrow(
      /did you mean "missing-timeout"/,
    );
    expect(() => parseRuleFlags(['missing-timeout=fatal'], ALL_RULE_IDS)).toThrow(
      /one of error, warning, info, off/,
    );
    expect(() => parseRuleFlags(['missing-timeout'], ALL_RULE_IDS)).toThrow(/<rule-id>=/);
  });
  it('lintExitCode', () => {
    const s = (errors: number, warnings: number) => ({ ...summarize([]), errors, warnings });
    expect(lintExitCode(s(0, 5))).toBe(0);
    expect(lintExitCode(s(1, 0))).toBe(1);
    expect(lintExitCode(s(0, 5), 5)).toBe(0);
    expect(lintExitCode(s(0, 6), 5)).toBe(1);
  });
});

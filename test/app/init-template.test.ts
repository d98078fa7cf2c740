/** The `init` template and scaffoldProject: the config template is valid, package.json handling, bad targets. */
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INIT_TEMPLATE_DIR, scaffoldProject, thaiyyalVersion } from '../../src/app/init.js';
import { DEFAULT_CONFIG } from '../../src/core/config.js';
import { parseConfig } from '../../src/core/config-parse.js';
import { UserError } from '../../src/core/errors.js';

const REPO_PACKAGE = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/**
 * Uncomments every commented setting of the template: lines `# key:` or `#   key: value  # note`
 * (a lower-case identifier then a colon); prose comments such as `# Reference: …` stay comments.
 */
function uncommentSettings(text: string): { text: string; count: number } {
  let count = 0;
  const lines = text.split('\n').map((line) => {
    const m = /^# ( *[a-z][A-Za-z0-9]*:(?:\s.*)?)$/.exec(line);
    if (!m) return line;
    count++;
    return m[1]!;
  });
  return { text: lines.join('\n'), count };
}

describe('templates/init/thaiyyal.config.yaml', () => {
  it('parses with no diagnostics once every setting is uncommented, and shows the defaults', async () => {
    const template = await readFile(join(INIT_TEMPLATE_DIR, 'thaiyyal.config.yaml'), 'utf8');
    const { text, count } = uncommentSettings(template);
    // limits (7 lines), http (5), exec (3), secrets (4), env (2)
    expect(count).toBeGreaterThanOrEqual(24);
    const { config, diagnostics } = parseConfig(text, '/p/thaiyyal.config.yaml', '/p');
    expect(diagnostics).toEqual([]);
    // "Every setting below is commented out and shows its default."
    expect(config).toEqual({ ...DEFAULT_CONFIG, file: '/p/thaiyyal.config.yaml', root: '/p' });
  });

  it('as shipped (all commented) is valid too', async () => {
    const template = await readFile(join(INIT_TEMPLATE_DIR, 'thaiyyal.config.yaml'), 'utf8');
    expect(parseConfig(template, '/p/thaiyyal.config.yaml', '/p').diagnostics).toEqual([]);
  });
});

describe('scaffoldProject', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'thaiyyal-init-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes a private package.json pinning this thaiyyal version', async () => {
    expect(thaiyyalVersion()).toBe(REPO_PACKAGE.version);
    const result = await scaffoldProject(join(dir, 'My Project'));
    expect(result.thaiyyal).toBe(`^${REPO_PACKAGE.version}`);
    expect(result.existingPackageJson).toBeUndefined();
    expect(result.files).toContainEqual({ path: 'package.json', action: 'created' });
    const pkg = JSON.parse(await readFile(join(dir, 'My Project', 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(pkg).toMatchObject({
      name: 'my-project',
      private: true,
      devDependencies: { thaiyyal: `^${REPO_PACKAGE.version}` },
      scripts: { thaiyyal: 'thaiyyal' },
    });
  });

  it('leaves an existing package.json alone, even with force, and reports whether it has thaiyyal', async () => {
    const mine = '{"name": "mine", "dependencies": {"left-pad": "1.0.0"}}\n';
    await writeFile(join(dir, 'package.json'), mine);
    const first = await scaffoldProject(dir);
    expect(first.existingPackageJson).toEqual({ hasThaiyyal: false });
    expect(first.files.map((f) => f.path)).not.toContain('package.json');
    expect(await readFile(join(dir, 'package.json'), 'utf8')).toBe(mine);

    const withIt = '{"devDependencies": {"thaiyyal": "^0.1.0"}}\n';
    await writeFile(join(dir, 'package.json'), withIt);
    const again = await scaffoldProject(dir, { force: true });
    expect(again.existingPackageJson).toEqual({ hasThaiyyal: true });
    expect(await readFile(join(dir, 'package.json'), 'utf8')).toBe(withIt);
  });

  it('a file as DIR, or inside DIR where a directory goes, is a UserError, not ENOTDIR', async () => {
    await writeFile(join(dir, 'afile'), 'x');
    for (const target of [join(dir, 'afile'), join(dir, 'afile', 'sub')]) {
      const err = await scaffoldProject(target).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).code).toBe('init-not-a-directory');
      expect((err as UserError).exitCode).toBe(2);
    }
    await mkdir(join(dir, 'p'));
    await writeFile(join(dir, 'p', 'workflows'), 'not a directory');
    const err = await scaffoldProject(join(dir, 'p'), { force: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe('init-path-blocked');
    expect((err as UserError).message).toContain('workflows/hello.yaml');
  });
});

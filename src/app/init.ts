/**
 * The I/O side of `thaiyyal init`: copies `templates/init/` into a directory, refusing to
 * overwrite existing files unless forced. Template files whose names npm or editors would
 * treat specially are stored under plain names and renamed here (see {@link TEMPLATE_RENAMES}).
 *
 * It also writes a `package.json` pinning thaiyyal as a devDependency (unless the directory
 * has one, which is never touched): the CI workflow installs from it, and the `$schema`
 * comment of the scaffolded workflow points into `node_modules/thaiyyal/`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../core/errors.js';

/**
 * Top-level template names that become dot-names in the project. npm drops `.gitignore`
 * from published packages, so the template stores it as `gitignore`; `github/` is renamed for
 * symmetry and so linters of this repository do not mistake it for our own CI.
 */
export const TEMPLATE_RENAMES: Readonly<Record<string, string>> = {
  gitignore: '.gitignore',
  github: '.github',
};

/**
 * The root of the installed package: the nearest folder above this module holding a
 * package.json. Found by walking up rather than by a fixed `../..`, because this module runs
 * from `src/app/`, `dist/app/` and from the CLI bundle (`dist/cli/thaiyyal.cjs`).
 */
function packageRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return join(start, '..', '..');
  }
}

const PACKAGE_ROOT = packageRoot();

/** The `init` template directory of the installed package. */
export const INIT_TEMPLATE_DIR = join(PACKAGE_ROOT, 'templates', 'init') + sep;

/** The version of this thaiyyal package, from its package.json. */
export function thaiyyalVersion(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** One file `init` wrote. */
export interface ScaffoldedFile {
  /** Path relative to the target directory, with `/` separators. */
  path: string;
  action: 'created' | 'overwritten';
}

/** What `init` did (also its `--json` document). */
export interface ScaffoldResult {
  dir: string;
  files: ScaffoldedFile[];
  /** The devDependency range of thaiyyal the project should have, e.g. `^0.1.0`. */
  thaiyyal: string;
  /**
   * Set when DIR already had a package.json: init left it as it was (even with --force).
   * `hasThaiyyal` tells whether it already lists thaiyyal in (dev)dependencies.
   */
  existingPackageJson?: { hasThaiyyal: boolean };
}

/** The file init writes when DIR has no package.json. */
export const PACKAGE_JSON = 'package.json';

/** Template-relative path → project-relative path. */
export function targetPath(templatePath: string): string {
  const [head, ...rest] = templatePath.split('/');
  return [TEMPLATE_RENAMES[head!] ?? head!, ...rest].join('/');
}

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(full, base)));
    else if (e.isFile()) out.push(relative(base, full).split(sep).join('/'));
  }
  return out.sort();
}

/** What is at a path: nothing, a file, a directory, or a path through a file (ENOTDIR). */
async function kindOf(path: string): Promise<'missing' | 'file' | 'dir' | 'blocked'> {
  try {
    return (await stat(path)).isDirectory() ? 'dir' : 'file';
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'blocked' : 'missing';
  }
}

/** A valid npm package name from the project directory's name. */
function packageNameFor(dir: string): string {
  const name = basename(resolve(dir))
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[._-]+/, '')
    .replace(/-+$/, '')
    .slice(0, 214);
  return name || 'thaiyyal-workflows';
}

/** The package.json of a new project: private, pinning this thaiyyal as a devDependency. */
export function packageJsonFor(dir: string, range: string): string {
  const pkg = {
    name: packageNameFor(dir),
    private: true,
    description: 'Workflows run with thaiyyal',
    scripts: {
      thaiyyal: 'thaiyyal',
      validate: 'thaiyyal validate workflows/',
      lint: 'thaiyyal lint workflows/',
    },
    devDependencies: { thaiyyal: range },
  };
  return JSON.stringify(pkg, null, 2) + '\n';
}

/** Whether an existing package.json already depends on thaiyyal (false when unreadable). */
async function dependsOnThaiyyal(file: string): Promise<boolean> {
  try {
    const pkg = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    return ['dependencies', 'devDependencies', 'optionalDependencies'].some((k) => {
      const deps = pkg[k];
      return typeof deps === 'object' && deps !== null && 'thaiyyal' in deps;
    });
  } catch {
    return false;
  }
}

/** One file init is about to write. */
interface PlannedFile {
  /** Project-relative path. */
  to: string;
  /** What is there now. */
  kind: Awaited<ReturnType<typeof kindOf>>;
  content(): Promise<string | Buffer>;
}

/** File system errors while writing are the user's environment (permissions, disk), not bugs. */
function ioError(err: unknown, path: string): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  if (typeof code !== 'string') return err;
  return new UserError('init-io', `cannot write ${path}: ${(err as Error).message}`, {
    suggestions: ['check the permissions and free space of the target directory'],
  });
}

/**
 * Scaffolds a project into `dir` (created if missing). Without `force`, throws a UserError
 * naming every file that already exists and writes nothing. An existing package.json is
 * never overwritten. Throws a UserError when `dir` (or a directory init needs inside it) is
 * a file.
 */
export async function scaffoldProject(
  dir: string,
  opts: { force?: boolean; templateDir?: string; version?: string } = {},
): Promise<ScaffoldResult> {
  const dirKind = await kindOf(dir);
  if (dirKind === 'file' || dirKind === 'blocked') {
    throw new UserError(
      'init-not-a-directory',
      dirKind === 'file'
        ? `${dir} is a file, not a directory; init scaffolds a project into a directory`
        : `${dir} is inside a file, not a directory; init scaffolds a project into a directory`,
      { suggestions: ['pass a directory that exists or can be created, e.g. `thaiyyal init my-workflows`'] },
    );
  }
  const templateDir = opts.templateDir ?? INIT_TEMPLATE_DIR;
  const range = `^${opts.version ?? thaiyyalVersion()}`;
  const templates = await listFiles(templateDir);
  const plan: PlannedFile[] = await Promise.all(
    templates.map(async (t) => ({
      to: targetPath(t),
      kind: await kindOf(join(dir, targetPath(t))),
      content: () => readFile(join(templateDir, t)),
    })),
  );
  const pkgKind = await kindOf(join(dir, PACKAGE_JSON));
  let existingPackageJson: ScaffoldResult['existingPackageJson'];
  if (pkgKind === 'missing') {
    plan.push({
      to: PACKAGE_JSON,
      kind: 'missing',
      content: () => Promise.resolve(packageJsonFor(dir, range)),
    });
  } else {
    existingPackageJson = { hasThaiyyal: await dependsOnThaiyyal(join(dir, PACKAGE_JSON)) };
  }
  plan.sort((a, b) => a.to.localeCompare(b.to));

  // A directory where a file goes, or a file where a directory goes: --force cannot help.
  const blocked = plan.filter((p) => p.kind === 'dir' || p.kind === 'blocked').map((p) => p.to);
  if (blocked.length > 0) {
    throw new UserError(
      'init-path-blocked',
      `cannot scaffold into ${dir}: ${blocked.join(', ')} ${blocked.length === 1 ? 'is' : 'are'} in the way ` +
        '(a directory where init writes a file, or a file where it needs a directory)',
      { suggestions: ['move those paths away, or run `thaiyyal init <new-dir>` to scaffold elsewhere'] },
    );
  }
  const clashes = plan.filter((p) => p.kind === 'file').map((p) => p.to);
  if (clashes.length > 0 && !opts.force) {
    throw new UserError(
      'init-would-overwrite',
      `refusing to overwrite ${clashes.length} existing file${clashes.length === 1 ? '' : 's'} in ${dir}: ${clashes.join(', ')}`,
      {
        suggestions: [
          're-run with --force to overwrite them',
          'or run `thaiyyal init <new-dir>` to scaffold elsewhere',
        ],
      },
    );
  }
  const files: ScaffoldedFile[] = [];
  for (const p of plan) {
    const target = join(dir, p.to);
    try {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, await p.content());
    } catch (err) {
      throw ioError(err, target);
    }
    files.push({ path: p.to, action: p.kind === 'file' ? 'overwritten' : 'created' });
  }
  return { dir, files, thaiyyal: range, ...(existingPackageJson ? { existingPackageJson } : {}) };
}

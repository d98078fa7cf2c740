/**
 * The I/O side of `thaiyyal init`: copies `templates/init/` into a directory, refusing to
 * overwrite existing files unless forced. Template files whose names npm or editors would
 * treat specially are stored under plain names and renamed here (see {@link TEMPLATE_RENAMES}).
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
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
 * from `src/app/`, `dist/app/` and from a chunk of the CLI bundle (`dist/cli/chunks/`).
 */
function packageRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return join(start, '..', '..');
  }
}

/** The `init` template directory of the installed package. */
export const INIT_TEMPLATE_DIR = join(packageRoot(), 'templates', 'init') + sep;

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
}

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

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Scaffolds a project into `dir` (created if missing). Without `force`, throws a UserError
 * naming every file that already exists and writes nothing.
 */
export async function scaffoldProject(
  dir: string,
  opts: { force?: boolean; templateDir?: string } = {},
): Promise<ScaffoldResult> {
  const templateDir = opts.templateDir ?? INIT_TEMPLATE_DIR;
  const templates = await listFiles(templateDir);
  const plan = await Promise.all(
    templates.map(async (t) => ({
      from: join(templateDir, t),
      to: targetPath(t),
      exists: await exists(join(dir, targetPath(t))),
    })),
  );
  const clashes = plan.filter((p) => p.exists).map((p) => p.to);
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
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, await readFile(p.from));
    files.push({ path: p.to, action: p.exists ? 'overwritten' : 'created' });
  }
  return { dir, files };
}

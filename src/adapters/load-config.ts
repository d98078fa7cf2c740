/**
 * The I/O twin of `parseConfig`: finds `thaiyyal.config.yaml` from a directory upward (up
 * to the git root) and returns the resolved project config.
 */
import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_CONFIG, type ProjectConfig } from '../core/config.js';
import { parseConfig } from '../core/config-parse.js';
import { formatDiagnostic, hasErrors } from '../core/diagnostics.js';
import { UserError } from '../core/errors.js';
import { readSourceFile } from './load-workflow.js';

/** Config file names, in the order they are looked for. */
export const CONFIG_FILE_NAMES = ['thaiyyal.config.yaml', 'thaiyyal.config.yml'] as const;

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The project config for `startDir`: the first `thaiyyal.config.yaml` (or `.yml`) found
 * in it or a parent, stopping at the first directory holding `.git` (or the filesystem
 * root). Without a file, the defaults, with `root` = that git root, else `startDir`.
 * Throws `UserError('config')` with the diagnostics when the file is invalid.
 * @example const config = await loadProjectConfig(process.cwd())
 */
export async function loadProjectConfig(startDir: string): Promise<ProjectConfig> {
  const start = resolve(startDir);
  let gitRoot: string | undefined;
  for (let dir = start; ;) {
    const found: string[] = [];
    for (const name of CONFIG_FILE_NAMES) if (await exists(join(dir, name))) found.push(join(dir, name));
    if (found.length > 1) {
      throw new UserError('config', `both ${found.join(' and ')} exist; keep one of them`);
    }
    if (found[0]) return readConfig(found[0], dir);
    if (await exists(join(dir, '.git'))) {
      gitRoot = dir;
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return { ...structuredClone(DEFAULT_CONFIG), root: gitRoot ?? start };
}

async function readConfig(file: string, root: string): Promise<ProjectConfig> {
  // A directory with the config's name would otherwise get the workflow reader's hint ("pass a workflow file").
  if ((await stat(file).catch(() => undefined))?.isDirectory()) {
    throw new UserError('config', `${file} is a directory; the project config must be a file`, {
      suggestions: [
        `rename or remove the directory ${file}`,
        'then create the file with `thaiyyal init` or see docs/config.md for the config format',
      ],
    });
  }
  const src = await readSourceFile(file);
  const { config, diagnostics } =
    'diagnostic' in src
      ? { config: undefined, diagnostics: [src.diagnostic] }
      : parseConfig(src.text, file, root);
  if (!config || hasErrors(diagnostics)) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    // The message is complete on its own (for callers of this function); the CLI's error
    // renderer does not list these diagnostics a second time (see src/ui/errors.ts).
    throw new UserError(
      'config',
      `invalid project config ${file}:\n${errors.map(formatDiagnostic).join('\n')}`,
      { diagnostics, suggestions: ['see docs/config.md for the config format'] },
    );
  }
  return config;
}

/**
 * The process entry behind bin/run.js: loads the CLI bundle (dist/cli/thaiyyal.cjs) through
 * the code cache and hands the command line to oclif. scripts/build-bundle.js builds it into
 * dist/cli/launcher.cjs, apart from the bundle, which it loads. Only Node built-ins and
 * env-paths: nothing here may slow start-up.
 *
 * The cache directory: `THAIYYAL_CODE_CACHE=<dir>`, or `0`/`off` to switch the cache off;
 * by default the user's cache directory (`~/.cache/thaiyyal/code-cache` on Linux,
 * `~/Library/Caches/thaiyyal/code-cache` on macOS, `%LOCALAPPDATA%\thaiyyal\Cache\code-cache`
 * on Windows), never a shared temporary directory, where another user could plant code.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import envPaths from 'env-paths';
import { loadBundle, type LoadedBundle } from './code-cache.js';

/** The hash of dist/cli/thaiyyal.cjs, defined by scripts/build-bundle.js when it builds the launcher. */
declare const __THAIYYAL_BUNDLE_ID__: string | undefined;

/** The bundle's exports that the launcher uses. */
interface CliBundle {
  execute(opts: { dir: string }): Promise<unknown>;
}

/**
 * Runs the CLI for this process's arguments.
 * @example require('../dist/cli/launcher.cjs').main(__filename) // in bin/run.js
 */
export async function main(binFile: string): Promise<void> {
  const file = join(dirname(binFile), '..', 'dist', 'cli', 'thaiyyal.cjs');
  if (!existsSync(file)) {
    process.stderr.write(`thaiyyal: ${file} is missing; build the CLI first: npm run build\n`);
    process.exitCode = 2;
    return;
  }
  // oclif checks its own `engines` field against Node (not ours) when it loads, and loads
  // semver for it (~4 ms): skip that. The variable is ours only while the bundle loads.
  const skipCheck = process.env['OCLIF_DISABLE_ENGINE_WARNING'] === undefined;
  if (skipCheck) process.env['OCLIF_DISABLE_ENGINE_WARNING'] = '1';
  let bundle: LoadedBundle;
  try {
    bundle = loadBundle(file, {
      dir: codeCacheDir(process.env),
      key: commandKey(process.argv.slice(2)),
      id: typeof __THAIYYAL_BUNDLE_ID__ === 'string' ? __THAIYYAL_BUNDLE_ID__ : undefined,
    });
  } finally {
    if (skipCheck) delete process.env['OCLIF_DISABLE_ENGINE_WARNING'];
  }
  // Written once the command is done (an exit of 0 or 1: a finished command, not a usage error).
  process.once('exit', (code) => {
    if (code <= 1) bundle.save();
  });
  // The package root (bin/ holds a package.json of its own that only sets the module type).
  await (bundle.exports as unknown as CliBundle).execute({ dir: join(dirname(binFile), '..') });
}

/** The code cache directory for this environment, or undefined when switched off. */
export function codeCacheDir(env: NodeJS.ProcessEnv): string | undefined {
  const setting = env['THAIYYAL_CODE_CACHE'];
  if (setting !== undefined && setting !== '') {
    return /^(0|off|false|no)$/i.test(setting) ? undefined : setting;
  }
  try {
    return join(envPaths('thaiyyal', { suffix: '' }).cache, 'code-cache');
  } catch {
    return undefined; // no home directory
  }
}

/** The cache key: the command's first word (`run`, `lint`, `runs`…), else `default`. */
export function commandKey(args: readonly string[]): string {
  const first = args[0] ?? '';
  return /^[a-z][a-z0-9-]{0,30}$/.test(first) ? first : 'default';
}

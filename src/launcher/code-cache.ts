/**
 * Loads the CLI bundle (one CommonJS file) through a V8 code cache, so that a command does
 * not parse and compile ~3 MB of JavaScript again on every start: with a cache, V8
 * deserialises the compiled functions instead, which took `thaiyyal run` from ~3.2× to
 * ~2.4× `node -e 0` on the 2-core benchmark machine (docs/performance.md "Start-up").
 * Node 22's `module.enableCompileCache()` does this for every module; the CLI supports
 * Node 20, which lacks it.
 *
 * - One cache file per command (`key`): each holds the functions its command compiled,
 *   taken after the command ran (`createCachedData()` at exit), so lazily compiled functions
 *   are in it too, not only the top level.
 * - A cache is only used for the exact bundle it was made from: its name carries the bundle's
 *   size and modification time, the Node version, platform and V8 flags; V8 checks its own
 *   version and flags again and rejects a mismatch, and a rejected cache is rewritten.
 * - Code compiled from a cache cannot `import()` (Node's callback for it is lost), so the
 *   bundle must not use it: scripts/build-bundle.js turns its `import()`s into `require()`s.
 * - Best effort: a missing, unreadable or unwritable cache directory only costs speed.
 *   Files are written to a temporary name and renamed, so concurrent runs never read half a file.
 */
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import Module from 'node:module';
import { basename, dirname, join } from 'node:path';
import vm from 'node:vm';

export interface CodeCacheOptions {
  /** Where cache files live; undefined loads without a cache. */
  dir: string | undefined;
  /** What this cache serves, e.g. the command name (`[a-z0-9-]`, anything else becomes `default`). */
  key: string;
}

export interface LoadedBundle {
  /** The bundle's `module.exports`. */
  exports: Record<string, unknown>;
  /** How the cache was used: `hit`, `miss` (none yet), `rejected` (by V8) or `off`. */
  cache: 'hit' | 'miss' | 'rejected' | 'off';
  /** Writes the cache when it was missing or rejected; does nothing otherwise. Never throws. */
  save(): void;
}

/**
 * Loads a CommonJS bundle like `require(file)` would (registered in `require.cache`, so a
 * later `require(file)` returns the same module), compiling it with a code cache.
 * @example const b = loadBundle('/x/dist/cli/thaiyyal.cjs', {dir: '/home/u/.cache/thaiyyal', key: 'run'}); process.on('exit', b.save)
 */
export function loadBundle(file: string, opts: CodeCacheOptions): LoadedBundle {
  const source = readFileSync(file, 'utf8');
  const cacheFile = opts.dir === undefined ? undefined : join(opts.dir, cacheName(file, opts.key));
  const cachedData = cacheFile === undefined ? undefined : readOptional(cacheFile);
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const cache: LoadedBundle['cache'] =
    cacheFile === undefined ? 'off' : !cachedData ? 'miss' : script.cachedDataRejected ? 'rejected' : 'hit';

  const mod = new Module(file, undefined);
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(
    dirname(file),
  );
  Module.createRequire(file).cache[file] = mod;
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  try {
    wrapper.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, dirname(file));
  } catch (err) {
    delete Module.createRequire(file).cache[file];
    throw err;
  }
  mod.loaded = true;

  let saved = cache === 'hit' || cache === 'off';
  return {
    exports: mod.exports as Record<string, unknown>,
    cache,
    save() {
      if (saved || cacheFile === undefined) return;
      saved = true;
      try {
        writeCache(cacheFile, file, opts.key, script.createCachedData());
      } catch {
        // Best effort: the next run compiles from source again.
      }
    },
  };
}

/**
 * `<bundle>.<key>.<size>-<mtime>.<node version>-<platform>-<arch>-<flags hash>.v8`: a rebuilt
 * bundle, another Node or other V8 flags never meet an old cache.
 */
export function cacheName(file: string, key: string): string {
  // V8 flags come from the command line and from NODE_OPTIONS.
  const flags = hash(`${process.execArgv.join(' ')}|${process.env['NODE_OPTIONS'] ?? ''}`);
  return `${cacheBuildPrefix(file, key)}${process.version}-${process.platform}-${process.arch}-${flags}.v8`;
}

/** `<bundle>.<key>.<size>-<mtime>.`: the caches of this build of the bundle for this key. */
function cacheBuildPrefix(file: string, key: string): string {
  const st = statSync(file);
  return `${cacheKeyPrefix(file, key)}${st.size}-${Math.trunc(st.mtimeMs)}.`;
}

/** `<bundle>.<key>.`: the caches of every build of the bundle for this key. */
function cacheKeyPrefix(file: string, key: string): string {
  return `${basename(file)}.${/^[a-z0-9][a-z0-9-]{0,40}$/.test(key) ? key : 'default'}.`;
}

/** Writes atomically and removes this key's caches of other builds of the bundle. */
function writeCache(cacheFile: string, file: string, key: string, data: Buffer): void {
  const dir = dirname(cacheFile);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(tmp, data, { mode: 0o600 });
  renameSync(tmp, cacheFile);
  const stale = cacheKeyPrefix(file, key);
  const current = cacheBuildPrefix(file, key);
  for (const other of readdirSync(dir)) {
    if (other.startsWith(stale) && !other.startsWith(current) && other.endsWith('.v8')) {
      try {
        unlinkSync(join(dir, other));
      } catch {
        // Another run removed it first.
      }
    }
  }
}

function readOptional(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** FNV-1a, 32 bits, as 8 hex digits: a short stable tag for the V8 flags. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * Loads the CLI bundle (one CommonJS file) through a V8 code cache, so that a command does
 * not parse and compile ~3 MB of JavaScript again on every start: with a cache, V8
 * deserialises the compiled functions instead, which took `thaiyyal run` from 3.1× to
 * 1.9–2.2× `node -e 0` on the 2-core benchmark machine (docs/performance.md "Start-up").
 * Node 22's `module.enableCompileCache()` does this for every module; the CLI supports
 * Node 20, which lacks it.
 *
 * - One cache file per command (`key`): each holds the functions its command compiled,
 *   taken after the command ran (`createCachedData()` at exit), so lazily compiled functions
 *   are in it too, not only the top level.
 * - A cache is only used for the bundle it was made from: its name carries the path of the
 *   install, a hash of the bundle's content (written into the launcher by the build), the Node
 *   version, platform and V8 flags. V8 itself checks only its version, flags and the source's
 *   length, so the name is what keeps a rebuilt bundle from running old code. A cache V8
 *   rejects is rewritten; a new build removes the install's caches of older builds.
 * - A cache is code: it is read and written only in a directory, and from files, that belong
 *   to the user and that nobody else may write.
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
  /**
   * What identifies the bundle's content: a hash the build writes into the launcher. Without
   * one, the bundle's size and modification time stand in for it (tests; unbundled use).
   */
  id?: string | undefined;
}

export interface LoadedBundle {
  /** The bundle's `module.exports`. */
  exports: Record<string, unknown>;
  /**
   * How the cache was used: `hit`, `miss` (none yet), `rejected` (by V8), `untrusted` (the
   * directory or file is not this user's alone, so it was neither read nor written) or `off`.
   */
  cache: 'hit' | 'miss' | 'rejected' | 'untrusted' | 'off';
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
  const names = opts.dir === undefined ? undefined : cacheNames(file, opts.key, opts.id);
  const cacheFile = names && join(opts.dir!, names.file);
  const trusted = cacheFile !== undefined && ownedByMe(opts.dir!) && ownedByMe(cacheFile);
  const cachedData = trusted ? readOptional(cacheFile) : undefined;
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const cache: LoadedBundle['cache'] =
    cacheFile === undefined
      ? 'off'
      : !trusted
        ? 'untrusted'
        : !cachedData
          ? 'miss'
          : script.cachedDataRejected
            ? 'rejected'
            : 'hit';

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

  let saved = cache !== 'miss' && cache !== 'rejected';
  return {
    exports: mod.exports as Record<string, unknown>,
    cache,
    save() {
      if (saved || cacheFile === undefined || names === undefined) return;
      saved = true;
      try {
        writeCache(cacheFile, names, script.createCachedData());
      } catch {
        // Best effort: the next run compiles from source again.
      }
    },
  };
}

/**
 * The cache file of a bundle and key, `<bundle>.<path hash>.<key>.<content id>.<node
 * version>-<platform>-<arch>-<flags hash>.v8`, and the prefixes of its siblings: `key` — this
 * install's caches for the key (another install of thaiyyal keeps its own) — and `build`,
 * those of this very bundle. V8 checks a cache against the source's length only, so the
 * content id is what keeps a rebuilt bundle from running an old build's code.
 */
export function cacheNames(
  file: string,
  key: string,
  id?: string,
): { file: string; key: string; build: string } {
  const k = /^[a-z0-9][a-z0-9-]{0,40}$/.test(key) ? key : 'default';
  const prefix = `${basename(file)}.${hash(file)}.${k}.`;
  let content = id;
  if (content === undefined) {
    const st = statSync(file);
    content = `${st.size}-${Math.trunc(st.mtimeMs)}`;
  }
  const build = `${prefix}${content}.`;
  // V8 flags come from the command line and from NODE_OPTIONS.
  const flags = hash(`${process.execArgv.join(' ')}|${process.env['NODE_OPTIONS'] ?? ''}`);
  return {
    file: `${build}${process.version}-${process.platform}-${process.arch}-${flags}.v8`,
    key: prefix,
    build,
  };
}

/**
 * A cache is code this process will run: only a directory and files that belong to this user
 * and that nobody else may write are trusted (a missing one is fine: it is created so).
 * Not checked where there are no POSIX owners (Windows).
 */
function ownedByMe(path: string): boolean {
  if (typeof process.getuid !== 'function') return true;
  try {
    const st = statSync(path);
    return st.uid === process.getuid() && (st.mode & 0o022) === 0;
  } catch (err) {
    // Missing (or under a file, which no write can create): nothing to distrust.
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR';
  }
}

/** Writes atomically and removes this install's caches of other builds for the key. */
function writeCache(cacheFile: string, names: { key: string; build: string }, data: Buffer): void {
  const dir = dirname(cacheFile);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!ownedByMe(dir)) return;
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(tmp, data, { mode: 0o600 });
  renameSync(tmp, cacheFile);
  for (const other of readdirSync(dir)) {
    if (other.startsWith(names.key) && !other.startsWith(names.build) && other.endsWith('.v8')) {
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

/** FNV-1a, 32 bits, as 8 hex digits: a short stable tag (flags, paths). */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

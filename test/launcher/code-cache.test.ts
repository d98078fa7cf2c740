/**
 * The launcher's code cache (src/launcher/code-cache.ts) on real files: a bundle in a temp
 * directory is loaded, cached, loaded from the cache, rebuilt, corrupted; and the real CLI
 * writes and reuses its caches.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheNames, loadBundle } from '../../src/launcher/code-cache.js';

const cacheName = (file: string, key: string, id?: string) => cacheNames(file, key, id).file;
import { codeCacheDir, commandKey } from '../../src/launcher/main.js';
import { BIN, REPO_ROOT } from '../helpers/cli.js';

let dir: string;
let n = 0;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'thaiyyal-code-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A CommonJS "bundle" with a lazily called function (so the cache has more than the top level). */
function writeBundle(body = 'exports.add = (a, b) => a + b;'): string {
  const file = join(dir, `bundle-${n++}.cjs`);
  writeFileSync(
    file,
    `'use strict';\nexports.loads = (globalThis.__loads = (globalThis.__loads ?? 0) + 1);\n${body}\n`,
  );
  return file;
}
const caches = (cacheDir: string) => readdirSync(cacheDir).filter((f) => f.endsWith('.v8'));

describe('loadBundle', () => {
  it('compiles without a cache, writes one on save, and loads from it next time', () => {
    const file = writeBundle();
    const cacheDir = join(dir, 'cache');
    const first = loadBundle(file, { dir: cacheDir, key: 'run' });
    expect(first.cache).toBe('miss');
    expect((first.exports['add'] as (a: number, b: number) => number)(2, 3)).toBe(5);
    first.save();
    expect(caches(cacheDir)).toEqual([cacheName(file, 'run')]);

    const second = loadBundle(file, { dir: cacheDir, key: 'run' });
    expect(second.cache).toBe('hit');
    expect((second.exports['add'] as (a: number, b: number) => number)(4, 5)).toBe(9);
  });

  it('registers the module in require.cache, so require() of the bundle does not load it again', () => {
    const file = writeBundle();
    const loaded = loadBundle(file, { dir: undefined, key: 'run' });
    expect(loaded.cache).toBe('off');
    expect(createRequire(import.meta.url)(file)).toBe(loaded.exports);
  });

  it('keeps one cache per key and replaces a key’s cache when the bundle is rebuilt', () => {
    const file = writeBundle();
    const cacheDir = join(dir, 'cache');
    loadBundle(file, { dir: cacheDir, key: 'run' }).save();
    loadBundle(file, { dir: cacheDir, key: 'lint' }).save();
    loadBundle(file, { dir: cacheDir, key: 'Not A Command!' }).save();
    expect(
      caches(cacheDir)
        .map((f) => f.split('.')[3])
        .sort(),
    ).toEqual(['default', 'lint', 'run']);

    // A rebuild: other content, other size and time, so the old cache is never offered to V8.
    writeFileSync(file, `${readFileSync(file, 'utf8')}exports.more = 1;\n`);
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const rebuilt = loadBundle(file, { dir: cacheDir, key: 'run' });
    expect(rebuilt.cache).toBe('miss');
    expect(rebuilt.exports['more']).toBe(1);
    // The same build run with other V8 flags (another cache) is kept.
    const otherFlags = cacheName(file, 'run').replace(/-[0-9a-f]{8}\.v8$/, '-00000000.v8');
    writeFileSync(join(cacheDir, otherFlags), 'cache of a run with other flags');
    rebuilt.save();
    const runCaches = caches(cacheDir).filter((f) => f.includes('.run.'));
    expect(runCaches.sort()).toEqual([cacheName(file, 'run'), otherFlags].sort());
    expect(caches(cacheDir)).toHaveLength(4);
  });

  it('rewrites a cache V8 rejects (corrupt or from another V8), and still runs the bundle', () => {
    // A bundle this process never compiled (V8 would otherwise reuse its in-memory compilation).
    const file = writeBundle('exports.add = (a, b) => a + b; // never compiled before');
    const cacheDir = join(dir, 'cache');
    mkdirSync(cacheDir);
    writeFileSync(join(cacheDir, cacheName(file, 'run')), Buffer.alloc(4096, 7));
    const loaded = loadBundle(file, { dir: cacheDir, key: 'run' });
    expect(loaded.cache).toBe('rejected');
    expect((loaded.exports['add'] as (a: number, b: number) => number)(1, 1)).toBe(2);
    loaded.save();
    expect(loadBundle(file, { dir: cacheDir, key: 'run' }).cache).toBe('hit');
  });

  it('names caches by the bundle content id when the build gives one', () => {
    const file = writeBundle();
    expect(cacheName(file, 'run', 'aaaa')).not.toBe(cacheName(file, 'run', 'bbbb'));
    const cacheDir = join(dir, 'cache');
    loadBundle(file, { dir: cacheDir, key: 'run', id: 'aaaa' }).save();
    expect(caches(cacheDir)).toEqual([cacheName(file, 'run', 'aaaa')]);
    // Same size and time, other content (a rebuild that keeps both): another id, another cache.
    expect(loadBundle(file, { dir: cacheDir, key: 'run', id: 'bbbb' }).cache).toBe('miss');
  });

  it('keeps the caches of two installs apart (each removes only its own old builds)', () => {
    const a = writeBundle();
    const other = join(dir, 'other-install');
    mkdirSync(other);
    const b = join(other, 'bundle-0.cjs');
    copyFileSync(a, b);
    const cacheDir = join(dir, 'cache');
    loadBundle(a, { dir: cacheDir, key: 'run', id: 'v1' }).save();
    loadBundle(b, { dir: cacheDir, key: 'run', id: 'v2' }).save();
    expect(caches(cacheDir).sort()).toEqual([cacheName(a, 'run', 'v1'), cacheName(b, 'run', 'v2')].sort());
  });

  it.skipIf(typeof process.getuid !== 'function')(
    'neither reads nor writes a cache directory other users may write',
    () => {
      const file = writeBundle();
      const shared = join(dir, 'shared');
      mkdirSync(shared);
      chmodSync(shared, 0o777);
      const planted = join(shared, cacheName(file, 'run'));
      writeFileSync(planted, Buffer.alloc(64, 1));
      const loaded = loadBundle(file, { dir: shared, key: 'run' });
      expect(loaded.cache).toBe('untrusted');
      loaded.save();
      expect(readFileSync(planted)).toEqual(Buffer.alloc(64, 1));
      expect(caches(shared)).toEqual([cacheName(file, 'run')]);
      // A cache file others may write is not read either.
      const mine = join(dir, 'mine');
      mkdirSync(mine, { mode: 0o700 });
      writeFileSync(join(mine, cacheName(file, 'run')), Buffer.alloc(64, 1), { mode: 0o666 });
      chmodSync(join(mine, cacheName(file, 'run')), 0o666);
      expect(loadBundle(file, { dir: mine, key: 'run' }).cache).toBe('untrusted');
    },
  );

  it('treats an unusable cache directory as no cache: save() does not throw', () => {
    const file = writeBundle();
    const notADir = join(dir, 'plain-file');
    writeFileSync(notADir, 'x');
    const loaded = loadBundle(file, { dir: notADir, key: 'run' });
    expect(loaded.cache).toBe('miss');
    expect(() => loaded.save()).not.toThrow();
    expect(readFileSync(notADir, 'utf8')).toBe('x');
  });

  it('propagates an error thrown by the bundle and forgets the half-loaded module', () => {
    const file = writeBundle("throw new Error('broken bundle');");
    expect(() => loadBundle(file, { dir: undefined, key: 'run' })).toThrow('broken bundle');
    expect(createRequire(import.meta.url).cache[file]).toBeUndefined();
  });
});

describe('cache settings', () => {
  it('uses THAIYYAL_CODE_CACHE as the directory, or switches the cache off', () => {
    expect(codeCacheDir({ THAIYYAL_CODE_CACHE: '/somewhere/cache' })).toBe('/somewhere/cache');
    for (const off of ['0', 'off', 'false', 'NO'])
      expect(codeCacheDir({ THAIYYAL_CODE_CACHE: off })).toBeUndefined();
    expect(codeCacheDir({ HOME: '/home/ada', XDG_CACHE_HOME: '/home/ada/.xdg' })).toMatch(/thaiyyal[/\\]/);
  });

  it('keys caches by the command word', () => {
    expect(commandKey(['run', 'wf.yaml'])).toBe('run');
    expect(commandKey(['runs', 'list'])).toBe('runs');
    expect(commandKey(['--version'])).toBe('default');
    expect(commandKey([])).toBe('default');
    expect(commandKey(['../../etc'])).toBe('default');
  });
});

describe('the CLI', () => {
  const cli = (args: string[], cacheDir: string) => {
    const env: NodeJS.ProcessEnv = { ...process.env, THAIYYAL_CODE_CACHE: cacheDir };
    delete env['NODE_ENV']; // vitest's `test` makes oclif look for a TypeScript loader
    return spawnSync(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8', env });
  };

  it('writes a cache per command after a finished command and gives the same output from it', () => {
    const cacheDir = join(dir, 'cli-cache');
    const args = ['run', 'examples/hello.yaml', '--json'];
    const first = cli(args, cacheDir);
    expect(first.status, first.stderr).toBe(0);
    expect(caches(cacheDir).map((f) => f.split('.')[3])).toEqual(['run']);
    const second = cli(args, cacheDir);
    expect(second.status).toBe(0);
    const outputs = (r: typeof first) => JSON.parse(r.stdout).outputs;
    expect(outputs(second)).toEqual(outputs(first));
    expect(outputs(second).letters).toBe(13);
  });

  it('writes no cache for a usage error (exit 2)', () => {
    const cacheDir = join(dir, 'cli-cache');
    const r = cli(['run', 'no-such-file.yaml'], cacheDir);
    expect(r.status).toBe(2);
    expect(() => caches(cacheDir)).toThrow(); // the directory was never created
  });
});

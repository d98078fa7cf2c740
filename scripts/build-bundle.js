#!/usr/bin/env node
/**
 * Build step (after tsc and build-validators): bundles the CLI with esbuild into dist/cli/.
 * Start-up time is mostly loading and compiling JavaScript, so the CLI ships as one CommonJS
 * file that the launcher compiles through a V8 code cache (src/launcher/code-cache.ts):
 *
 * - dist/cli/thaiyyal.cjs — the commands, oclif and every dependency. package.json
 *   `oclif.commands.target` points at it (identifier `commands`); the launcher registers it in
 *   `require.cache`, so oclif's `require` of the target returns the instance already loaded.
 *   Implementations a command imports lazily (`await import(…)` in `run()`) stay lazy: esbuild
 *   wraps each module in an initialiser that runs on first import.
 * - dist/cli/replay-app.mjs — the terminal debugger (ink, react, yoga). ink and yoga use
 *   top-level await, which only an ES module can hold; `thaiyyal replay` imports it.
 * - dist/cli/launcher.cjs — the process entry bin/run.js calls (src/launcher/).
 * - dist/cli/esm-import.cjs — imports replay-app.mjs for the bundle (see replayAppFacade).
 * - The precompiled schema validators (build-validators.js) are in the bundle, each run on first use.
 * - oclif.manifest.json — the command metadata oclif would otherwise collect from every
 *   command class on each start.
 *
 * Whitespace and syntax are minified (less to read and parse; names stay, for stack traces),
 * and the output must be ASCII: Node decodes a non-ASCII file into a two-byte string, ~3×
 * slower to read (non-ASCII characters left in regular expressions are escaped here).
 */
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const outdir = join(root, 'dist', 'cli');

/** Swaps the run-time ajv compiler for the build-time precompiled validators (bundled in). */
const precompiledValidators = {
  name: 'precompiled-validators',
  setup(b) {
    b.onResolve({ filter: /^\.\/schema-compile\.js$/ }, (args) => ({
      path: join(dirname(args.importer), 'schema-compile.bundled.js'),
    }));
  },
};

/**
 * The terminal debugger is its own ES module (see above). Code compiled from a code cache
 * cannot `import()` (V8 drops the callback Node needs), so the bundle's `import()`s become
 * `require()`s (`supported` below) and this one ES module is imported by esm-import.cjs, a
 * file Node compiles itself: the command's `import('../ui/replay/App.js')` gets a stand-in.
 */
const replayAppFacade = {
  name: 'replay-app-facade',
  setup(b) {
    b.onResolve({ filter: /\/ui\/replay\/App\.js$/ }, () => ({ path: 'replay-app', namespace: 'thaiyyal' }));
    b.onLoad({ filter: /^replay-app$/, namespace: 'thaiyyal' }, () => ({
      contents: [
        'export async function runReplayApp(props) {',
        "  const app = await require('./esm-import.cjs')(require('node:path').join(__dirname, 'replay-app.mjs'));",
        '  return app.runReplayApp(props);',
        '}',
      ].join('\n'),
      loader: 'js',
    }));
  },
};
/** See replayAppFacade. */
const ESM_IMPORT = `'use strict';
// Imports an ES module for the CLI bundle, which cannot (see scripts/build-bundle.js).
const { pathToFileURL } = require('node:url');
module.exports = (file) => import(pathToFileURL(file).href);
`;

/**
 * `yaml` as ES modules (its `browser` build: the same code): esbuild then links its functions
 * directly, where the CommonJS build is reached through a getter on every call of `isMap`,
 * `isScalar`… (measured: ~5 ms of a 500-line lint).
 */
const yamlEsm = {
  name: 'yaml-esm',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({
      path: join(root, 'node_modules', 'yaml', 'browser', 'index.js'),
    }));
  },
};

/** The bundle's entry: what the launcher and oclif take from it. */
const cliEntry = {
  name: 'cli-entry',
  setup(b) {
    b.onResolve({ filter: /^thaiyyal:cli$/ }, () => ({ path: 'cli', namespace: 'thaiyyal' }));
    b.onLoad({ filter: /^cli$/, namespace: 'thaiyyal' }, () => ({
      contents: [
        "export { execute } from '@oclif/core';",
        "export { commands } from './dist/commands/index.js';",
      ].join('\n'),
      resolveDir: root,
      loader: 'js',
    }));
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'linked',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  // Only needed by oclif for TypeScript development mode, never by the built CLI.
  // react-devtools-core: ink loads it only when DEV=true (never installed; `replay` works without it).
  external: ['typescript', 'ts-node', 'react-devtools-core'],
};

await rm(outdir, { recursive: true, force: true });
const results = await Promise.all([
  build({
    ...common,
    entryPoints: { thaiyyal: 'thaiyyal:cli' },
    outdir,
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    define: {
      // Modules that locate files beside themselves (init templates) see the bundle's URL.
      'import.meta.url': '__thaiyyalModuleUrl',
    },
    banner: { js: "const __thaiyyalModuleUrl=require('node:url').pathToFileURL(__filename).href;" },
    // `import()` becomes `require()` (see replayAppFacade).
    supported: { 'dynamic-import': false },
    external: [...common.external, './esm-import.cjs'],
    plugins: [cliEntry, precompiledValidators, replayAppFacade, yamlEsm],
  }),
  build({
    ...common,
    entryPoints: { 'replay-app': 'dist/ui/replay/App.js' },
    outdir,
    outExtension: { '.js': '.mjs' },
    format: 'esm',
    // ink imports its devtools (and react-devtools-core, not installed) only when DEV=true:
    // that import stays lazy in a chunk of its own.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    // Bundled CommonJS dependencies call require() for Node built-ins; give the module one.
    banner: {
      js: "import { createRequire as __thaiyyalCreateRequire } from 'node:module';\nconst require = __thaiyyalCreateRequire(import.meta.url);",
    },
  }),
]);
for (const [file] of results.flatMap((r) => Object.entries(r.metafile.outputs)))
  if (/\.[cm]?js$/.test(file)) await asciiOnly(join(root, file));
// The launcher names code caches by the bundle's content (src/launcher/code-cache.ts).
const bundleId = createHash('sha256')
  .update(await readFile(join(outdir, 'thaiyyal.cjs')))
  .digest('hex')
  .slice(0, 16);
results.push(
  await build({
    ...common,
    entryPoints: { launcher: 'dist/launcher/main.js' },
    outdir,
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    define: { __THAIYYAL_BUNDLE_ID__: JSON.stringify(bundleId) },
  }),
);
// `THAIYYAL_BUNDLE_META=file` writes esbuild's metafile of the CLI bundle (what went into it).
if (process.env.THAIYYAL_BUNDLE_META)
  await writeFile(process.env.THAIYYAL_BUNDLE_META, JSON.stringify(results[0].metafile));

const outputs = results.flatMap((r) =>
  Object.entries(r.metafile.outputs).filter(([f]) => /\.[cm]?js$/.test(f)),
);
await asciiOnly(join(outdir, 'launcher.cjs'));
await writeFile(join(outdir, 'esm-import.cjs'), ESM_IMPORT);
await writeManifest();
const kib = Math.round(outputs.reduce((n, [, o]) => n + o.bytes, 0) / 1024);
console.log(`wrote dist/cli/ (${outputs.map(([f]) => f.split('/').pop()).join(', ')}: ${kib} KiB)`);

/**
 * Escapes what esbuild leaves non-ASCII (characters inside regular expression literals) as
 * `\uXXXX`, which means the same there, in strings and in comments.
 */
async function asciiOnly(file) {
  const text = await readFile(file, 'utf8');
  // eslint-disable-next-line no-control-regex
  const nonAscii = /[^\x00-\x7f]/g;
  if (!nonAscii.test(text)) return;
  const escaped = text.replace(nonAscii, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  await writeFile(file, escaped);
}

/** oclif.manifest.json at the package root, from the commands in the bundle just built. */
async function writeManifest() {
  const file = join(root, 'oclif.manifest.json');
  await rm(file, { force: true });
  const { Config } = await import('@oclif/core');
  const config = await Config.load({ root });
  const plugin = config.plugins.get(config.pjson.name);
  if (!plugin || Object.keys(plugin.manifest.commands).length === 0)
    throw new Error('oclif found no commands in dist/cli/thaiyyal.cjs: check package.json oclif.commands');
  await writeFile(file, `${JSON.stringify(plugin.manifest, null, 2)}\n`);
}

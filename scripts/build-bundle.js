#!/usr/bin/env node
/**
 * Build step (after tsc and build-validators): bundles the CLI with esbuild into dist/cli/,
 * which package.json `oclif.commands.target` points at. Start-up time is mostly module
 * loading, so one ESM bundle with the dependencies inside loads far faster than hundreds of
 * files from node_modules (many of them CommonJS, which ESM imports pay extra for).
 *
 * - Entry: the tsc output of the command map (dist/commands/index.js): tsc stays the one
 *   compiler, esbuild only links.
 * - `splitting`: each lazily imported implementation (`await import(...)` in a command's
 *   `run()`) becomes its own chunk, so `thaiyyal --version` loads only the command classes,
 *   and `run` does not load undici or the process adapter unless the workflow has http/exec nodes.
 * - `@oclif/core` stays external: bin/run.js loads it from node_modules anyway.
 * - schema-compile.js (ajv at run time) is swapped for the precompiled validators; their
 *   per-schema files (dist/core/parse/validators/) are copied to dist/cli/validators/, which the
 *   chunk holding the lookup finds through the `__THAIYYAL_VALIDATORS_DIR__` define.
 */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const outdir = join(root, 'dist', 'cli');

/** Swaps the run-time ajv compiler for the build-time precompiled validators. */
const precompiledValidators = {
  name: 'precompiled-validators',
  setup(b) {
    b.onResolve({ filter: /^\.\/schema-compile\.js$/ }, (args) => ({
      path: join(dirname(args.importer), 'schema-compile.precompiled.js'),
    }));
  },
};

/**
 * `await import('pkg')` of a bundled CommonJS package would only have a `default` export
 * (esbuild follows Node's rule for CommonJS without its export-name detection), so
 * `(await import('yaml')).parse` would be undefined. Route such imports through a small ESM
 * facade that re-exports every property, as Node does when run unbundled.
 */
const dynamicCjsFacade = {
  name: 'dynamic-cjs-facade',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.kind !== 'dynamic-import' || args.pluginData?.facade) return undefined;
      const r = await b.resolve(args.path, {
        kind: 'import-statement',
        resolveDir: args.resolveDir,
        pluginData: { facade: true },
      });
      if (r.errors.length > 0 || r.external || !(await isCommonJs(r.path))) return undefined;
      return {
        path: r.path,
        namespace: 'cjs-facade',
        pluginData: { spec: args.path, resolveDir: args.resolveDir },
      };
    });
    b.onLoad({ filter: /.*/, namespace: 'cjs-facade' }, (args) => {
      const { spec, resolveDir } = args.pluginData;
      // The export names, as Node would detect them: load the module once at build time.
      const names = Object.keys(createRequire(args.path)(args.path)).filter(
        (n) => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n),
      );
      const s = JSON.stringify(spec);
      const contents = `import m from ${s};\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`;
      return { contents, resolveDir, loader: 'js' };
    });
  },
};

/** Is this file CommonJS by Node's rules (`.cjs`, or `.js` under a package.json without `type: module`)? */
async function isCommonJs(file) {
  if (file.endsWith('.cjs')) return true;
  if (!file.endsWith('.js')) return false;
  for (let dir = dirname(file); dirname(dir) !== dir; dir = dirname(dir)) {
    const text = await readFile(join(dir, 'package.json'), 'utf8').catch(() => undefined);
    if (text !== undefined) return JSON.parse(text).type !== 'module';
  }
  return true;
}

/**
 * The `oclif` entry (dist/cli/oclif.js): @oclif/core's `execute`, for bin/run.js. oclif is
 * bundled too (~200 CommonJS files otherwise resolved and loaded one by one); the commands in
 * the bundle share this one copy, so their `Command` base class is the one oclif runs.
 */
const oclifEntry = {
  name: 'oclif-entry',
  setup(b) {
    b.onResolve({ filter: /^thaiyyal:oclif$/ }, () => ({ path: 'oclif', namespace: 'thaiyyal' }));
    b.onLoad({ filter: /.*/, namespace: 'thaiyyal' }, () => ({
      contents: "import * as oclif from '@oclif/core';\nexport const execute = oclif.execute;\n",
      resolveDir: root,
      loader: 'js',
    }));
  },
};

await rm(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { index: 'dist/commands/index.js', oclif: 'thaiyyal:oclif' },
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Only needed by oclif for TypeScript development mode, never by the built CLI.
  // react-devtools-core: ink loads it only when DEV=true (never installed; `replay` works without it).
  external: ['typescript', 'ts-node', 'react-devtools-core'],
  // Chunks live in dist/cli/chunks/ (checked below); the validator files in dist/cli/validators/.
  define: { __THAIYYAL_VALIDATORS_DIR__: JSON.stringify('../validators/') },
  plugins: [oclifEntry, precompiledValidators, dynamicCjsFacade],
  // Bundled CommonJS dependencies call require() for Node built-ins; give ESM chunks one.
  banner: {
    js: "import { createRequire as __thaiyyalCreateRequire } from 'node:module';\nconst require = __thaiyyalCreateRequire(import.meta.url);",
  },
  legalComments: 'linked',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});
// `THAIYYAL_BUNDLE_META=file` writes esbuild's metafile (what went into which chunk).
if (process.env.THAIYYAL_BUNDLE_META)
  await writeFile(process.env.THAIYYAL_BUNDLE_META, JSON.stringify(result.metafile));
const outputs = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith('.js'));
const lookupChunk = outputs.find(([, o]) =>
  Object.keys(o.inputs).some((i) => i.endsWith('schema-compile.precompiled.js')),
)?.[0];
if (!lookupChunk?.startsWith('dist/cli/chunks/'))
  throw new Error(
    `the precompiled validators landed in ${lookupChunk}, not dist/cli/chunks/: fix the define`,
  );
await cp(join(root, 'dist', 'core', 'parse', 'validators'), join(outdir, 'validators'), { recursive: true });
const kib = Math.round(outputs.reduce((n, [, o]) => n + o.bytes, 0) / 1024);
console.log(`wrote dist/cli/ (${outputs.length} files, ${kib} KiB)`);

#!/usr/bin/env -S node --heap-growing-percent=30
'use strict';
// Launches the CLI and nothing else: all logic lives in dist/ (built from src/). The launcher
// (src/launcher/) loads the one-file bundle dist/cli/thaiyyal.cjs through a V8 code cache and
// runs oclif. This file is CommonJS (bin/package.json): an ESM entry costs Node its ESM loader.
// Memory (the shebang's V8 flag): V8 lets the heap grow up to ~4× between full GCs when
// collecting is cheap, so a big workflow's parse-and-validate garbage (YAML, JSONata parsers)
// pushed peak RSS past 300 MB for 10,000 nodes. Growing by at most 1.3× keeps it near 240 MB at
// the same CPU cost (docs/performance.md). A flag on the command line costs nothing at start-up;
// `node:v8`'s setFlagsFromString would cost ~4 ms to load.
let launcher;
try {
  launcher = require('../dist/cli/launcher.cjs');
} catch (err) {
  if (err.code !== 'MODULE_NOT_FOUND') throw err;
  process.stderr.write('thaiyyal: dist/cli/launcher.cjs is missing; build the CLI first: npm run build\n');
  process.exit(2);
}
// oclif reports the errors of commands; an error here happened before oclif ran.
launcher.main(__filename).catch((err) => {
  process.stderr.write(
    `thaiyyal: could not start: ${process.env.THAIYYAL_DEBUG ? err.stack : err.message}\n`,
  );
  process.exitCode = 1;
});

#!/usr/bin/env -S node --heap-growing-percent=30
// Launches the oclif CLI and nothing else: all logic lives in dist/ (built from src/).
// dist/cli/ is the esbuild bundle of the commands and their dependencies, @oclif/core included
// (scripts/build-bundle.js); oclif's own Node-version check is skipped (it checks oclif's
// engines, not ours, and costs ~30 ms of start-up loading semver).
// Memory (the shebang's V8 flag): V8 lets the heap grow up to ~4× between full GCs when
// collecting is cheap, so a big workflow's parse-and-validate garbage (YAML, JSONata parsers)
// pushed peak RSS past 300 MB for 10,000 nodes. Growing by at most 1.3× keeps it near 240 MB at
// the same CPU cost (docs/performance.md). A flag on the command line costs nothing at start-up;
// `node:v8`'s setFlagsFromString would cost ~4 ms to load.

const skipCheck = process.env.OCLIF_DISABLE_ENGINE_WARNING === undefined;
if (skipCheck) process.env.OCLIF_DISABLE_ENGINE_WARNING = '1';
const { execute } = await import('../dist/cli/oclif.js');
if (skipCheck) delete process.env.OCLIF_DISABLE_ENGINE_WARNING;

await execute({ dir: import.meta.url });

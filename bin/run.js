#!/usr/bin/env node
// Launches the oclif CLI and nothing else: all logic lives in dist/ (built from src/).
// dist/cli/ is the esbuild bundle of the commands and their dependencies, @oclif/core included
// (scripts/build-bundle.js); oclif's own Node-version check is skipped (it checks oclif's
// engines, not ours, and costs ~30 ms of start-up loading semver).
const skipCheck = process.env.OCLIF_DISABLE_ENGINE_WARNING === undefined;
if (skipCheck) process.env.OCLIF_DISABLE_ENGINE_WARNING = '1';
const { execute } = await import('../dist/cli/oclif.js');
if (skipCheck) delete process.env.OCLIF_DISABLE_ENGINE_WARNING;

await execute({ dir: import.meta.url });

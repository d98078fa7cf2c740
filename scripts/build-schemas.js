#!/usr/bin/env node
/**
 * Writes schemas/workflow.schema.json and schemas/config.schema.json from the code (the
 * single source of truth). Run through `npm run schemas` (which builds dist/ first).
 * `--check` writes nothing and exits 1 when a committed file differs (for CI).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderSchemaFiles } from '../dist/core/schema/index.js';
import { nodeTypes } from '../dist/nodes/registry.js';

const dir = join(import.meta.dirname, '..', 'schemas');
const check = process.argv.includes('--check');
let stale = 0;
for (const [name, text] of Object.entries(renderSchemaFiles(nodeTypes))) {
  const path = join(dir, name);
  const current = await readFile(path, 'utf8').catch(() => undefined);
  if (current === text) continue;
  if (check) {
    console.error(`schemas/${name} is out of date; run \`npm run schemas\``);
    stale++;
  } else {
    await writeFile(path, text);
    console.log(`wrote schemas/${name}`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;

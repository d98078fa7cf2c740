/**
 * The layer rules of docs/architecture.md are enforced by eslint.config.js. This table lints
 * small snippets as if they lived in each layer and requires the right verdict, so a config
 * change that opens a hole fails here.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: `${import.meta.dirname}/../..` });

const CASES: { file: string; code: string; allowed: boolean }[] = [
  {
    file: 'src/launcher/x.ts',
    code: "import { readFileSync } from 'node:fs';\nimport envPaths from 'env-paths';\nvoid readFileSync;\nvoid envPaths;\n",
    allowed: true,
  },
  {
    file: 'src/launcher/x.ts',
    code: "import { UserError } from '../core/errors.js';\nvoid UserError;\n",
    allowed: false,
  },
  { file: 'src/launcher/x.ts', code: "import { parse } from 'yaml';\nvoid parse;\n", allowed: false },
  {
    file: 'src/core/x.ts',
    code: "import { readFileSync } from 'node:fs';\nvoid readFileSync;\n",
    allowed: false,
  },
  { file: 'src/core/x.ts', code: "import { exit } from 'node:process';\nvoid exit;\n", allowed: false },
  { file: 'src/core/x.ts', code: "import { parse } from 'yaml';\nvoid parse;\n", allowed: true },
  {
    file: 'src/core/x.ts',
    code: "import { execute } from '../engine/execute.js';\nvoid execute;\n",
    allowed: false,
  },
  { file: 'src/core/x.ts', code: 'export const t = Date.now();\n', allowed: false },
  { file: 'src/core/x.ts', code: 'export const r = Math.random();\n', allowed: false },
  { file: 'src/core/x.ts', code: 'export const d = new Date();\n', allowed: false },
  { file: 'src/core/x.ts', code: 'export const d = new Date(0);\n', allowed: true },
  { file: 'src/core/x.ts', code: "export const m = () => import('node:fs');\n", allowed: false },
  { file: 'src/core/x.ts', code: 'export const p = globalThis.process;\n', allowed: false },
  { file: 'src/core/x.ts', code: "console.log('x');\n", allowed: false },
  {
    file: 'src/optimizer/x.ts',
    code: "import { readFile } from 'node:fs/promises';\nvoid readFile;\n",
    allowed: false,
  },
  { file: 'src/optimizer/x.ts', code: 'export const t = Date.now();\n', allowed: false },
  { file: 'src/optimizer/x.ts', code: "console.log('x');\n", allowed: false },
  {
    file: 'src/optimizer/x.ts',
    code: "import { executePlan } from '../engine/execute.js';\nvoid executePlan;\n",
    allowed: false,
  },
  {
    file: 'src/optimizer/x.ts',
    code: "import { http } from '../nodes/http.js';\nvoid http;\n",
    allowed: false,
  },
  {
    file: 'src/optimizer/x.ts',
    code: "import type { NodeType } from '../nodes/types.js';\nexport type T = NodeType;\n",
    allowed: true,
  },
  {
    file: 'src/optimizer/x.ts',
    code: "import { buildGraph } from '../core/graph.js';\nimport { parse } from 'yaml';\nvoid buildGraph;\nvoid parse;\n",
    allowed: true,
  },
  {
    file: 'src/engine/x.ts',
    code: "import { spawn } from 'node:child_process';\nvoid spawn;\n",
    allowed: false,
  },
  { file: 'src/engine/x.ts', code: "import os from 'node:os';\nvoid os;\n", allowed: false },
  {
    file: 'src/engine/x.ts',
    code: "import { createHttpClient } from '../adapters/http.js';\nvoid createHttpClient;\n",
    allowed: false,
  },
  {
    file: 'src/engine/x.ts',
    code: "import type { NodeType } from '../nodes/types.js';\nexport type T = NodeType;\n",
    allowed: true,
  },
  { file: 'src/engine/x.ts', code: "import { http } from '../nodes/http.js';\nvoid http;\n", allowed: false },
  { file: 'src/engine/x.ts', code: 'process.exit(1);\n', allowed: false },
  { file: 'src/nodes/x.ts', code: "import { request } from 'undici';\nvoid request;\n", allowed: false },
  {
    file: 'src/nodes/x.ts',
    code: "import { readFile } from 'node:fs/promises';\nvoid readFile;\n",
    allowed: false,
  },
  { file: 'src/nodes/x.ts', code: "export const m = () => import('node:fs');\n", allowed: false },
  { file: 'src/nodes/x.ts', code: "export const m = () => import('csv-parse/sync');\n", allowed: true },
  {
    file: 'src/adapters/x.ts',
    code: "import { readFile } from 'node:fs/promises';\nvoid readFile;\n",
    allowed: true,
  },
  {
    file: 'src/adapters/x.ts',
    code: "import { executePlan } from '../engine/execute.js';\nvoid executePlan;\n",
    allowed: false,
  },
  {
    file: 'src/app/x.ts',
    code: "import { renderGraph } from '../ui/graph-render.js';\nvoid renderGraph;\n",
    allowed: false,
  },
  { file: 'src/ui/x.ts', code: "import Run from '../commands/run.js';\nvoid Run;\n", allowed: false },
  { file: 'src/commands/x.ts', code: "import { parse } from 'yaml';\nvoid parse;\n", allowed: false },
];

describe('layer boundaries (eslint.config.js)', () => {
  for (const c of CASES) {
    it(`${c.allowed ? 'allows' : 'rejects'} in ${c.file}: ${c.code.split('\n')[0]}`, async () => {
      const [result] = await eslint.lintText(c.code, { filePath: c.file });
      const layerErrors = result!.messages.filter((m) =>
        [
          '@typescript-eslint/no-restricted-imports',
          'no-restricted-globals',
          'no-restricted-properties',
          'no-restricted-syntax',
        ].includes(m.ruleId ?? ''),
      );
      expect(layerErrors.length > 0, layerErrors.map((m) => m.message).join('; ')).toBe(!c.allowed);
    });
  }
});

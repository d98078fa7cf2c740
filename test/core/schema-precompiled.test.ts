/**
 * The validators precompiled at build time (scripts/build-validators.js →
 * dist/core/parse/schema-compile.precompiled.js, used by the CLI bundle) cover every schema
 * the CLI validates against and behave exactly like validators compiled by ajv at run time.
 * Needs `npm run build` (as `npm test` does) so dist/ matches src/.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { nodeOptions } from '../../src/core/parse/normalize.js';
import { compileValidator } from '../../src/core/parse/schema-compile.js';
import { buildConfigSchema } from '../../src/core/schema/config-schema.js';
import { buildWorkflowSchema, nodeOptionsValidationSchema } from '../../src/core/schema/workflow-schema.js';
import { nodeTypes } from '../../src/nodes/registry.js';

const root = join(import.meta.dirname, '..', '..');
const generated = join(root, 'dist', 'core', 'parse', 'schema-compile.precompiled.js');

interface Precompiled {
  compileValidator(schema: object): ((data: unknown) => boolean) & { errors?: unknown };
  hasPrecompiled(schema: object): boolean;
}
const load = async (): Promise<Precompiled> => {
  expect(existsSync(generated), `${generated} is missing; run \`npm run build\``).toBe(true);
  return (await import(generated)) as Precompiled;
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every workflow document the tests know (valid and invalid), parsed without validation. */
function workflowDocs(): unknown[] {
  const dirs = [
    join(root, 'examples'),
    join(root, 'test', 'fixtures', 'invalid'),
    join(root, 'test', 'fixtures', 'workflows'),
  ];
  const docs: unknown[] = [];
  for (const dir of dirs) {
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'thaiyyal.config.yaml')) {
      try {
        docs.push(parseYaml(readFileSync(join(dir, f), 'utf8')));
      } catch {
        // YAML syntax fixtures never reach the schema.
      }
    }
  }
  return docs;
}

function same(schema: object, pre: Precompiled, data: unknown) {
  const runtime = compileValidator(schema);
  const fast = pre.compileValidator(schema);
  const ok = runtime(data);
  expect(fast(data)).toBe(ok);
  // Same errors, including the `schema`/`parentSchema` the diagnostics read (x-error messages).
  expect(JSON.parse(JSON.stringify(fast.errors ?? null))).toEqual(
    JSON.parse(JSON.stringify(runtime.errors ?? null)),
  );
}

describe('precompiled validators (dist)', () => {
  it('cover the workflow, config and every node type schema exactly as the code builds them', async () => {
    const pre = await load();
    const stale = [
      ['the workflow format', buildWorkflowSchema()],
      ['the project config', buildConfigSchema()],
      ...[...nodeTypes.values()].map((t) => [`node type ${t.type}`, nodeOptionsValidationSchema(t)]),
    ]
      .filter(([, schema]) => !pre.hasPrecompiled(schema as object))
      .map(([what]) => what);
    expect(stale, 'dist/ validators are out of date with src/; run `npm run build`').toEqual([]);
  });

  it('give the same results and errors as ajv at run time', async () => {
    const pre = await load();
    const docs = workflowDocs();
    expect(docs.length).toBeGreaterThan(5);
    const structural = buildWorkflowSchema();
    for (const doc of docs) {
      same(structural, pre, doc);
      if (!isObj(doc) || !isObj(doc.nodes)) continue;
      for (const node of Object.values(doc.nodes)) {
        const t = isObj(node) && typeof node.type === 'string' ? nodeTypes.get(node.type) : undefined;
        if (t && isObj(node)) same(nodeOptionsValidationSchema(t), pre, nodeOptions(node));
      }
    }
    const config = buildConfigSchema();
    for (const doc of [
      parseYaml(readFileSync(join(root, 'examples', 'thaiyyal.config.yaml'), 'utf8')),
      { version: 1 },
      { version: 2, limits: { nodeTimeout: 'soon', concurrency: 0 }, http: { allow: 'x' }, extra: true },
      'not a map',
    ])
      same(config, pre, doc);
  });

  it('fall back to compiling a schema they do not know', async () => {
    const pre = await load();
    const schema = { type: 'object', required: ['a'] };
    expect(pre.hasPrecompiled(schema)).toBe(false);
    same(schema, pre, {});
    same(schema, pre, { a: 1 });
  });
});

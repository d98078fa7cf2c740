/**
 * The published JSON Schemas: committed files match the code (drift), they compile, and the
 * editor schema agrees with the validator on the examples.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  COMMON_NODE_KEYS,
  configJsonSchema,
  renderSchemaFiles,
  workflowJsonSchema,
} from '../../src/core/schema/index.js';
import { parse as parseYaml } from 'yaml';
import { nodeTypes } from '../../src/nodes/registry.js';

const root = join(import.meta.dirname, '..', '..');

function editorAjv() {
  // What an editor does: plain ajv, no thaiyyal keywords registered.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  return ajv;
}

describe('schemas/', () => {
  const files = renderSchemaFiles(nodeTypes);
  for (const [name, text] of Object.entries(files)) {
    it(`${name} is up to date`, () => {
      const committed = readFileSync(join(root, 'schemas', name), 'utf8');
      expect(committed, `schemas/${name} differs from the code; run \`npm run schemas\``).toBe(text);
    });
  }

  it('compile with a plain 2020-12 validator', () => {
    const ajv = editorAjv();
    expect(() => ajv.compile(workflowJsonSchema(nodeTypes))).not.toThrow();
    expect(() => ajv.compile(configJsonSchema())).not.toThrow();
  });

  it('accept every example workflow and config, and reject an unknown option', () => {
    const ajv = editorAjv();
    const validate = ajv.compile(workflowJsonSchema(nodeTypes));
    const dir = join(root, 'examples');
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'thaiyyal.config.yaml')) {
      const ok = validate(parseYaml(readFileSync(join(dir, f), 'utf8')));
      expect(ok, `${f}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }
    const bad = {
      apiVersion: 'thaiyyal.dev/v1',
      kind: 'Workflow',
      name: 'x',
      nodes: { a: { type: 'log', message: 'x', nope: 1 } },
    };
    expect(validate(bad)).toBe(false);
    const config = ajv.compile(configJsonSchema());
    expect(config(parseYaml(readFileSync(join(dir, 'thaiyyal.config.yaml'), 'utf8')))).toBe(true);
  });

  it('no node type has an option named like a common node key', () => {
    const clashes = [...nodeTypes.values()].flatMap((t) =>
      Object.keys((t.optionsSchema.properties ?? {}) as object)
        .filter((k) => (COMMON_NODE_KEYS as readonly string[]).includes(k))
        .map((k) => `${t.type}.${k}`),
    );
    expect(clashes, 'these options are shadowed by the common node keys; rename them').toEqual([]);
  });
});

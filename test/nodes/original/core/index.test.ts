import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { originalCoreTypes } from '../../../../src/nodes/original/core/index.js';
import { nodeTypes } from '../../../../src/nodes/registry.js';

const NAMES = [
  'boolean_input',
  'chunk',
  'compact',
  'condition',
  'date_input',
  'datetime_input',
  'expression',
  'filter',
  'find',
  'flat_map',
  'for_each',
  'group_by',
  'http',
  'map',
  'number',
  'operation',
  'partition',
  'range',
  'reduce',
  'renderer',
  'reverse',
  'sample',
  'slice',
  'sort',
  'switch',
  'text_input',
  'text_operation',
  'transpose',
  'unique',
  'visualization',
  'while_loop',
  'zip',
];
const docs = join(import.meta.dirname, '..', '..', '..', '..', 'docs', 'nodes', 'original');

describe('originalCoreTypes', () => {
  it('lists the 32 types of reference §3 (inputs, operations, control flow, arrays), sorted', () => {
    expect(originalCoreTypes.map((t) => t.type)).toEqual(NAMES.map((n) => `original/${n}`));
  });

  it.each(originalCoreTypes.map((t) => [t.type, t] as const))(
    '%s is registered, documented and has a usable example',
    (name, t) => {
      expect(nodeTypes.get(name)).toBe(t);
      const page = join(docs, `${name.slice('original/'.length)}.md`);
      expect(existsSync(page)).toBe(true);
      expect(readFileSync(page, 'utf8')).toMatch(new RegExp(`^# ${name}\\n`));
      const [node] = Object.values(parseYaml(t.example) as Record<string, Record<string, unknown>>);
      expect(node?.type).toBe(name);
      const props = Object.keys((t.optionsSchema.properties ?? {}) as object);
      for (const key of Object.keys(node ?? {})) if (key !== 'type') expect(props).toContain(key);
      expect(t.optionsSchema.additionalProperties).toBe(false);
      expect(t.summary).toMatch(/^Original engine: /);
    },
  );
});

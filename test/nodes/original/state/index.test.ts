/** The 20 state, advanced control, resilience and context types: registered, documented, usable examples. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { formatDiagnostic } from '../../../../src/core/diagnostics.js';
import { parseWorkflow } from '../../../../src/core/validate.js';
import { originalStateTypes } from '../../../../src/nodes/original/state/index.js';
import { nodeTypes } from '../../../../src/nodes/registry.js';

const NAMES = [
  'accumulator',
  'cache',
  'context_constant',
  'context_variable',
  'counter',
  'delay',
  'extract',
  'format',
  'join',
  'parallel',
  'parse',
  'rate_limiter',
  'retry',
  'schema_validator',
  'split',
  'throttle',
  'timeout',
  'transform',
  'try_catch',
  'variable',
];
const docs = join(import.meta.dirname, '..', '..', '..', '..', 'docs', 'nodes', 'original');

describe('originalStateTypes', () => {
  it('lists the 20 types of reference §3 (state, advanced control, error handling, context), sorted', () => {
    expect(originalStateTypes.map((t) => t.type)).toEqual(NAMES.map((n) => `original/${n}`));
  });

  it.each(originalStateTypes.map((t) => [t.type, t] as const))(
    '%s is registered, documented and has an example that validates',
    (name, t) => {
      expect(nodeTypes.get(name)).toBe(t);
      const page = join(docs, `${name.slice('original/'.length)}.md`);
      expect(existsSync(page)).toBe(true);
      expect(readFileSync(page, 'utf8')).toMatch(new RegExp(`^# ${name}\\n`));
      const nodes = parseYaml(t.example) as Record<string, Record<string, unknown>>;
      const [node] = Object.values(nodes);
      expect(node?.type).toBe(name);
      const props = Object.keys((t.optionsSchema.properties ?? {}) as object);
      for (const key of Object.keys(node ?? {}))
        if (key !== 'type' && key !== 'needs') expect(props).toContain(key);
      expect(t.optionsSchema.additionalProperties).toBe(false);
      expect(t.summary).toMatch(/^Original engine: /);
      const wf = stringify({ apiVersion: 'thaiyyal.dev/v1', kind: 'Workflow', name: 'example', nodes });
      expect(parseWorkflow(wf, 'example.yaml', nodeTypes).diagnostics.map(formatDiagnostic)).toEqual([]);
    },
  );
});

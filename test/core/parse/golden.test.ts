/**
 * Golden files (actionlint style): every test/fixtures/invalid/NAME.yaml must produce
 * exactly the diagnostics in NAME.out, one `path:line:col: message [code]` per line.
 * Regenerate after a deliberate change with `UPDATE_GOLDEN=1 npx vitest run test/core/parse/golden.test.ts`.
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../src/core/diagnostics.js';
import { parseWorkflow } from '../../../src/core/validate.js';
import { nodeTypes } from '../../../src/nodes/registry.js';

const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'invalid');
const update = process.env.UPDATE_GOLDEN === '1';

describe('golden diagnostics', () => {
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    it(name, () => {
      const text = readFileSync(join(dir, name), 'utf8');
      const r = parseWorkflow(text, name, nodeTypes);
      expect(r.workflow).toBeUndefined();
      const out = r.diagnostics.map(formatDiagnostic).join('\n') + '\n';
      const golden = join(dir, name.replace(/\.yaml$/, '.out'));
      if (update || !existsSync(golden)) writeFileSync(golden, out);
      expect(out).toBe(readFileSync(golden, 'utf8'));
    });
  }
});

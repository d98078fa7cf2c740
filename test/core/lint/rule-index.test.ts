/**
 * src/core/lint/rule-index.ts is a generated, dependency-free copy of what the config schema
 * needs from the rule catalog (ids, kinds, severities, descriptions), so commands that only
 * read the config (`run`) do not load every lint rule. This test keeps it in step with the
 * registry; `THAIYYAL_UPDATE_DOCS=1 npx vitest run test/core/lint/rule-index.test.ts` rewrites it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { RULE_CATALOG } from '../../../src/core/lint/catalog.js';

const file = join(import.meta.dirname, '..', '..', '..', 'src', 'core', 'lint', 'rule-index.ts');

function render(): string {
  const rows = RULE_CATALOG.map(
    (r) =>
      `  { id: ${JSON.stringify(r.id)}, kind: ${JSON.stringify(r.kind)}, severity: ${JSON.stringify(r.severity)}, description: ${JSON.stringify(r.description)} },`,
  );
  return `/**
 * Generated from the rule catalog by test/core/lint/rule-index.test.ts — do not edit.
 * What the config schema needs about every rule id, without loading the rules themselves.
 */
import type { Severity } from '../diagnostics.js';

export interface RuleIndexEntry {
  id: string;
  kind: 'rule' | 'validator' | 'meta';
  severity: Severity;
  description: string;
}

// prettier-ignore
export const RULE_INDEX: readonly RuleIndexEntry[] = [
${rows.join('\n')}
];
`;
}

it('src/core/lint/rule-index.ts matches the rule catalog', () => {
  const want = render();
  if (process.env['THAIYYAL_UPDATE_DOCS']) writeFileSync(file, want);
  expect(
    readFileSync(file, 'utf8'),
    'run THAIYYAL_UPDATE_DOCS=1 npx vitest run test/core/lint/rule-index.test.ts',
  ).toBe(want);
});

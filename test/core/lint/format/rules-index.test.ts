/**
 * docs/rules/README.md is the rule catalog rendered; this fails when a rule was added or its
 * metadata changed without regenerating it (THAIYYAL_UPDATE_DOCS=1 rewrites the file).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_CATALOG } from '../../../../src/core/lint/catalog.js';
import { ALL_RULE_IDS } from '../../../../src/core/lint/registry.js';
import { renderRulesIndex } from '../../../../src/core/lint/format/rules-markdown.js';

const file = join(import.meta.dirname, '..', '..', '..', '..', 'docs', 'rules', 'README.md');

describe('docs/rules/README.md', () => {
  it('lists every rule id once', () => {
    expect(RULE_CATALOG.map((r) => r.id).sort()).toEqual([...ALL_RULE_IDS].sort());
  });
  it('is up to date with the registry', () => {
    const text = renderRulesIndex(RULE_CATALOG);
    if (process.env['THAIYYAL_UPDATE_DOCS'] === '1') writeFileSync(file, text);
    expect(
      readFileSync(file, 'utf8'),
      'run THAIYYAL_UPDATE_DOCS=1 npx vitest run test/core/lint/format/rules-index.test.ts',
    ).toBe(text);
  });
});

describe('validator and suppression rule pages', () => {
  const section = (text: string, heading: string) => {
    const at = text.indexOf(`\n## ${heading}\n`);
    return at < 0 ? undefined : /```yaml\n([\s\S]*?)```/.exec(text.slice(at))?.[1];
  };
  for (const r of RULE_CATALOG.filter((x) => x.kind !== 'rule')) {
    it(`${r.id}: header table, and Bad/Good examples when given`, async () => {
      const { lintText } = await import('../../../../src/core/lint/lint.js');
      const { nodeTypes } = await import('../../../../src/nodes/registry.js');
      const text = readFileSync(join(file, '..', `${r.id}.md`), 'utf8');
      expect(text).toContain(`| ${r.category} | ${r.severity} | ${r.fixable ? 'yes' : 'no'} |`);
      const bad = section(text, 'Bad');
      const good = section(text, 'Good');
      if (bad === undefined) return;
      const ids = (yaml: string) => lintText(yaml, 'doc.yaml', nodeTypes).map((f) => f.ruleId);
      expect(ids(bad)).toContain(r.id);
      expect(ids(good!)).not.toContain(r.id);
    });
  }
});

/**
 * Every lint rule and validator finding has docs/rules/<id>.md. For registered rules, the
 * yaml block under "## Bad" must produce a finding of the rule and the one under "## Good"
 * must produce none; the page's header table must match the rule's metadata.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULE_IDS, RULES } from '../../../src/core/lint/registry.js';
import { runRule } from '../../helpers/rule-tester.js';

const docs = join(import.meta.dirname, '..', '..', '..', 'docs', 'rules');

function section(text: string, heading: string): string | undefined {
  const at = text.indexOf(`\n## ${heading}\n`);
  if (at < 0) return undefined;
  const m = /```yaml\n([\s\S]*?)```/.exec(text.slice(at));
  return m?.[1];
}

describe('docs/rules', () => {
  for (const id of ALL_RULE_IDS) {
    it(`${id} has a page`, () => {
      expect(existsSync(join(docs, `${id}.md`)), `write docs/rules/${id}.md`).toBe(true);
    });
  }
  for (const rule of RULES) {
    it(`${rule.meta.id}: the page's examples behave as documented`, () => {
      const text = readFileSync(join(docs, `${rule.meta.id}.md`), 'utf8');
      expect(text).toContain(
        `| ${rule.meta.category} | ${rule.meta.severity} | ${rule.meta.fixable ? 'yes' : 'no'} |`,
      );
      const bad = section(text, 'Bad');
      const good = section(text, 'Good');
      expect(bad, 'a yaml block under "## Bad"').toBeDefined();
      expect(good, 'a yaml block under "## Good"').toBeDefined();
      expect(runRule(rule, bad!).length).toBeGreaterThan(0);
      expect(runRule(rule, good!).map((f) => f.message)).toEqual([]);
    });
  }
});

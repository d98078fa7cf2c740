/**
 * A table-driven rule tester (eslint's RuleTester): `valid` workflows must produce no finding
 * of the rule; each `invalid` one must produce exactly the listed findings (line, and col or
 * message when given), and, when `output` is given, applying the fixes must give that text.
 */
import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/core/lint/lint.js';
import { applyEdits } from '../../src/core/lint/source-edits.js';
import type { Rule } from '../../src/core/lint/types.js';
import { nodeTypes } from '../../src/nodes/registry.js';

export interface InvalidCase {
  name?: string;
  code: string;
  errors: { line: number; col?: number; message?: RegExp | string }[];
  /** The text after applying every fix, or null when no fix is offered. */
  output?: string | null;
}

/** Workflow header for test cases: `wf('nodes:\n  a: …')`. */
export const wf = (body: string, name = 'test') =>
  `apiVersion: thaiyyal.dev/v1\nkind: Workflow\nname: ${name}\n${body}`;

/** Runs only this rule over a text and returns its findings. */
export function runRule(rule: Rule, code: string) {
  // Opt-in rules are enabled at their own severity for the test.
  return lintText(code, 'test.yaml', nodeTypes, {
    registry: [rule],
    rules: { [rule.meta.id]: rule.meta.severity },
  }).filter((f) => f.ruleId === rule.meta.id);
}

export function testRule(
  rule: Rule,
  cases: { valid: (string | { name: string; code: string })[]; invalid: InvalidCase[] },
) {
  describe(`rule ${rule.meta.id}`, () => {
    cases.valid.forEach((c, i) => {
      const { name, code } = typeof c === 'string' ? { name: `valid #${i + 1}`, code: c } : c;
      it(name, () => {
        expect(
          runRule(rule, code).map((f) => `${f.range.start.line}:${f.range.start.col} ${f.message}`),
        ).toEqual([]);
      });
    });
    cases.invalid.forEach((c, i) => {
      it(c.name ?? `invalid #${i + 1}`, () => {
        const found = runRule(rule, c.code);
        expect(found.map((f) => f.range.start.line)).toEqual(c.errors.map((e) => e.line));
        c.errors.forEach((e, j) => {
          if (e.col !== undefined) expect(found[j]!.range.start.col).toBe(e.col);
          if (e.message !== undefined) expect(found[j]!.message).toMatch(e.message);
        });
        if (c.output !== undefined) {
          const edits = found.flatMap((f) => f.fix?.edits ?? []);
          if (c.output === null) expect(edits).toEqual([]);
          else expect(applyEdits(c.code, edits)).toBe(c.output);
        }
      });
    });
  });
}

/** `thaiyyal lint --rules`: every rule id with its category, default severity, fixability and description. */
import type { RuleInfo } from '../core/lint/catalog.js';
import { palette, type OutStream } from './style.js';

/**
 * A plain-text table, one rule per line.
 * @example
 * // rule             category     severity  fix  description
 * // missing-timeout  reliability  warning   yes  An http or exec node without a timeout…
 */
export function renderRulesTable(rules: readonly RuleInfo[], stream?: OutStream, color = true): string {
  const c = palette(stream && color ? stream : { write: () => undefined });
  const head = ['rule', 'category', 'severity', 'fix', 'description'];
  const rows = rules.map((r) => [r.id, r.category, r.severity, r.fixable ? 'yes' : '', r.description]);
  const widths = head.slice(0, 4).map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i < 4 ? cell.padEnd(widths[i]!) : cell))
      .join('  ')
      .trimEnd();
  const fixable = rules.filter((r) => r.fixable).length;
  return [
    c.bold(line(head)),
    ...rows.map(line),
    '',
    c.dim(`${rules.length} rules, ${fixable} fixable with --fix. Docs: docs/rules/<rule>.md`),
    '',
  ].join('\n');
}

/** The `--rules --json` document. */
export function rulesJson(rules: readonly RuleInfo[]): object[] {
  return rules.map(({ id, category, severity, fixable, description, kind }) => ({
    id,
    category,
    severity,
    fixable,
    kind,
    description,
  }));
}

/**
 * Inline suppressions in YAML comments:
 *
 *   # thaiyyal-disable-next-line rule-a, rule-b -- why
 *   # thaiyyal-disable rule-a -- why        (until `# thaiyyal-enable rule-a` or the end of the file)
 *   # thaiyyal-enable rule-a
 *
 * No rule list means every rule. Suppressions that suppress nothing, and unknown rule ids,
 * are reported, so stale ones do not pile up.
 */
import type { Diagnostic } from '../diagnostics.js';

export interface Suppression {
  /** 1-based line of the comment. */
  line: number;
  col: number;
  kind: 'next-line' | 'range';
  /** Rule ids, or undefined for all rules. */
  rules: string[] | undefined;
  /** First and last line (1-based, inclusive) the suppression covers. */
  from: number;
  to: number;
  used: Set<string>;
}

const DIRECTIVE = /#\s*thaiyyal-(disable-next-line|disable|enable)\b([^\n]*)$/;

function parseRules(rest: string): string[] | undefined {
  const list = rest.split(/\s--\s|\s--$/)[0]!.trim();
  if (list === '') return undefined;
  return list
    .split(/[\s,]+/)
    .map((r) => r.trim())
    .filter(Boolean);
}

/** Finds the directives in a file's lines. */
export function parseSuppressions(lines: readonly string[]): Suppression[] {
  const out: Suppression[] = [];
  const open = new Map<string, Suppression>(); // rule id or '*' → open range
  lines.forEach((text, i) => {
    const m = DIRECTIVE.exec(text);
    if (!m) return;
    const line = i + 1;
    const col = text.indexOf('#') + 1;
    const rules = parseRules(m[2]!);
    if (m[1] === 'disable-next-line') {
      let target = i + 1;
      while (target < lines.length && /^\s*(#.*)?$/.test(lines[target]!)) target++;
      out.push({ line, col, kind: 'next-line', rules, from: target + 1, to: target + 1, used: new Set() });
    } else if (m[1] === 'disable') {
      const s: Suppression = {
        line,
        col,
        kind: 'range',
        rules,
        from: line,
        to: lines.length,
        used: new Set(),
      };
      out.push(s);
      for (const r of rules ?? ['*']) open.set(r, s);
    } else {
      for (const r of rules ?? [...open.keys()]) {
        const s = open.get(r);
        if (s) {
          s.to = line;
          open.delete(r);
        }
      }
    }
  });
  return out;
}

/**
 * Drops suppressed diagnostics and adds one for every unknown rule id and every suppression
 * that suppressed nothing (`unused-suppression`, a warning).
 */
export function applySuppressions(
  diagnostics: readonly Diagnostic[],
  suppressions: readonly Suppression[],
  knownRules: ReadonlySet<string>,
  file: string,
): Diagnostic[] {
  const kept = diagnostics.filter((d) => {
    const id = d.ruleId ?? d.code;
    const line = d.range.start.line;
    const s = suppressions.find((x) => line >= x.from && line <= x.to && (!x.rules || x.rules.includes(id)));
    if (!s) return true;
    s.used.add(id);
    return false;
  });
  for (const s of suppressions) {
    const at = { start: { line: s.line, col: s.col }, end: { line: s.line, col: s.col } };
    for (const r of s.rules ?? []) {
      if (!knownRules.has(r)) {
        kept.push({
          code: 'lint',
          ruleId: 'unknown-rule',
          severity: 'error',
          message: `unknown rule "${r}" in a thaiyyal-disable comment; \`thaiyyal lint --rules\` lists the rule ids`,
          file,
          range: at,
        });
      }
    }
    const unused = (s.rules ?? ['*']).filter((r) =>
      r === '*' ? s.used.size === 0 : knownRules.has(r) && !s.used.has(r),
    );
    if (unused.length > 0) {
      kept.push({
        code: 'lint',
        ruleId: 'unused-suppression',
        severity: 'warning',
        message:
          unused[0] === '*'
            ? 'this thaiyyal-disable comment suppresses nothing; remove it'
            : `this thaiyyal-disable comment does not suppress any "${unused.join('", "')}" finding; remove ${unused.length > 1 ? 'them' : 'it'}`,
        file,
        range: at,
      });
    }
  }
  return kept;
}

/**
 * `lintText`: validator findings plus every enabled rule, minus suppressions, with the safe
 * fixes rules offer. Pure: text in, findings out.
 */
import { sortDiagnostics, type Diagnostic, type Severity } from '../diagnostics.js';
import type { NodeCatalog } from '../parse/node-catalog.js';
import { parseWorkflow } from '../validate.js';
import { ALL_RULE_IDS, RULES } from './registry.js';
import { applySuppressions, parseSuppressions } from './suppressions.js';
import type { Fix, Rule } from './types.js';

/** A finding with the fix its rule offers, if any. */
export interface LintFinding extends Diagnostic {
  fix?: Fix;
}

export interface LintOptions {
  /** Per-rule severity overrides; `off` disables a rule. */
  rules?: Readonly<Record<string, Severity | 'off'>>;
  /** The rules to run (default: all registered). */
  registry?: readonly Rule[];
}

/**
 * Lints one workflow file's text.
 * @example lintText(text, 'workflows/a.yaml', nodeTypes).filter((f) => f.severity === 'error')
 */
export function lintText(
  text: string,
  file: string,
  nodeTypes: NodeCatalog,
  opts: LintOptions = {},
): LintFinding[] {
  const parsed = parseWorkflow(text, file, nodeTypes);
  const findings: LintFinding[] = parsed.diagnostics.map((d) => ({ ...d, ruleId: d.ruleId ?? d.code }));
  const lines = text.split(/\r?\n/);
  const severityOf = (id: string, fallback: Severity | 'off'): Severity | 'off' =>
    opts.rules?.[id] ?? fallback;
  if (parsed.model && parsed.map) {
    const { model: workflow, map, graph } = parsed;
    for (const rule of opts.registry ?? RULES) {
      const severity = severityOf(rule.meta.id, rule.meta.recommended === false ? 'off' : rule.meta.severity);
      if (severity === 'off') continue;
      rule.check({
        file,
        text,
        lines,
        workflow,
        graph,
        map,
        nodeTypes,
        report(r) {
          const range =
            r.range ?? (r.path ? (r.atKey ? map.keyRangeOf(r.path) : map.rangeOf(r.path)) : map.rangeOf([]));
          findings.push({
            code: 'lint',
            ruleId: rule.meta.id,
            severity,
            message: r.message,
            file,
            range,
            ...(r.fix ? { fix: r.fix } : {}),
          });
        },
      });
    }
  }
  const enabled = findings.filter((f) => severityOf(f.ruleId!, f.severity) !== 'off');
  for (const f of enabled) {
    const s = opts.rules?.[f.ruleId!];
    if (s && s !== 'off' && f.code === 'lint') f.severity = s;
  }
  return sortDiagnostics(
    applySuppressions(enabled, parseSuppressions(lines), ALL_RULE_IDS, file),
  ) as LintFinding[];
}

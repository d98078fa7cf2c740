/** Human output of `thaiyyal validate`: diagnostics per file, then one summary line. */
import { countDiagnostics, plural, renderDiagnostics } from './diagnostics.js';
import { palette, type OutStream } from './style.js';
import type { ValidateReport } from '../app/validate.js';

/**
 * Renders the report.
 * @example
 * // workflows/a.yaml:3:5: unknown node type "htp"; did you mean "http"? [unknown-node-type]
 * // ✗ 2 files checked: 1 invalid (1 error)
 */
export function renderValidateReport(report: ValidateReport, out: OutStream): string {
  const c = palette(out);
  const all = report.files.flatMap((f) => f.diagnostics);
  const lines: string[] = [];
  if (all.length > 0) lines.push(renderDiagnostics(all, out));
  const { errors, warnings } = countDiagnostics(all);
  const invalid = report.files.filter((f) => !f.valid).length;
  const counts = [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : '']
    .filter(Boolean)
    .join(', ');
  const checked = `${plural(report.files.length, 'file')} checked`;
  if (report.valid) lines.push(`${c.green('✓')} ${checked}: all valid${counts ? ` (${counts})` : ''}`);
  else lines.push(`${c.red('✗')} ${checked}: ${invalid} invalid (${counts})`);
  return lines.join('\n') + '\n';
}

/**
 * `compact`: one `path:line:col: message [rule]` line per finding (actionlint's form, what
 * editors and the GitHub problem matcher `thaiyyal-matcher.json` read); warnings and infos
 * end with ` (warning)` / ` (info)`.
 */
import { formatDiagnostic } from '../../diagnostics.js';
import type { Formatter } from './types.js';

/** @example compact(results, ctx) // 'wf.yaml:7:5: http node "a" has no timeout [missing-timeout] (warning)\n' */
export const compact: Formatter = (results) => {
  const lines: string[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      lines.push(formatDiagnostic(f) + (f.severity === 'error' ? '' : ` (${f.severity})`));
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
};

/**
 * Renders diagnostics for humans: one `path:line:col: message [code]` line each (the form
 * editors and GitHub problem matchers understand), coloured by severity on a TTY.
 */
import { formatDiagnostic, sortDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import { palette, type OutStream } from './style.js';

/** One line per diagnostic, sorted by file, line and column; severity prefixed when not an error. */
export function renderDiagnostics(ds: readonly Diagnostic[], stream: OutStream): string {
  const c = palette(stream);
  return sortDiagnostics(ds)
    .map((d) => {
      const line = formatDiagnostic(d);
      if (d.severity === 'error') return c.red(line);
      return c.yellow(`${line} (${d.severity})`);
    })
    .join('\n');
}

/** Counts by severity. */
export function countDiagnostics(ds: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of ds) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
  }
  return { errors, warnings };
}

/**
 * `3 files checked: 1 invalid, 2 errors, 1 warning`.
 * @example plural(1, 'file') // '1 file'
 */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * `stylish` (the default): findings grouped by file, one aligned `line:col  severity
 * message  rule` row each with a code frame of the offending line and a caret under the
 * place, then a summary with counts and how many `--fix` would fix.
 */
import type { LintFinding } from '../lint.js';
import { plural, ruleIdOf, summarize, type Formatter, type Styler } from './types.js';

/** Longest part of a source line shown in a code frame. */
const MAX_FRAME = 160;

/** The offending line with a gutter, and a caret line under the range (at least one `^`). */
export function codeFrame(lines: readonly string[], f: LintFinding, style: Styler): string[] {
  const { start, end } = f.range;
  const text = lines[start.line - 1];
  if (text === undefined) return [];
  const from = Math.min(Math.max(start.col - 1, 0), text.length);
  const to = end.line === start.line ? Math.max(end.col - 1, from + 1) : Math.max(text.length, from + 1);
  // Long lines: keep a window around the range.
  const offset = from > MAX_FRAME - 20 ? from - 20 : 0;
  const shown = text.slice(offset, offset + MAX_FRAME);
  const cut = (offset > 0 ? '…' : '') + shown + (text.length > offset + MAX_FRAME ? '…' : '');
  const lead = offset > 0 ? 1 : 0;
  // Keep tabs in the padding so the caret lines up with the text above it.
  const pad = (lead ? ' ' : '') + text.slice(offset, from).replace(/[^\t]/g, ' ');
  const width = Math.max(1, Math.min(to, offset + MAX_FRAME) - from);
  const gutter = String(start.line);
  return [
    `    ${style.dim(`${gutter} |`)} ${cut}`,
    `    ${style.dim(`${' '.repeat(gutter.length)} |`)} ${pad.slice(0, lead + from - offset)}${style.red('^'.repeat(width))}`,
  ];
}

const severityWord = (f: LintFinding, style: Styler): string =>
  f.severity === 'error'
    ? style.red('error')
    : f.severity === 'warning'
      ? style.yellow('warning')
      : style.cyan('info');

/**
 * @example
 * // workflows/a.yaml
 * //   7:5  warning  http node "fetch" has no timeout  missing-timeout
 * //     7 |     type: http
 * //       |     ^^^^
 * //
 * // ✖ 1 problem (0 errors, 1 warning)
 * //   1 warning fixable with --fix
 */
export const stylish: Formatter = (results, { style }) => {
  const out: string[] = [];
  for (const r of results) {
    if (r.diff) out.push(r.diff.endsWith('\n') ? r.diff.slice(0, -1) : r.diff, '');
  }
  for (const r of results) {
    if (r.findings.length === 0) continue;
    const lines = r.source?.split(/\r?\n/) ?? [];
    const pos = r.findings.map((f) => `${f.range.start.line}:${f.range.start.col}`);
    const posWidth = Math.max(...pos.map((p) => p.length));
    const sevWidth = Math.max(...r.findings.map((f) => f.severity.length));
    out.push(style.bold(r.file));
    r.findings.forEach((f, i) => {
      const sev = severityWord(f, style) + ' '.repeat(sevWidth - f.severity.length);
      out.push(`  ${style.dim(pos[i]!.padEnd(posWidth))}  ${sev}  ${f.message}  ${style.dim(ruleIdOf(f))}`);
      out.push(...codeFrame(lines, f, style));
    });
    out.push('');
  }
  const s = summarize(results);
  const problems = s.errors + s.warnings + s.infos;
  const fixedNote = s.fixed > 0 ? `${style.green('✔')} fixed ${plural(s.fixed, 'problem')}` : '';
  if (problems === 0) {
    if (fixedNote) out.push(fixedNote);
    out.push(`${style.green('✔')} ${plural(s.files, 'file')} linted: no problems`);
    return `${out.join('\n')}\n`;
  }
  const counts = `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}${s.infos > 0 ? `, ${plural(s.infos, 'info')}` : ''}`;
  const mark = s.errors > 0 ? style.red('✖') : style.yellow('⚠');
  if (fixedNote) out.push(fixedNote);
  out.push(
    style.bold(`${mark} ${plural(problems, 'problem')} (${counts}) in ${plural(s.files, 'file')} linted`),
  );
  if (s.fixable > 0) out.push(`  ${plural(s.fixable, 'problem')} fixable with \`--fix\``);
  return `${out.join('\n')}\n`;
};

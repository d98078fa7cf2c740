/**
 * `github`: GitHub Actions workflow commands, one annotation per finding
 * (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<rule>::<message>`; warnings
 * are `::warning`, infos `::notice`), escaped as the runner expects.
 */
import type { LintFinding } from '../lint.js';
import { plural, ruleIdOf, summarize, type Formatter } from './types.js';

/** Escapes a command's message (`%`, CR, LF), as in @actions/core `escapeData`. */
export function escapeData(s: string): string {
  return s.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** Escapes a command property value: also `:` and `,`, as in @actions/core `escapeProperty`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** One annotation line. */
export function annotation(f: LintFinding): string {
  const { start, end } = f.range;
  const props: [string, string | number][] = [
    ['file', f.file.replaceAll('\\', '/')],
    ['line', start.line],
    ['col', start.col],
    ['endLine', end.line],
    ['endColumn', end.col],
    ['title', ruleIdOf(f)],
  ];
  const p = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${COMMAND[f.severity]} ${p}::${escapeData(`${f.message} [${ruleIdOf(f)}]`)}`;
}

/** @example github(results, ctx) // '::warning file=a.yaml,line=7,col=5,…,title=missing-timeout::…\n' */
export const github: Formatter = (results) => {
  const lines = results.flatMap((r) => r.findings.map(annotation));
  const s = summarize(results);
  lines.push(
    `thaiyyal lint: ${plural(s.files, 'file')}, ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}` +
      (s.infos > 0 ? `, ${plural(s.infos, 'info')}` : ''),
  );
  return `${lines.join('\n')}\n`;
};

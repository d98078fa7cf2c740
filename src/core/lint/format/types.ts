/**
 * What the output formats of `thaiyyal lint` take: the findings per file (plus what `--fix`
 * and `--fix-dry-run` did) and a small context. Formats are pure: data in, text out.
 */
import type { LintFinding } from '../lint.js';

/** The lint result of one file. */
export interface LintFileResult {
  /** The file as shown (relative to the working directory when inside it). */
  file: string;
  /** Remaining findings, sorted by place. */
  findings: LintFinding[];
  /** The source text (after fixes), for code frames. Not part of machine output. */
  source?: string;
  /** How many findings `--fix` fixed in this file (0 or absent: none). */
  fixed?: number;
  /** `--fix-dry-run`: the unified diff `--fix` would apply (absent when nothing would change). */
  diff?: string;
}

/** Colours for human formats; identity functions when colour is off. */
export interface Styler {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

/** A styler that adds nothing. */
export const PLAIN: Styler = {
  red: (s) => s,
  yellow: (s) => s,
  green: (s) => s,
  cyan: (s) => s,
  dim: (s) => s,
  bold: (s) => s,
};

export interface FormatContext {
  /** thaiyyal's version (SARIF `tool.driver.version`). */
  toolVersion: string;
  style: Styler;
}

/** A format: results in, the whole output text out (ending with a newline when not empty). */
export type Formatter = (results: readonly LintFileResult[], ctx: FormatContext) => string;

/** Totals over all files. */
export interface LintSummary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Findings that offer a fix (`--fix` would apply). */
  fixable: number;
  /** Findings fixed by `--fix`. */
  fixed: number;
}

/** Counts findings by severity over all files. */
export function summarize(results: readonly LintFileResult[]): LintSummary {
  const s: LintSummary = { files: results.length, errors: 0, warnings: 0, infos: 0, fixable: 0, fixed: 0 };
  for (const r of results) {
    s.fixed += r.fixed ?? 0;
    for (const f of r.findings) {
      if (f.severity === 'error') s.errors++;
      else if (f.severity === 'warning') s.warnings++;
      else s.infos++;
      if (f.fix) s.fixable++;
    }
  }
  return s;
}

/** The id shown for a finding: its rule, else its validator code. */
export const ruleIdOf = (f: LintFinding): string => f.ruleId ?? f.code;

/** `1 error`, `2 warnings`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

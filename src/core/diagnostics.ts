/**
 * Diagnostics are values, never thrown: every check returns a list of them and the
 * face decides how to render them and which exit code follows.
 */

/** A 1-based line and column in a source file. */
export interface Position {
  line: number;
  col: number;
}

/** A half-open source range, `start` inclusive, `end` exclusive. */
export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

/**
 * One finding about one place in one file.
 * @example {code: 'unknown-node-type', severity: 'error', message: 'unknown node type "htp"', file: 'a.yaml', range}
 */
export interface Diagnostic {
  /** Stable machine code from a closed set (see {@link DiagnosticCode}); tests assert on it, not on prose. */
  code: DiagnosticCode;
  severity: Severity;
  /** What is wrong and how to fix it, in one or two sentences. */
  message: string;
  file: string;
  range: Range;
  /** The lint rule that reported it, when it comes from a rule rather than the validator. */
  ruleId?: string;
}

/** The closed set of codes the parser and validator report. Lint rules add their ruleId instead. */
export type DiagnosticCode =
  | 'yaml-syntax'
  | 'yaml-limit'
  | 'not-a-workflow'
  | 'schema'
  | 'unknown-key'
  | 'unknown-node-type'
  | 'invalid-option'
  | 'unknown-reference'
  | 'cycle'
  | 'expression-syntax'
  | 'invalid-input'
  | 'missing-input'
  | 'config'
  | 'io'
  | 'lint';

/** The range used when no better place is known: the start of the file. */
export const FILE_START: Range = { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } };

/** Renders `path:line:col: message [code]`, the one-line form used by validate, lint and CI matchers. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.range.start.line}:${d.range.start.col}: ${d.message} [${d.ruleId ?? d.code}]`;
}

/** True when any diagnostic is an error. */
export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/** Sorts diagnostics by file, line, column, then code, so output is deterministic. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.col - b.range.start.col ||
      a.code.localeCompare(b.code),
  );
}

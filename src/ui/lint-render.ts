/** Output of `thaiyyal lint`: picks the format, binds colours to the stream, adds notes humans need. */
import { FORMATS, type FormatName } from '../core/lint/format/index.js';
import { PLAIN, type LintFileResult } from '../core/lint/format/types.js';
import type { LintRun } from '../app/lint.js';
import { palette, type OutStream } from './style.js';

export interface LintRenderOptions {
  format: FormatName;
  toolVersion: string;
  /** Where the text goes; colour only for a TTY (and never with `color: false`). */
  stream?: OutStream;
  color?: boolean;
}

/**
 * Renders a lint run in the chosen format. Human formats also name files skipped by
 * `lint.ignore` although given by name.
 */
export function renderLint(run: LintRun, opts: LintRenderOptions): string {
  const style = opts.color === false || !opts.stream ? PLAIN : palette(opts.stream);
  const results: LintFileResult[] = run.results;
  let text = FORMATS[opts.format](results, { toolVersion: opts.toolVersion, style });
  if (opts.format === 'stylish' && run.ignored.length > 0) {
    text =
      run.ignored
        .map((f) => style.dim(`${f}: skipped, lint.ignore in the project config matches it`))
        .join('\n') +
      '\n' +
      text;
  }
  if (opts.format === 'compact') text = results.flatMap((r) => (r.diff ? [r.diff] : [])).join('') + text;
  return text;
}

/**
 * Picks the progress display for `thaiyyal run`: listr2 on an interactive terminal, plain
 * lines everywhere else (CI, pipes, `TERM=dumb`, a terminal narrower than 20 columns or reporting none). Both are EventSinks fed live by the engine.
 */
import type { EventSink } from '../engine/events.js';
import type { OutStream } from './style.js';

/** An EventSink that draws progress; `finish()` must be awaited before printing anything else. */
export interface ProgressSink extends EventSink {
  finish(): Promise<void>;
}

/** Narrower than this, listr2 wraps every title into one character per line; plain lines read better. */
export const MIN_LIVE_COLUMNS = 20;

/**
 * True when live, redrawing output is appropriate for `out`: a TTY (outside CI, `TERM` not
 * `dumb`) that reports a usable width. Some terminals (serial consoles, a few emulators and
 * containers) report 0 columns.
 */
export function isInteractive(out: OutStream & { columns?: number }): boolean {
  return (
    out.isTTY === true &&
    !process.env['CI'] &&
    process.env['TERM'] !== 'dumb' &&
    !!out.columns &&
    out.columns >= MIN_LIVE_COLUMNS
  );
}

/** Creates the progress sink for `out`, loading listr2 only when it is used. */
export async function createProgressSink(
  out: OutStream & { columns?: number } = process.stdout,
): Promise<ProgressSink> {
  if (isInteractive(out)) return new (await import('./progress-listr.js')).ListrProgressSink(out);
  return new (await import('./progress-plain.js')).PlainProgressSink(out);
}

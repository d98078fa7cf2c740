/**
 * Picks the progress display for `thaiyyal run`: listr2 on an interactive terminal, plain
 * lines everywhere else (CI, pipes, `TERM=dumb`). Both are EventSinks fed live by the engine.
 */
import type { EventSink } from '../engine/events.js';
import type { OutStream } from './style.js';

/** An EventSink that draws progress; `finish()` must be awaited before printing anything else. */
export interface ProgressSink extends EventSink {
  finish(): Promise<void>;
}

/** True when live, redrawing output is appropriate for `out`. */
export function isInteractive(out: OutStream): boolean {
  return out.isTTY === true && !process.env['CI'] && process.env['TERM'] !== 'dumb';
}

/** Creates the progress sink for `out`, loading listr2 only when it is used. */
export async function createProgressSink(out: OutStream = process.stdout): Promise<ProgressSink> {
  if (isInteractive(out)) return new (await import('./progress-listr.js')).ListrProgressSink(out);
  return new (await import('./progress-plain.js')).PlainProgressSink(out);
}

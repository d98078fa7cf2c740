/**
 * The progress display for non-TTY output (CI logs, pipes): one stable, greppable line per
 * event that matters. An {@link EventSink}, fed live by the engine.
 *
 * ```
 * ▶ run hello (3 nodes)
 * ✓ fetch 120ms
 * ↻ retry fetch attempt 2 in 1.0s: http.status GET … answered 503
 * ✗ parse: parse.json Unexpected token } (after 3 attempts)
 * - skipped notify (when)
 * · greet: Hello, world
 * ```
 */
import type { RunEvent } from '../engine/events.js';
import type { ProgressSink } from './progress.js';
import { formatDuration, palette, type OutStream } from './style.js';

/** Line-per-event renderer; writes nothing before `run.started`, nothing for scheduling noise. */
export class PlainProgressSink implements ProgressSink {
  readonly #out: OutStream;
  readonly #c;

  constructor(out: OutStream = process.stdout) {
    this.#out = out;
    this.#c = palette(out);
  }

  write(e: RunEvent): void {
    const line = this.format(e);
    if (line !== undefined) this.#out.write(line + '\n');
  }

  /** Nothing to flush: every line is written as its event arrives. */
  async finish(): Promise<void> {}

  /** The line for one event, or undefined when the event is not shown. */
  format(e: RunEvent): string | undefined {
    const c = this.#c;
    switch (e.type) {
      case 'run.started':
        return c.bold(
          `▶ run ${e.workflow} (${e.plan.nodes.length} node${e.plan.nodes.length === 1 ? '' : 's'})`,
        );
      case 'node.succeeded':
        return `${c.green('✓')} ${e.nodeId} ${c.dim(formatDuration(e.durationMs))}${attempts(e.attempts)}`;
      case 'node.failed':
        return (
          `${c.red('✗')} ${e.nodeId}: ${e.error.code} ${e.error.message}` +
          c.dim(`${attempts(e.attempts)}${e.handled ? ' (handled by onError, run continues)' : ''}`)
        );
      case 'node.skipped':
        return `${c.dim('-')} skipped ${e.nodeId} ${c.dim(`(${e.reason})`)}`;
      case 'node.retrying':
        return c.yellow(
          `↻ retry ${e.nodeId}${item(e.index)} attempt ${e.attempt + 1} in ${formatDuration(e.delayMs)}: ` +
            `${e.error.code} ${e.error.message}`,
        );
      case 'node.cancelled':
        return `${c.yellow('⊘')} cancelled ${e.nodeId} ${c.dim(formatDuration(e.durationMs))}`;
      case 'node.log':
        return `${c.cyan('·')} ${e.nodeId}: ${e.level === 'info' ? '' : `${e.level}: `}${e.message}`;
      default:
        return undefined;
    }
  }
}

function attempts(n: number): string {
  return n > 1 ? ` (after ${n} attempts)` : '';
}

function item(index: number | undefined): string {
  return index === undefined ? '' : `[${index}]`;
}

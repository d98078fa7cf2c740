/**
 * The live progress display for a TTY: one listr2 task per node, driven entirely by run
 * events (the engine does the work; listr2 only draws). An {@link EventSink}.
 *
 * Each task waits on two promises that events settle: "started" (title loses its
 * `waiting` suffix) and "finished" (✓ with duration, ✗ with the error, or skipped). Retries
 * and node logs appear as the task's output line.
 */
import { Listr } from 'listr2';
import type { ErrorInfo, RunEvent, RunPlan } from '../engine/events.js';
import type { ProgressSink } from './progress.js';
import { formatDuration, palette, type OutStream } from './style.js';

type End =
  | { kind: 'succeeded'; durationMs: number; attempts: number }
  | { kind: 'failed'; error: ErrorInfo; handled: boolean; attempts: number }
  | { kind: 'skipped'; reason: string }
  | { kind: 'cancelled' };

interface NodeTask {
  id: string;
  type: string;
  started: Deferred<void>;
  finished: Deferred<End>;
  wrapper?: TaskHandle;
  /** The node's last log line, kept in its title once it finishes (outputs vanish with the task). */
  lastLog?: string;
}

/** The part of listr2's task wrapper this sink uses (its generics are renderer-specific). */
interface TaskHandle {
  title: string;
  output: string;
  skip(message?: string): void;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  settled: boolean;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  const d: Deferred<T> = {
    promise,
    settled: false,
    resolve(v) {
      if (d.settled) return;
      d.settled = true;
      resolve(v);
    },
  };
  return d;
}

/** Renders a run as a live listr2 task list. Call {@link finish} before printing anything else. */
export class ListrProgressSink implements ProgressSink {
  readonly #tasks = new Map<string, NodeTask>();
  readonly #c;
  #done: Promise<void> = Promise.resolve();

  constructor(out: OutStream = process.stdout) {
    this.#c = palette(out);
  }

  write(e: RunEvent): void {
    if (e.type === 'run.started') {
      this.#start(e.plan);
      return;
    }
    if (e.type === 'run.finished') {
      this.#settleAll();
      return;
    }
    const t = this.#tasks.get(e.nodeId);
    if (!t) return;
    switch (e.type) {
      case 'node.started':
        t.started.resolve();
        if (e.index !== undefined && t.wrapper) t.wrapper.output = `item ${e.index}`;
        break;
      case 'node.retrying':
        if (t.wrapper)
          t.wrapper.output = `↻ attempt ${e.attempt + 1} in ${formatDuration(e.delayMs)}: ${e.error.code} ${e.error.message}`;
        break;
      case 'node.log':
        t.lastLog = `${e.level === 'info' ? '' : `${e.level}: `}${e.message}`;
        if (t.wrapper) t.wrapper.output = t.lastLog;
        break;
      case 'node.succeeded':
        t.started.resolve();
        t.finished.resolve({ kind: 'succeeded', durationMs: e.durationMs, attempts: e.attempts });
        break;
      case 'node.failed':
        t.started.resolve();
        t.finished.resolve({ kind: 'failed', error: e.error, handled: e.handled, attempts: e.attempts });
        break;
      case 'node.skipped':
        t.started.resolve();
        t.finished.resolve({ kind: 'skipped', reason: e.reason });
        break;
      case 'node.cancelled':
        t.started.resolve();
        t.finished.resolve({ kind: 'cancelled' });
        break;
      default:
        break;
    }
  }

  /** Settles every task still open (the run ended or failed early) and waits for listr2 to draw its last frame. */
  async finish(): Promise<void> {
    this.#settleAll();
    await this.#done;
  }

  async close(): Promise<void> {
    await this.finish();
  }

  #settleAll(): void {
    for (const t of this.#tasks.values()) {
      t.started.resolve();
      t.finished.resolve({ kind: 'cancelled' });
    }
  }

  #start(plan: RunPlan): void {
    const c = this.#c;
    plan.nodes.forEach((id, i) => {
      this.#tasks.set(id, { id, type: plan.types[i] ?? '?', started: deferred(), finished: deferred() });
    });
    const listr = new Listr<unknown, 'default', 'simple'>(
      [...this.#tasks.values()].map((t) => ({
        title: `${t.id} ${c.dim(`(${t.type}) waiting`)}`,
        task: async (_ctx, listrTask) => {
          const wrapper: TaskHandle = listrTask;
          t.wrapper = wrapper;
          await t.started.promise;
          wrapper.title = `${t.id} ${c.dim(`(${t.type})`)}`;
          const end = await t.finished.promise;
          switch (end.kind) {
            case 'succeeded':
              wrapper.title =
                `${t.id} ${c.dim(formatDuration(end.durationMs) + retries(end.attempts))}` +
                (t.lastLog ? ` ${c.dim('·')} ${t.lastLog}` : '');
              return;
            case 'failed':
              throw new Error(
                `${end.error.code} ${end.error.message}${retries(end.attempts)}` +
                  (end.handled ? ' (handled by onError, run continues)' : ''),
              );
            case 'skipped':
              wrapper.skip(`${t.id} skipped (${end.reason})`);
              return;
            case 'cancelled':
              wrapper.skip(`${t.id} cancelled`);
              return;
          }
        },
      })),
      {
        concurrent: true,
        exitOnError: false,
        // SIGINT belongs to the run command (it aborts the run and waits for final events).
        registerSignalListeners: false,
        rendererOptions: { collapseErrors: false, collapseSkips: true, showErrorMessage: true },
      },
    );
    this.#done = listr.run().then(
      () => undefined,
      () => undefined,
    );
  }
}

function retries(attempts: number): string {
  return attempts > 1 ? ` after ${attempts} attempts` : '';
}

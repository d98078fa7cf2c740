/**
 * The local event log: one JSON event per line in `.thaiyyal/runs/<runId>.jsonl`.
 * Lines are batched and written between event-loop turns (and synchronously on close),
 * so a crash loses at most the events of one turn and never leaves a half-written line
 * except the very last.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { EventSink, RunEvent } from '../engine/events.js';
import { EventEncoder } from './event-encoder.js';

/** Directory holding run logs under a project root. */
export function runsDir(root: string): string {
  return join(root, '.thaiyyal', 'runs');
}

/** Opens `<root>/.thaiyyal/runs/<runId>.jsonl` for appending and returns a sink writing to it. */
export function createFileSink(root: string, runId: string): EventSink & { path: string } {
  const dir = runsDir(root);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${runId}.jsonl`);
  const fd = openSync(path, 'a');
  const encoder = new EventEncoder((bytes) => {
    // writeSync may write less than asked (a signal, a full pipe): go on until all is written.
    for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
  });
  let scheduled = false;
  let closed = false;
  const flush = () => {
    scheduled = false;
    if (!closed) encoder.flush();
  };
  return {
    path,
    write(event: RunEvent) {
      if (closed) return;
      encoder.encode(event);
      if (!scheduled && encoder.pending > 0) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    close() {
      flush();
      if (!closed) {
        closed = true;
        closeSync(fd);
      }
      return Promise.resolve();
    },
  };
}

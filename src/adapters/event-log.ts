/**
 * The local event log: one JSON event per line in `.thaiyyal/runs/<runId>.jsonl`.
 * Lines are batched and written between event-loop turns (and synchronously on close),
 * so a crash loses at most the events of one turn and never leaves a half-written line
 * except the very last.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { EventSink, RunEvent } from '../engine/events.js';

/**
 * One event as a JSON line. The three events every node emits are written by hand — the
 * generic JSON.stringify of a small object costs several times more, and a 10,000-node run
 * writes 30,000 of them; the result is byte-for-byte what JSON.stringify gives (tested).
 */
export function serializeEvent(e: RunEvent): string {
  const head = `{"v":${e.v},"seq":${e.seq},"ts":${e.ts},"runId":${JSON.stringify(e.runId)},"type":"${e.type}"`;
  switch (e.type) {
    case 'node.scheduled':
      if (Object.keys(e).length === 6) return `${head},"nodeId":${JSON.stringify(e.nodeId)}}`;
      break;
    case 'node.started':
      if (Object.keys(e).length === 7)
        return `${head},"nodeId":${JSON.stringify(e.nodeId)},"attempt":${e.attempt}}`;
      break;
    case 'node.options':
      if (Object.keys(e).length === 8) {
        return `${head},"nodeId":${JSON.stringify(e.nodeId)},"attempt":${e.attempt},"options":${JSON.stringify(e.options)}}`;
      }
      break;
    case 'node.succeeded':
      if (Object.keys(e).length === 9 && e.output !== undefined) {
        return `${head},"nodeId":${JSON.stringify(e.nodeId)},"output":${JSON.stringify(e.output)},"attempts":${e.attempts},"durationMs":${e.durationMs}}`;
      }
      break;
    default:
      break;
  }
  return JSON.stringify(e);
}

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
  let buffer: string[] = [];
  let scheduled = false;
  let closed = false;
  const flush = () => {
    scheduled = false;
    if (buffer.length === 0 || closed) return;
    const text = buffer.join('');
    buffer = [];
    writeSync(fd, text);
  };
  return {
    path,
    write(event: RunEvent) {
      buffer.push(`${serializeEvent(event)}\n`);
      if (buffer.length >= 512) flush();
      else if (!scheduled) {
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

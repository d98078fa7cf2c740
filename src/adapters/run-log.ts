/**
 * Reading the local event log back (`.thaiyyal/runs/<runId>.jsonl`, written by
 * src/adapters/event-log.ts): list a project's logs, read one log tolerantly, and read just
 * the first and last events of a log so that listing 1,000 runs stays fast.
 *
 * Tolerant, not lenient: a last line cut short by a crash mid-write is dropped with a
 * warning; a log from a newer format version is refused (docs/event-log.md, Versioning).
 */
import {
  closeSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { constants as zlibConstants, gunzipSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { UserError } from '../core/errors.js';
import { upgradeEvent } from '../core/run-plan.js';
import type { RunEvent } from '../engine/events.js';
import { runsDir } from './event-log.js';

/** One log file of a project. */
export interface RunLogFile {
  /** The run id (the file name without `.jsonl` or `.jsonl.gz`). */
  runId: string;
  path: string;
  /** True for a gzipped log (`<runId>.jsonl.gz`, a finished run). */
  compressed: boolean;
}

/** The events of one log, with what was dropped on the way. */
export interface RunLog {
  events: RunEvent[];
  /** Human-readable notes, e.g. an incomplete last line that was dropped. */
  warnings: string[];
  /** Last modification time of the file, ms since the epoch. */
  mtimeMs: number;
}

/** The first and last complete events of a log, read without reading the whole file. */
export interface RunLogEnds {
  first?: RunEvent;
  last?: RunEvent;
  /** Last modification time of the file, ms since the epoch. */
  mtimeMs: number;
  /** True when the file does not end with a complete line (a crash mid-write). */
  truncated: boolean;
}

const RUN_FILE = /^([0-9A-HJKMNP-TV-Z]{26})\.jsonl(\.gz)?$/i;

/**
 * The run logs under a project root, newest first (run ids are ULIDs, so names sort by time).
 * An absent `.thaiyyal/runs` directory is simply no runs.
 */
export async function listRunLogs(root: string): Promise<RunLogFile[]> {
  const dir = runsDir(root);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const byId = new Map<string, RunLogFile>();
  for (const n of names) {
    const m = RUN_FILE.exec(n);
    if (!m) continue;
    const compressed = m[2] !== undefined;
    // Both present: compression was interrupted before the plain file was removed; the gzip is whole.
    if (byId.get(m[1]!)?.compressed && !compressed) continue;
    byId.set(m[1]!, { runId: m[1]!, path: join(dir, n), compressed });
  }
  return [...byId.values()].sort((a, b) => (a.runId < b.runId ? 1 : a.runId > b.runId ? -1 : 0));
}

/** The bytes of a log, gunzipped when it is a `.gz` (a whole gzip file may hold several members). */
export function readRunLogBytes(path: string): Buffer {
  const raw = readFileSync(path);
  return path.endsWith('.gz') ? gunzipSync(raw) : raw;
}

/**
 * Gzips a finished run's log to `<path>.gz` and removes the plain file; returns the new path.
 * The last line goes into its own gzip member, so {@link readRunLogEnds} reads a compressed
 * log's last event without inflating the whole file (gunzip still gives the whole text).
 */
export function compressRunLog(path: string): string {
  if (path.endsWith('.gz')) return path;
  const text = readFileSync(path);
  let cut = text.length > 0 && text[text.length - 1] === 10 ? text.lastIndexOf(10, text.length - 2) : -1;
  cut = cut < 0 ? 0 : cut + 1;
  const body = gzipSync(text.subarray(0, cut));
  const last = gzipSync(text.subarray(cut));
  const out = `${path}.gz`;
  writeFileSync(`${out}.tmp`, Buffer.concat([body, last]));
  renameSync(`${out}.tmp`, out);
  unlinkSync(path);
  return out;
}

/** Deletes a run's log (`runs prune`). */
export function deleteRunLog(path: string): void {
  unlinkSync(path);
}

/** Thrown for a log whose format version this thaiyyal does not know. */
function newerVersion(path: string, v: number, maxVersion: number): UserError {
  return new UserError(
    'run-log-version',
    `${path} was written by a newer thaiyyal (event log format v${v}; this version reads up to v${maxVersion})`,
    { suggestions: ['upgrade thaiyyal to read this run'] },
  );
}

/** Parses one line into an event; `undefined` when it is not a JSON event object. */
function parseLine(line: string): RunEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const e = value as Partial<RunEvent>;
  if (typeof e.v !== 'number' || typeof e.type !== 'string') return undefined;
  return upgradeEvent(value as RunEvent);
}

/** Parses one line and checks its version; throws on a newer version. */
function checkedEvent(path: string, line: string, maxVersion: number): RunEvent | undefined {
  const e = parseLine(line);
  if (e && e.v > maxVersion) throw newerVersion(path, e.v, maxVersion);
  return e;
}

/**
 * Reads a whole log. Every complete line must be an event; a last line that is incomplete or
 * not JSON (the writer crashed mid-write) is dropped with a warning. A malformed line before
 * the last one means the file is damaged: a {@link UserError}. So is an event with a `v`
 * newer than `maxVersion` (the reader's `EVENT_LOG_VERSION`): refused, never guessed at.
 */
export async function readRunLog(path: string, maxVersion: number): Promise<RunLog> {
  const text = path.endsWith('.gz') ? readRunLogBytes(path).toString('utf8') : await readFile(path, 'utf8');
  const { mtimeMs } = await stat(path);
  const lines = text.split('\n');
  const complete = text.endsWith('\n');
  // With a trailing newline the last element is ''; without one it is a partial line.
  const tail = lines.pop() ?? '';
  const events: RunEvent[] = [];
  const warnings: string[] = [];
  if (!complete && tail !== '') lines.push(tail);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const isLast = i === lines.length - 1;
    if (line === '' && !isLast) continue;
    const e = checkedEvent(path, line, maxVersion);
    if (e) {
      if (isLast && !complete) {
        // Parsed, but the newline never made it: the event is whole, keep it.
        warnings.push(`${path}: the last line has no final newline (the run was interrupted while writing)`);
      }
      events.push(e);
      continue;
    }
    if (isLast) {
      warnings.push(
        `${path}: dropped an incomplete last line (line ${i + 1}); the run was interrupted while writing its log`,
      );
      continue;
    }
    throw new UserError('run-log-corrupt', `${path}:${i + 1}: not a valid event; the log is damaged`);
  }
  return { events, warnings, mtimeMs };
}

const CHUNK = 64 * 1024;

/**
 * Reads only the first and the last complete events of a log (a few KB per file, whatever
 * the run's size). Throws {@link UserError} when an event read is newer than `maxVersion`.
 */
export function readRunLogEnds(path: string, maxVersion: number): RunLogEnds {
  if (path.endsWith('.gz')) return readGzEnds(path, maxVersion);
  const fd = openSync(path, 'r');
  try {
    const { size, mtimeMs } = statSync(path);
    const ends: RunLogEnds = { mtimeMs, truncated: false };
    if (size === 0) return ends;

    // First line: read forward until a newline.
    let head = Buffer.alloc(0);
    let pos = 0;
    let nl = -1;
    while (pos < size && nl < 0) {
      const buf = Buffer.alloc(Math.min(CHUNK, size - pos));
      const n = readSync(fd, buf, 0, buf.length, pos);
      if (n === 0) break;
      const start = head.length;
      head = Buffer.concat([head, buf.subarray(0, n)]);
      pos += n;
      const found = head.indexOf(10, start);
      if (found >= 0) nl = found;
    }
    if (nl < 0) {
      // One line and no newline: the writer died inside the first event.
      ends.truncated = true;
      const only = checkedEvent(path, head.toString('utf8'), maxVersion);
      if (only) ends.first = ends.last = only;
      return ends;
    }
    const firstEvent = checkedEvent(path, head.subarray(0, nl).toString('utf8'), maxVersion);
    if (firstEvent) ends.first = firstEvent;

    // Last complete line: read backward until the chunk holds one whole line.
    let tail = Buffer.alloc(0);
    let end = size;
    for (;;) {
      const startAt = Math.max(0, end - CHUNK);
      const buf = Buffer.alloc(end - startAt);
      readSync(fd, buf, 0, buf.length, startAt);
      tail = Buffer.concat([buf, tail]);
      end = startAt;
      const lastNl = tail.lastIndexOf(10);
      if (lastNl >= 0) {
        const prevNl = lastNl === 0 ? -1 : tail.lastIndexOf(10, lastNl - 1);
        if (prevNl >= 0 || end === 0) {
          ends.truncated = lastNl !== tail.length - 1;
          const lastEvent = checkedEvent(
            path,
            tail.subarray(prevNl + 1, lastNl).toString('utf8'),
            maxVersion,
          );
          if (lastEvent) ends.last = lastEvent;
          if (ends.truncated) {
            // A whole event may sit after the last newline (only its newline was lost).
            const partial = checkedEvent(path, tail.subarray(lastNl + 1).toString('utf8'), maxVersion);
            if (partial) ends.last = partial;
          }
          return ends;
        }
      }
      if (end === 0) return ends;
    }
  } finally {
    closeSync(fd);
  }
}

/** {@link readRunLogEnds} of a gzipped log: the head inflated partially, the last member alone. */
function readGzEnds(path: string, maxVersion: number): RunLogEnds {
  const raw = readFileSync(path);
  const { mtimeMs } = statSync(path);
  const ends: RunLogEnds = { mtimeMs, truncated: false };
  if (raw.length === 0) return ends;
  const head = gunzipSync(raw.subarray(0, CHUNK), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  const nl = head.indexOf(10);
  if (nl >= 0) {
    const first = checkedEvent(path, head.subarray(0, nl).toString('utf8'), maxVersion);
    if (first) ends.first = first;
  }
  // The last line is its own gzip member (compressRunLog): find the member start from the end.
  const from = Math.max(0, raw.length - CHUNK);
  for (
    let at = raw.lastIndexOf(GZIP_MAGIC, raw.length - 1);
    at >= from;
    at = raw.lastIndexOf(GZIP_MAGIC, at - 1)
  ) {
    let text: string;
    try {
      text = gunzipSync(raw.subarray(at)).toString('utf8');
    } catch {
      if (at === 0) break;
      continue;
    }
    const lines = text.split('\n').filter((l) => l !== '');
    const last = lines.length > 0 ? checkedEvent(path, lines[lines.length - 1]!, maxVersion) : undefined;
    if (last) {
      ends.last = last;
      return ends;
    }
    if (at === 0) break;
  }
  // Not written by compressRunLog: inflate it all.
  const lines = readRunLogBytes(path)
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '');
  const last = lines.length > 0 ? checkedEvent(path, lines[lines.length - 1]!, maxVersion) : undefined;
  if (last) ends.last = last;
  return ends;
}

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b, 0x08]);

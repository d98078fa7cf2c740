/**
 * Run logs in tests: finished runs are gzipped by default (`runs.compress`), so tests that read
 * a log's text, or damage it on purpose, go through these.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** The text of a run log, plain (`.jsonl`) or gzipped (`.jsonl.gz`). */
export function logText(path: string): string {
  const bytes = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** Turns a gzipped log back into the plain `.jsonl` a run in progress has; returns its path. */
export function plainLog(path: string): string {
  if (!path.endsWith('.gz')) return path;
  const plain = path.slice(0, -'.gz'.length);
  writeFileSync(plain, logText(path));
  rmSync(path);
  return plain;
}

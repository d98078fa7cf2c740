/**
 * Terminal styling for the face. Colour only when the stream is a TTY and the user did not
 * opt out (`NO_COLOR`, `TERM=dumb`), so CI logs and pipes stay plain text.
 */
import { styleText } from 'node:util';

type Format = Parameters<typeof styleText>[0];

/** A writable stream as far as styling cares. */
export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/** True when `stream` should receive ANSI colours. */
export function useColor(stream: OutStream): boolean {
  if (process.env['NO_COLOR'] !== undefined && process.env['NO_COLOR'] !== '') return false;
  if (process.env['FORCE_COLOR'] !== undefined && process.env['FORCE_COLOR'] !== '0') return true;
  return stream.isTTY === true && process.env['TERM'] !== 'dumb';
}

/** A small palette bound to one stream: each function returns its input unchanged when colour is off. */
export interface Palette {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

/**
 * Returns the palette for a stream.
 * @example const c = palette(process.stderr); process.stderr.write(c.red('✗') + ' failed\n')
 */
export function palette(stream: OutStream): Palette {
  const on = useColor(stream);
  const f = (format: Format) => (s: string) => (on ? styleText(format, s) : s);
  return {
    red: f('red'),
    green: f('green'),
    yellow: f('yellow'),
    cyan: f('cyan'),
    dim: f('dim'),
    bold: f('bold'),
  };
}

/**
 * Human-readable duration: `850ms`, `1.2s`, `2m 05s`.
 * @example formatDuration(1234) // '1.2s'
 */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return `${m}m ${String(s).padStart(2, '0')}s`;
}

/** Default cap, in characters, for values printed in human output. */
export const MAX_PRINTED_CHARS = 4000;

/**
 * Pretty JSON, cut at `max` characters with a note saying how much was left out
 * (the full value is always in `--json` output and in the event log).
 */
export function prettyJson(value: unknown, max = MAX_PRINTED_CHARS): string {
  const text = JSON.stringify(value, null, 2) ?? 'undefined';
  if (text.length <= max) return text;
  return `${text.slice(0, max)}\n… (${text.length - max} more characters; use --json for the full value)`;
}

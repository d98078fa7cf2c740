/**
 * Helpers for rules that build fixes: positions ↔ offsets and whole-line edits, so that
 * fixes are text edits on the source (comments and layout survive).
 */
import type { Position, Range } from '../diagnostics.js';
import type { JsonPath } from '../parse/source-map.js';
import type { RuleContext, TextEdit } from './types.js';

/** 0-based offsets of the start of each line. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** Offset of a 1-based line:col position. */
export function offsetOf(starts: readonly number[], text: string, p: Position): number {
  const line = Math.min(Math.max(p.line, 1), starts.length);
  return Math.min(starts[line - 1]! + p.col - 1, text.length);
}

/** An edit that deletes whole lines `from`..`to` (1-based, inclusive, with their line breaks). */
export function deleteLines(from: number, to: number): TextEdit {
  return { range: { start: { line: from, col: 1 }, end: { line: to + 1, col: 1 } }, text: '' };
}

/** An edit that inserts `text` (ending with a newline) before line `line`. */
export function insertBeforeLine(line: number, text: string): TextEdit {
  const at = { line, col: 1 };
  return { range: { start: at, end: at }, text };
}

/** The indentation (leading spaces) of a line. */
export function indentOf(line: string): string {
  return /^ */.exec(line)![0];
}

/**
 * The last line (1-based) of the YAML block that starts at `line` with indentation `indent`:
 * following lines indented deeper (or blank/comment lines inside) belong to it.
 */
export function blockEnd(lines: readonly string[], line: number, indent: number): number {
  let end = line;
  for (let i = line; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.trim() === '' || l.trimStart().startsWith('#')) continue;
    if (indentOf(l).length <= indent) break;
    end = i + 1;
  }
  return end;
}

/** An edit that deletes the YAML entry starting at `line` (1-based) with the block nested under it. */
export function deleteEntry(lines: readonly string[], line: number): TextEdit {
  return deleteLines(line, blockEnd(lines, line, indentOf(lines[line - 1] ?? '').length));
}

/**
 * The line (1-based) of the `key:` entry of node `id` when both are block-style (`id:` ends
 * its line, `key:` starts its own); undefined otherwise (flow maps `{…}` get no line edits).
 */
export function nodeEntryLine(
  ctx: Pick<RuleContext, 'lines' | 'map'>,
  id: string,
  key: string,
): number | undefined {
  const nodeLine = ctx.lines[ctx.map.keyRangeOf(['nodes', id]).start.line - 1] ?? '';
  if (!/:\s*(#.*)?$/.test(nodeLine)) return undefined;
  const keyLine = ctx.map.keyRangeOf(['nodes', id, key]).start.line;
  const line = ctx.lines[keyLine - 1] ?? '';
  return line.trimStart().startsWith(`${key}:`) ? keyLine : undefined;
}

/**
 * The offset in the source text of `value[start]`, when `value.slice(start, start + length)`
 * (the string value at `path`) is written verbatim in the source; undefined otherwise (escapes,
 * folded scalars…), in which case a fix must not be offered.
 */
export function exactOffset(
  ctx: Pick<RuleContext, 'map' | 'text'>,
  path: JsonPath,
  value: string,
  start: number,
  length: number,
): number | undefined {
  const r = ctx.map.rangeInString(path, start, length);
  const starts = lineStarts(ctx.text);
  const from = offsetOf(starts, ctx.text, r.start);
  const to = offsetOf(starts, ctx.text, r.end);
  const want = value.slice(start, start + length);
  return want.length > 0 && ctx.text.slice(from, to) === want ? from : undefined;
}

/** Applies non-overlapping edits to `text` (later edits first, so offsets stay valid). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const spans = edits
    .map((e) => ({
      from: offsetOf(starts, text, e.range.start),
      to: offsetOf(starts, text, e.range.end),
      text: e.text,
    }))
    .sort((a, b) => b.from - a.from || b.to - a.to);
  let out = text;
  let limit = Infinity;
  for (const s of spans) {
    if (s.to > limit) continue; // overlaps an edit already applied: skip (the next --fix pass gets it)
    out = out.slice(0, s.from) + s.text + out.slice(s.to);
    limit = s.from;
  }
  return out;
}

/** True when two ranges overlap. */
export function overlaps(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) =>
    x.line < y.line || (x.line === y.line && x.col < y.col);
  return before(a.start, b.end) && before(b.start, a.end);
}

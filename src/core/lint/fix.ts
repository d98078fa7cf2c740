/**
 * `--fix` as a pure loop: apply every non-overlapping fix the findings offer, lint the new
 * text again and repeat until nothing changes (fixes that overlapped get their turn in the
 * next pass), with a convergence guard. Edits are on the text, so comments and layout stay.
 */
import type { NodeCatalog } from '../parse/node-catalog.js';
import { lintText, type LintFinding, type LintOptions } from './lint.js';
import { applyEdits, overlaps } from './source-edits.js';
import type { Fix, TextEdit } from './types.js';

/** Passes before giving up on a text that keeps changing (fixes that undo each other). */
export const MAX_FIX_PASSES = 10;

export interface FixResult {
  /** The fixed text (equal to the input when nothing was fixable). */
  output: string;
  /** Findings of the fixed text. */
  findings: LintFinding[];
  /** Findings fixed (counted per pass). */
  fixed: number;
  passes: number;
}

/**
 * Lints and fixes one file's text.
 * @example fixText(text, 'a.yaml', nodeTypes).output // text with `timeout: 30s` added where missing
 */
export function fixText(
  text: string,
  file: string,
  nodeTypes: NodeCatalog,
  opts: LintOptions = {},
): FixResult {
  let output = text;
  let findings = lintText(output, file, nodeTypes, opts);
  let fixed = 0;
  let passes = 0;
  while (passes < MAX_FIX_PASSES) {
    const chosen = pickFixes(findings.flatMap((f) => (f.fix && f.fix.edits.length > 0 ? [f.fix] : [])));
    if (chosen.length === 0) break;
    const next = applyEdits(
      output,
      chosen.flatMap((f) => f.edits),
    );
    passes++;
    if (next === output) break;
    fixed += chosen.length;
    output = next;
    findings = lintText(output, file, nodeTypes, opts);
  }
  return { output, findings, fixed, passes };
}

const samePlace = (a: TextEdit, b: TextEdit) =>
  a.range.start.line === b.range.start.line && a.range.start.col === b.range.start.col;

/**
 * Whole fixes whose edits overlap no edit of a fix already chosen (in source order), so a
 * fix is applied entirely or not at all; the rest wait for the next pass.
 */
export function pickFixes(fixes: readonly Fix[]): Fix[] {
  const startOf = (f: Fix) =>
    f.edits.reduce((m, e) => Math.min(m, e.range.start.line * 1e6 + e.range.start.col), Infinity);
  const chosen: Fix[] = [];
  const taken: TextEdit[] = [];
  for (const fix of [...fixes].sort((a, b) => startOf(a) - startOf(b))) {
    const clash = fix.edits.some((e) => taken.some((t) => overlaps(e.range, t.range) || samePlace(e, t)));
    if (clash) continue;
    chosen.push(fix);
    taken.push(...fix.edits);
  }
  return chosen;
}

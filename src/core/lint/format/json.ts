/**
 * `json`: an array with one entry per file, `{file, findings, fixed?, diff?}`; each finding
 * is the diagnostic (`code`, `ruleId`, `severity`, `message`, `file`, `range`) with its
 * `fix` (`description`, `edits`) when it offers one. One JSON document, nothing else.
 */
import type { Formatter } from './types.js';

/** @example JSON.parse(json(results, ctx))[0].findings[0].ruleId // 'missing-timeout' */
export const json: Formatter = (results) => {
  const doc = results.map((r) => ({
    file: r.file,
    findings: r.findings,
    ...(r.fixed ? { fixed: r.fixed } : {}),
    ...(r.diff !== undefined ? { diff: r.diff } : {}),
  }));
  return `${JSON.stringify(doc, null, 2)}\n`;
};

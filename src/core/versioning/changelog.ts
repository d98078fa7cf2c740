/**
 * CHANGELOG.md entries written by `thaiyyal release`: one `## <workflow>` section per workflow (sections in name
 * order), newest version first inside it, each change with its level and reason. Pure text in, text out.
 */
import type { Classification, Level } from './classify.js';
import type { Change } from './diff.js';

const TITLE = '# Changelog';
const INTRO =
  'Written by `thaiyyal release`: versions are derived from each workflow’s contract (docs/versioning.md).';

/** A short human description of a change: `input env: required false → true`. */
export function describeChange(c: Change): string {
  const what = `${c.area === 'workflow' ? 'workflow' : c.area} ${c.subject}`;
  const v = (x: unknown) => (x === undefined ? '∅' : JSON.stringify(x));
  switch (c.kind) {
    case 'added':
      return `${what} added`;
    case 'removed':
      return `${what} removed`;
    case 'renamed':
      return `${c.area} ${String(c.before)} renamed to ${String(c.after)}`;
    case 'changed':
      return c.field && c.field !== 'value' && c.path !== c.subject
        ? `${what}: ${c.field} ${v(c.before)} → ${v(c.after)}`
        : `${what}: ${v(c.before)} → ${v(c.after)}`;
  }
}

const HEADINGS: Record<Level, string> = {
  major: 'Breaking',
  minor: 'Added',
  patch: 'Internal',
};

/** The markdown of one release entry (a `### version — date` block). */
export function changelogEntry(opts: {
  version: string;
  /** `YYYY-MM-DD`. */
  date: string;
  classification: Classification;
  /** Path of the workflow file. */
  file: string;
  first?: boolean;
}): string {
  const lines = [`### ${opts.version} — ${opts.date}`, ''];
  if (opts.first) lines.push(`First release of \`${opts.file}\`.`, '');
  for (const level of ['major', 'minor', 'patch'] as const) {
    const items = opts.classification.changes.filter((c) => c.level === level);
    if (items.length === 0) continue;
    lines.push(`#### ${HEADINGS[level]}`, '');
    for (const c of items)
      lines.push(`- ${describeChange(c.change).replace(/\n/g, ' ')} — ${c.reason} (\`${c.change.path}\`)`);
    lines.push('');
  }
  return lines.join('\n');
}

/** Inserts `entry` at the top of the `## <workflow>` section of `existing` (creating the file or section). */
export function insertChangelogEntry(existing: string | undefined, workflow: string, entry: string): string {
  const text = existing && existing.trim() ? existing : `${TITLE}\n\n${INTRO}\n`;
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const heading = `## ${workflow}`;
  const at = lines.findIndex((l) => l.trimEnd() === heading);
  const body = entry.trimEnd().split('\n');
  if (at >= 0) {
    let i = at + 1;
    while (i < lines.length && lines[i]!.trim() === '') i++;
    lines.splice(at + 1, i - at - 1, '', ...body, '');
    return normalizeEnd(lines.join('\n'));
  }
  // New section, in name order among the existing `## ` sections.
  const sections = lines.map((l, i) => [l, i] as const).filter(([l]) => /^## \S/.test(l));
  const next = sections.find(([l]) => l.slice(3).trim() > workflow);
  const block = [heading, '', ...body, ''];
  if (next) lines.splice(next[1], 0, ...block);
  else {
    while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
    lines.push('', ...block);
  }
  return normalizeEnd(lines.join('\n'));
}

function normalizeEnd(s: string): string {
  return s.replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

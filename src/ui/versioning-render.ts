/**
 * Text output of the versioning commands (diff, release, versions, version check, rollback). Grouped, coloured on a
 * TTY, and readable without colour: levels are words (`major`), marks are plain characters.
 */
import type { DiffResult, DiffSide } from '../app/diff.js';
import type { ReleaseResult } from '../app/release.js';
import type { RollbackResult } from '../app/rollback.js';
import type { VersionCheckResult } from '../app/version-check.js';
import type { VersionInfo } from '../app/versions.js';
import { describeChange } from '../core/versioning/changelog.js';
import type { Bump, ClassifiedChange, Level } from '../core/versioning/classify.js';
import { palette, type OutStream, type Palette } from './style.js';

const TITLES: Record<Level, string> = {
  major: 'Breaking (major)',
  minor: 'Additive (minor)',
  patch: 'Internal (patch)',
};

function levelColor(c: Palette, level: Bump): (s: string) => string {
  return level === 'major' ? c.red : level === 'minor' ? c.yellow : level === 'patch' ? c.cyan : c.dim;
}

function sideLabel(s: DiffSide): string {
  if (s.kind === 'version') return `${s.workflow}@${s.version} (${s.file})`;
  if (s.kind === 'ref') return `${s.file}@${s.ref}`;
  return s.file;
}

/** Changes grouped by level, most severe first. */
export function renderChanges(changes: ClassifiedChange[], c: Palette, indent = ''): string[] {
  const lines: string[] = [];
  for (const level of ['major', 'minor', 'patch'] as const) {
    const items = changes.filter((x) => x.level === level);
    if (items.length === 0) continue;
    lines.push(`${indent}${levelColor(c, level)(TITLES[level])}`);
    for (const x of items) {
      lines.push(
        `${indent}  ${mark(x)} ${describeChange(x.change)}  ${c.dim(`${x.change.path} · ${x.reason}`)}`,
      );
    }
  }
  return lines;
}

function mark(x: ClassifiedChange): string {
  return x.change.kind === 'added'
    ? '+'
    : x.change.kind === 'removed'
      ? '-'
      : x.change.kind === 'renamed'
        ? '→'
        : '~';
}

export function renderDiff(r: DiffResult, out: OutStream): string {
  const c = palette(out);
  const lines = [`${c.bold(sideLabel(r.a))} → ${c.bold(sideLabel(r.b))}`];
  if (r.changes.length === 0) lines.push('no semantic changes (bump: none)');
  else {
    lines.push(
      `bump: ${levelColor(c, r.bump)(r.bump)} (${r.changes.length} change${r.changes.length === 1 ? '' : 's'})`,
      '',
    );
    lines.push(...renderChanges(r.changes, c));
  }
  if (r.impact) {
    const i = r.impact;
    lines.push('', c.bold(`Impact on callers of ${i.workflow}`));
    if (i.callers.length === 0) lines.push('  no workflow in the working tree calls it as a sub-workflow');
    for (const caller of i.callers) {
      const ok = caller.problems.length === 0;
      lines.push(
        `  ${ok ? c.green('✓') : c.red('✗')} ${caller.workflow} (${caller.file}, node ${caller.node})${ok ? ': still fits' : ''}`,
      );
      for (const p of caller.problems) lines.push(`      ${p.message}`);
    }
    const rp = i.runs.replay;
    if (rp.verified === 'pending')
      lines.push(`  recorded runs: ${i.runs.recorded}; not replayed: ${rp.note ?? ''}`);
    else if (i.runs.recorded === 0) lines.push('  recorded runs: none');
    else {
      lines.push(
        `  recorded runs: ${i.runs.recorded}; replayed on the new version: ${rp.checked}, identical: ${rp.identical}${rp.note ? ` (${rp.note})` : ''}`,
      );
      for (const d of rp.diverged) lines.push(`  ${c.red('✗')} run ${d.runId}: ${d.message}`);
      for (const f of rp.failed)
        lines.push(`  ${c.yellow('?')} run ${f.runId}: not replayable: ${f.message}`);
    }
  }
  return lines.join('\n') + '\n';
}

export function renderRelease(r: ReleaseResult, out: OutStream): string {
  const c = palette(out);
  const lines: string[] = [];
  if (r.releases.length === 0) lines.push('nothing to release');
  for (const x of r.releases) {
    const from = x.first ? 'first release' : `${x.bump} from ${x.previous}`;
    lines.push(
      `${r.dryRun ? 'would tag' : c.green('tagged')} ${c.bold(x.tag)}  ${c.dim(`${from} · ${x.file}`)}`,
    );
    lines.push(...renderChanges(x.changes, c, '  '));
  }
  for (const s of r.skipped) lines.push(`${c.dim('skipped')} ${s.workflow}: ${s.reason}`);
  if (r.commit)
    lines.push(
      '',
      `commit ${r.commit.slice(0, 12)}${r.signed ? ' (signed)' : ''}; push with: git push --follow-tags`,
    );
  if (r.dryRun && r.releases.length) lines.push('', 'dry run: nothing was written, committed or tagged');
  return lines.join('\n') + '\n';
}

export function renderVersions(workflow: string, versions: VersionInfo[], out: OutStream): string {
  const c = palette(out);
  if (versions.length === 0)
    return `${workflow} has no versions yet; create one with: thaiyyal release ${workflow}\n`;
  const w = Math.max(...versions.map((v) => v.version.length));
  const lines = versions.map(
    (v) =>
      `${c.bold(v.version.padEnd(w))}  ${v.date.slice(0, 10)}  ${v.commit.slice(0, 12)}  ${c.dim(
        [v.file, v.prerelease ? 'pre-release' : '', v.annotated ? '' : 'lightweight tag']
          .filter(Boolean)
          .join(' · '),
      )}`,
  );
  return lines.join('\n') + '\n';
}

export function renderVersionCheck(r: VersionCheckResult, out: OutStream): string {
  const c = palette(out);
  const lines: string[] = [];
  if (r.workflows.length === 0) lines.push('no workflows found');
  for (const w of r.workflows) {
    lines.push(`${w.ok ? c.green('✓') : c.red('✗')} ${c.bold(w.workflow)} ${c.dim(w.file)}: ${w.message}`);
    if (!w.ok) lines.push(...renderChanges(w.changes, c, '    '));
  }
  lines.push('', r.ok ? 'versions reflect the changes' : c.red('some versions do not reflect their changes'));
  return lines.join('\n') + '\n';
}

export function renderRollback(r: RollbackResult, out: OutStream): string {
  const c = palette(out);
  if (!r.changed) return `${r.file} already has the content of ${r.tag}; nothing to do\n`;
  const lines = [`${c.green('restored')} ${r.file} to ${c.bold(r.tag)} in commit ${r.commit!.slice(0, 12)}`];
  if (r.next) lines.push(`the next release makes it ${r.next} (${r.bump}): thaiyyal release ${r.workflow}`);
  return lines.join('\n') + '\n';
}

/**
 * `thaiyyal release [WORKFLOW…]`: for each workflow, diff its committed file (HEAD) against its last tag, derive the
 * version from the classified changes, write CHANGELOG.md entries (and the file's `version:` when it has one),
 * commit, and create annotated tags `<workflow>@<x.y.z>`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import semver from 'semver';
import { UserError } from '../core/errors.js';
import { changelogEntry, insertChangelogEntry } from '../core/versioning/changelog.js';
import { classifyDiff, type Bump, type ClassifiedChange } from '../core/versioning/classify.js';
import { diffWorkflows } from '../core/versioning/diff.js';
import {
  bumpBetween,
  checkReflected,
  FIRST_VERSION,
  nextVersion,
  tagName,
} from '../core/versioning/versions.js';
import type { GitRepo } from '../adapters/git.js';
import {
  discoverWorkflows,
  FILE_TRAILER,
  listSeries,
  loadVersion,
  openRepo,
  pickWorkflow,
  refuseShallow,
  seriesHeads,
  type FoundWorkflow,
} from './versions.js';

export const CHANGELOG = 'CHANGELOG.md';

export interface ReleaseOptions {
  cwd: string;
  /** Workflow names; all workflows of the repository when empty. */
  workflows?: string[];
  dryRun?: boolean;
  /** Pre-release id (`rc` → `2.0.0-rc.0`). */
  pre?: string;
  sign?: boolean;
  /** Clock for the CHANGELOG date (tests). */
  now?: Date;
}

export interface PlannedRelease {
  workflow: string;
  file: string;
  /** The previous version (latest tag), if any. */
  previous?: string;
  version: string;
  tag: string;
  bump: Bump;
  first: boolean;
  changes: ClassifiedChange[];
  /** True when the file's `version:` field is rewritten to the new version. */
  versionFieldUpdated: boolean;
}

export interface ReleaseResult {
  dryRun: boolean;
  releases: PlannedRelease[];
  skipped: Array<{ workflow: string; reason: string }>;
  /** The release commit, when one was made. */
  commit?: string;
  signed: boolean;
  warnings: string[];
}

/** Analyses what to release and, unless `dryRun`, does it. UserError (exit 2) on bad input or git state. */
export async function release(opts: ReleaseOptions): Promise<ReleaseResult> {
  if (opts.pre !== undefined && !/^[0-9A-Za-z-]+$/.test(opts.pre)) {
    throw new UserError('invalid-pre', `--pre ${opts.pre}: use letters, digits and - (e.g. rc, beta)`);
  }
  const repo = await openRepo(opts.cwd);
  if (!(await repo.hasCommits())) {
    throw new UserError('no-commits', 'the repository has no commits yet', {
      suggestions: ['commit your workflow files, then release'],
    });
  }
  await refuseShallow(repo, 'release');
  const { workflows: found, warnings } = await discoverWorkflows(repo, { ref: 'HEAD' });
  const explicit = !!opts.workflows?.length;
  let names = explicit ? [...new Set(opts.workflows)] : [...new Set(found.map((w) => w.name))].sort();
  if (names.length === 0) {
    throw new UserError('no-workflows', 'no workflow files are committed in this repository', {
      suggestions: ['commit a workflow (`thaiyyal init` scaffolds one), then release'],
    });
  }
  const skipped: ReleaseResult['skipped'] = [];
  if (!explicit) {
    // Releasing everything: a name held by several files cannot be versioned; say so, release the others.
    names = names.filter((n) => {
      const files = found.filter((w) => w.name === n).map((w) => w.file);
      if (files.length < 2) return true;
      const reason = `${files.length} files are named "${n}" (${files.join(', ')}); give each its own name`;
      skipped.push({ workflow: n, reason });
      warnings.push(`${n} not released: ${reason}`);
      return false;
    });
  }
  const targets = names.map((n) => pickWorkflow(found, n, 'HEAD'));

  // Uncommitted edits to what we release would be left out of the tag, or clobbered: refuse.
  const dirty = await repo.dirty([...targets.map((t) => t.file), CHANGELOG]);
  if (dirty.length && !opts.dryRun) {
    throw new UserError('dirty-tree', `uncommitted changes in ${dirty.join(', ')}`, {
      suggestions: ['commit or discard them first: a release tags what is committed'],
    });
  }
  if (dirty.length) warnings.push(`uncommitted changes in ${dirty.join(', ')} are not part of this release`);

  const releases: PlannedRelease[] = [];
  for (const t of targets) {
    const plan = await planOne(repo, t, opts.pre, warnings);
    if ('reason' in plan) skipped.push(plan);
    else releases.push(plan);
  }
  const result: ReleaseResult = { dryRun: !!opts.dryRun, releases, skipped, signed: !!opts.sign, warnings };
  if (opts.dryRun || releases.length === 0) return result;
  if (opts.sign) await repo.checkSigning();
  result.commit = await apply(repo, releases, targets, opts);
  return result;
}

async function planOne(
  repo: GitRepo,
  t: FoundWorkflow,
  pre: string | undefined,
  warnings: string[],
): Promise<PlannedRelease | { workflow: string; reason: string }> {
  const series = await listSeries(repo, t.name);
  warnings.push(...series.warnings);
  const { latest, stable } = seriesHeads(series);
  const declared = t.workflow.version;
  if (!latest) {
    const version = pre ? `${declared ?? FIRST_VERSION}-${pre}.0` : (declared ?? FIRST_VERSION);
    return {
      workflow: t.name,
      file: t.file,
      version,
      tag: tagName(t.name, version),
      bump: 'major',
      first: true,
      changes: [],
      versionFieldUpdated: declared !== undefined && declared !== version,
    };
  }
  const latestWf = await loadVersion(repo, t.name, latest);
  const sinceLatest = classifyDiff(diffWorkflows(latestWf.workflow, t.workflow));
  const stableWf = stable
    ? stable === latest
      ? latestWf
      : await loadVersion(repo, t.name, stable)
    : undefined;
  const sinceStable = stableWf ? classifyDiff(diffWorkflows(stableWf.workflow, t.workflow)) : sinceLatest;
  const changed = sinceLatest.changes.length > 0;
  if (!changed && (latest.prerelease === false || pre)) {
    return { workflow: t.name, reason: `no changes since ${latest.tag}` };
  }
  const bump: Bump = stable ? sinceStable.bump : 'major';
  let version = nextVersion({
    stable: stable?.version,
    latest: latest.version,
    bump: changed ? bump : 'none',
    ...(pre ? { pre } : {}),
  });
  if (!version) return { workflow: t.name, reason: `no changes since ${latest.tag}` };
  // A declared version above the computed one that reflects the changes is the author's choice: keep it.
  if (declared && semver.gt(declared, version)) {
    const r = checkReflected({ declared, stable: stable?.version, latest: latest.version, bump, changed });
    if (r.ok) version = declared;
  }
  if (series.versions.some((v) => v.version === version)) {
    throw new UserError('tag-exists', `tag ${tagName(t.name, version)} already exists`, {
      suggestions: ['fetch tags (`git fetch --tags`) or release a higher version'],
    });
  }
  return {
    workflow: t.name,
    file: t.file,
    previous: latest.version,
    version,
    tag: tagName(t.name, version),
    bump: stable ? bumpBetween(stable.version, version) : bump,
    first: false,
    changes: (stableWf && !pre ? sinceStable : sinceLatest).changes,
    versionFieldUpdated: declared !== undefined && declared !== version,
  };
}

/** Rewrites the top-level `version:` line of a workflow file, keeping everything else as written. */
export function setVersionField(text: string, version: string): string {
  return text.replace(
    /^version:[ \t]*[^\n#]*?([ \t]*#.*)?$/m,
    (_m, comment: string | undefined) => `version: ${version}${comment ?? ''}`,
  );
}

async function apply(
  repo: GitRepo,
  releases: PlannedRelease[],
  targets: FoundWorkflow[],
  opts: ReleaseOptions,
): Promise<string> {
  const date = (opts.now ?? new Date()).toISOString().slice(0, 10);
  const changelogPath = join(repo.root, CHANGELOG);
  let changelog = await readFile(changelogPath, 'utf8').catch(() => undefined);
  const paths = [CHANGELOG];
  for (const r of releases) {
    const entry = changelogEntry({
      version: r.version,
      date,
      classification: { bump: r.bump, changes: r.changes },
      file: r.file,
      first: r.first,
    });
    changelog = insertChangelogEntry(changelog, r.workflow, entry);
    if (r.versionFieldUpdated) {
      const t = targets.find((x) => x.name === r.workflow)!;
      await writeFile(join(repo.root, r.file), setVersionField(t.text, r.version));
      paths.push(r.file);
    }
  }
  await writeFile(changelogPath, changelog!);
  const subject = `release: ${releases.map((r) => r.tag).join(', ')}`;
  const body = releases.map(
    (r) => `- ${r.tag} (${r.first ? 'first release' : `${r.bump} from ${r.previous}`})`,
  );
  const commit = await repo.commit(paths, [subject, '', ...body].join('\n'), { sign: !!opts.sign });
  for (const r of releases) {
    const lines = [
      `${r.workflow} ${r.version}${r.first ? ' (first release)' : ` (${r.bump}, from ${r.previous})`}`,
      '',
      ...r.changes.map((c) => `- ${c.level}: ${c.change.path} ${c.change.kind} — ${c.reason}`),
      ...(r.changes.length ? [''] : []),
      `${FILE_TRAILER}: ${r.file}`,
    ];
    await repo.tag(r.tag, lines.join('\n'), { sign: !!opts.sign });
  }
  return commit;
}

/**
 * Commands that take a list of workflow names parse leniently (any number of names), so an unknown flag would arrive
 * as a name: refuse it as the usage error it is.
 */
export function refuseFlagLike(names: string[], command: string): void {
  const bad = names.find((n) => n.startsWith('-'));
  if (bad !== undefined) {
    throw new UserError('invalid-flags', `unknown flag ${bad}`, {
      suggestions: [`see thaiyyal ${command} --help`],
    });
  }
}

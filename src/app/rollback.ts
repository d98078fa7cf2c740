/**
 * `thaiyyal rollback WORKFLOW@x.y.z`: restores the workflow's file as it was at that tag, in a new commit (history
 * is never rewritten). The restored file goes where the workflow lives now (or where it lived at the tag, if it was
 * deleted since). When the file declares `version:`, it is set to the version the next release will make, so
 * `thaiyyal version check` stays green and `thaiyyal release` then tags the rollback as a new version.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UserError } from '../core/errors.js';
import { classifyDiff, type Bump } from '../core/versioning/classify.js';
import { diffWorkflows } from '../core/versioning/diff.js';
import { nextVersion } from '../core/versioning/versions.js';
import { setVersionField } from './release.js';
import {
  discoverWorkflows,
  loadVersion,
  openRepo,
  parseOrThrow,
  resolveVersion,
  seriesHeads,
  splitVersionSpec,
} from './versions.js';

export interface RollbackResult {
  workflow: string;
  /** The version restored. */
  version: string;
  tag: string;
  file: string;
  /** False when the file already had that version's content (nothing committed). */
  changed: boolean;
  commit?: string;
  /** The bump the next release will make for this rollback (relative to the latest stable tag). */
  bump: Bump;
  next?: string;
}

export async function rollback(opts: { cwd: string; spec: string }): Promise<RollbackResult> {
  const v = splitVersionSpec(opts.spec);
  if (!v) {
    throw new UserError('invalid-spec', `"${opts.spec}" is not WORKFLOW@VERSION`, {
      suggestions: ['e.g. thaiyyal rollback hello@1.2.0 (see `thaiyyal versions hello`)'],
    });
  }
  const repo = await openRepo(opts.cwd);
  if (!(await repo.hasCommits())) throw new UserError('no-commits', 'the repository has no commits yet');
  const { series, version } = await resolveVersion(repo, v.name, v.selector);
  const old = await loadVersion(repo, v.name, version);
  // Where the workflow lives now (by name); else where it lived at the tag.
  const { workflows } = await discoverWorkflows(repo, 'worktree');
  const now = workflows.filter((w) => w.name === v.name);
  if (now.length > 1) {
    throw new UserError(
      'ambiguous-workflow',
      `several files are named "${v.name}": ${now.map((w) => w.file).join(', ')}`,
    );
  }
  const file = now[0]?.file ?? old.file;
  const dirty = await repo.dirty([file]);
  if (dirty.length) {
    throw new UserError('dirty-tree', `${file} has uncommitted changes; rollback would overwrite them`, {
      suggestions: [`commit or discard them first (git diff -- ${file})`],
    });
  }
  let text = old.text;
  const { latest, stable } = seriesHeads(series);
  let bump: Bump = 'none';
  let next: string | undefined;
  if (latest && latest.version !== version.version) {
    const latestWf = await loadVersion(repo, v.name, latest);
    const base =
      stable && stable !== latest ? (await loadVersion(repo, v.name, stable)).workflow : latestWf.workflow;
    bump = classifyDiff(diffWorkflows(base, old.workflow)).bump;
    next = nextVersion({ stable: stable?.version, latest: latest.version, bump });
    if (old.workflow.version !== undefined && next) text = setVersionField(text, next);
  }
  parseOrThrow(text, `${file} (restored from ${version.tag})`);
  const current = now[0]?.text;
  if (current === text) {
    return {
      workflow: v.name,
      version: version.version,
      tag: version.tag,
      file,
      changed: false,
      bump,
      ...(next ? { next } : {}),
    };
  }
  await mkdir(dirname(join(repo.root, file)), { recursive: true });
  await writeFile(join(repo.root, file), text);
  const message = [
    `rollback: ${v.name} to ${version.version}`,
    '',
    `Restores ${file} as tagged ${version.tag} (commit ${version.commit.slice(0, 12)}).`,
    ...(next ? [`The next release makes it ${next} (${bump}).`] : []),
  ].join('\n');
  const commit = await repo.commit([file], message);
  return {
    workflow: v.name,
    version: version.version,
    tag: version.tag,
    file,
    changed: true,
    commit,
    bump,
    ...(next ? { next } : {}),
  };
}

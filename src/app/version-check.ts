/**
 * `thaiyyal version check`: does each workflow's declared version (`version:` in the file) reflect its changes since
 * its last tag? The rules are in `checkReflected` (src/core/versioning/versions.ts) and docs/versioning.md.
 * Reads the working tree (in CI: the checked-out pull request), so it also works before anything is committed.
 */
import { classifyDiff, type Bump, type ClassifiedChange } from '../core/versioning/classify.js';
import { diffWorkflows } from '../core/versioning/diff.js';
import { checkReflected } from '../core/versioning/versions.js';
import {
  discoverWorkflows,
  listSeries,
  loadVersion,
  openRepo,
  pickWorkflow,
  refuseShallow,
  seriesHeads,
} from './versions.js';

export interface WorkflowCheck {
  workflow: string;
  file: string;
  ok: boolean;
  /** The version the file declares, if any. */
  declared?: string;
  /** The latest tag's version, if any. */
  latest?: string;
  /** Bump the changes since the last stable version need (`none` when unchanged since the latest tag). */
  bump: Bump;
  /** What the next release would make (undefined when nothing is to release). */
  next?: string;
  message: string;
  changes: ClassifiedChange[];
}

export interface VersionCheckResult {
  ok: boolean;
  workflows: WorkflowCheck[];
  warnings: string[];
}

export async function versionCheck(opts: { cwd: string; workflows?: string[] }): Promise<VersionCheckResult> {
  const repo = await openRepo(opts.cwd);
  await refuseShallow(repo, 'version check');
  const { workflows: found, warnings } = await discoverWorkflows(repo, 'worktree');
  const selected = opts.workflows?.length
    ? opts.workflows.map((n) => pickWorkflow(found, n))
    : [...found].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const checks: WorkflowCheck[] = [];
  for (const w of selected) {
    const series = await listSeries(repo, w.name);
    warnings.push(...series.warnings);
    const { latest, stable } = seriesHeads(series);
    const declared = w.workflow.version;
    let changes: ClassifiedChange[] = [];
    let bump: Bump = 'major';
    let changed = true;
    if (latest) {
      const latestWf = await loadVersion(repo, w.name, latest);
      const sinceLatest = classifyDiff(diffWorkflows(latestWf.workflow, w.workflow));
      changed = sinceLatest.changes.length > 0;
      const stableWf = stable && stable !== latest ? await loadVersion(repo, w.name, stable) : latestWf;
      const sinceStable = stable ? classifyDiff(diffWorkflows(stableWf.workflow, w.workflow)) : sinceLatest;
      bump = changed ? (stable ? sinceStable.bump : 'major') : 'none';
      changes = sinceStable.changes;
    }
    const r = checkReflected({
      declared,
      stable: stable?.version,
      latest: latest?.version,
      bump,
      changed,
    });
    checks.push({
      workflow: w.name,
      file: w.file,
      ok: r.ok,
      ...(declared ? { declared } : {}),
      ...(latest ? { latest: latest.version } : {}),
      bump: latest ? bump : 'none',
      ...(r.next ? { next: r.next } : {}),
      message: r.message,
      changes,
    });
  }
  return { ok: checks.every((c) => c.ok), workflows: checks, warnings };
}

/**
 * `thaiyyal diff A B`: the semantic diff of two workflow versions, each given as a file in the working tree
 * (`wf.yaml`), a file at a git ref (`wf.yaml@main`, `wf.yaml@HEAD~1`), a tagged version (`hello@1.2.0`,
 * `hello@^1`, `hello@latest`) or a workflow name (its file in the working tree).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../core/errors.js';
import { classifyDiff, type Bump, type ClassifiedChange } from '../core/versioning/classify.js';
import { diffWorkflows, type WorkflowDiff } from '../core/versioning/diff.js';
import type { Workflow } from '../core/workflow.js';
import type { GitRepo } from '../adapters/git.js';
import {
  discoverWorkflows,
  loadVersion,
  openRepo,
  parseOrThrow,
  pickWorkflow,
  repoPath,
  resolveVersion,
  splitVersionSpec,
} from './versions.js';
import { impactOf, type Impact } from './impact.js';

/** One side of a diff, as resolved. */
export interface DiffSide {
  /** As given on the command line. */
  spec: string;
  /** How it was read: a working-tree file, a file at a ref, or a tagged version. */
  kind: 'file' | 'ref' | 'version';
  /** The workflow's `name:`. */
  workflow: string;
  /** The file (relative to the repository root when in a repository). */
  file: string;
  ref?: string;
  version?: string;
  commit?: string;
}

export interface DiffResult {
  a: DiffSide;
  b: DiffSide;
  bump: Bump;
  changes: ClassifiedChange[];
  renamed: WorkflowDiff['renamed'];
  /** With `impact`: callers of the new version and past runs. */
  impact?: Impact;
  warnings: string[];
}

export interface DiffOptions {
  cwd: string;
  a: string;
  b: string;
  impact?: boolean;
}

/** Diffs two workflow versions. UserError (exit 2) when a side cannot be read or is not a valid workflow. */
export async function diffSpecs(opts: DiffOptions): Promise<DiffResult> {
  let repo: GitRepo | undefined;
  const getRepo = async () => (repo ??= await openRepo(opts.cwd));
  const warnings: string[] = [];
  const a = await resolveSide(opts.a, opts.cwd, getRepo, warnings);
  const b = await resolveSide(opts.b, opts.cwd, getRepo, warnings);
  const diff = diffWorkflows(a.workflow, b.workflow);
  const c = classifyDiff(diff);
  const result: DiffResult = {
    a: a.side,
    b: b.side,
    bump: c.bump,
    changes: c.changes,
    renamed: diff.renamed,
    warnings,
  };
  if (opts.impact)
    result.impact = await impactOf({
      cwd: opts.cwd,
      workflow: b.side.workflow,
      before: a.workflow,
      after: b.workflow,
      ...(b.diskFile ? { afterFile: b.diskFile } : {}),
    });
  return result;
}

async function resolveSide(
  spec: string,
  cwd: string,
  getRepo: () => Promise<GitRepo>,
  warnings: string[],
): Promise<{
  side: DiffSide;
  workflow: Workflow;
  /** Absolute path, for a working-tree file. */ diskFile?: string;
}> {
  // A file in the working tree wins: `a@b.yaml` could be a file name.
  if (existsSync(resolve(cwd, spec))) {
    const { loadWorkflow } = await import('./load.js');
    const loaded = await loadWorkflow(resolve(cwd, spec));
    if (!loaded.workflow) {
      throw new UserError('invalid-workflow', `${spec} is not a valid workflow`, {
        diagnostics: loaded.diagnostics,
      });
    }
    return {
      side: { spec, kind: 'file', workflow: loaded.workflow.name, file: spec },
      workflow: loaded.workflow,
      diskFile: resolve(cwd, spec),
    };
  }
  const v = splitVersionSpec(spec);
  if (v) {
    const repo = await getRepo();
    const { version, series } = await resolveVersion(repo, v.name, v.selector);
    warnings.push(...series.warnings);
    const found = await loadVersion(repo, v.name, version);
    return {
      side: {
        spec,
        kind: 'version',
        workflow: found.name,
        file: found.file,
        version: version.version,
        ref: version.tag,
        commit: version.commit,
      },
      workflow: found.workflow,
    };
  }
  const at = spec.lastIndexOf('@');
  if (at > 0) {
    const path = spec.slice(0, at);
    const ref = spec.slice(at + 1);
    const repo = await getRepo();
    const commit = await repo.resolveCommit(ref);
    if (!commit) {
      throw new UserError(
        'unknown-ref',
        `${ref} is not a commit, branch or tag in this repository (from "${spec}")`,
        {
          suggestions: [
            'use PATH@REF (e.g. wf.yaml@HEAD~1), WORKFLOW@VERSION (e.g. hello@1.2.0) or a file path',
          ],
        },
      );
    }
    const file = repoPath(repo, cwd, path);
    const text = await repo.readFile(commit, file);
    if (text === undefined) {
      throw new UserError('no-such-file', `${file} does not exist at ${ref}`, {
        suggestions: [`list the files there with \`git ls-tree -r --name-only ${ref}\``],
      });
    }
    const workflow = parseOrThrow(text, `${file}@${ref}`);
    return { side: { spec, kind: 'ref', workflow: workflow.name, file, ref, commit }, workflow };
  }
  // A workflow name: its file in the working tree.
  if (/^[a-z0-9][a-z0-9-]*$/.test(spec)) {
    const repo = await getRepo();
    const found = await discoverWorkflows(repo, 'worktree');
    const w = pickWorkflow(found.workflows, spec);
    return {
      side: { spec, kind: 'file', workflow: w.name, file: w.file },
      workflow: w.workflow,
      diskFile: join(repo.root, w.file),
    };
  }
  throw new UserError('no-such-file', `${spec}: no such file`, {
    suggestions: ['give a file, PATH@REF (wf.yaml@main), WORKFLOW@VERSION (hello@1.2.0) or a workflow name'],
  });
}

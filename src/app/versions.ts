/**
 * Workflows in git: finding them at a ref or in the working tree, their tagged versions (`<name>@<x.y.z>`),
 * reading a tagged version from git objects, and resolving `WORKFLOW@VERSION` for `diff`, `run` and `rollback`.
 * Shared by the versioning app functions (diff, release, version check, rollback, impact).
 */
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { FILE_START, hasErrors, type Diagnostic } from '../core/diagnostics.js';
import { UserError } from '../core/errors.js';
import { parseWorkflow } from '../core/validate.js';
import {
  isVersionSelector,
  latestStable,
  parseTag,
  pickVersion,
  sortVersionsDesc,
  tagName,
} from '../core/versioning/versions.js';
import type { Workflow } from '../core/workflow.js';
import { openRepo, type GitRepo } from '../adapters/git.js';
import type { SourceText } from '../adapters/load-workflow.js';
import { nodeTypes } from '../nodes/registry.js';

export { openRepo, type GitRepo };

/** The trailer of a release tag's message that records the workflow's file. */
export const FILE_TRAILER = 'Thaiyyal-File';

/** Where workflow text comes from: a commit, or the working tree. */
export type Where = { ref: string } | 'worktree';

/** A workflow found in the repository. */
export interface FoundWorkflow {
  name: string;
  /** Path relative to the repository root, `/`-separated. */
  file: string;
  workflow: Workflow;
  text: string;
}

/** One tagged version of a workflow. */
export interface VersionInfo {
  version: string;
  tag: string;
  /** Commit the tag points at. */
  commit: string;
  /** ISO date of the tag (tagger date; commit date for a lightweight tag). */
  date: string;
  /** The workflow's file at that tag, when known. */
  file?: string;
  annotated: boolean;
  prerelease: boolean;
}

export interface Series {
  workflow: string;
  /** Newest first (semver order). */
  versions: VersionInfo[];
  /** Tags like `name@1.2` that are not semver: ignored. */
  warnings: string[];
}

const WORKFLOW_HINT = /^kind:\s*['"]?Workflow['"]?\s*$/m;

function isYaml(p: string): boolean {
  return /\.ya?ml$/i.test(p);
}

/** Reads a file from the working tree (`worktree`) or a commit, relative to the repository root. */
export async function readAt(repo: GitRepo, where: Where, file: string): Promise<string | undefined> {
  if (where === 'worktree') {
    const { readSourceFile } = await import('../adapters/load-workflow.js');
    const src = await readSourceFile(join(repo.root, file));
    return 'text' in src ? src.text : undefined;
  }
  return repo.readFile(where.ref, file);
}

/** A label for messages: `workflows/a.yaml` or `workflows/a.yaml@v1`. */
export function labelOf(file: string, where: Where, refLabel?: string): string {
  return where === 'worktree' ? file : `${file}@${refLabel ?? where.ref}`;
}

/** Parses workflow text; throws UserError `invalid-workflow` with the diagnostics when it is not valid. */
export function parseOrThrow(text: string, label: string): Workflow {
  const r = parseWorkflow(text, label, nodeTypes);
  if (!r.workflow || hasErrors(r.diagnostics)) {
    throw new UserError('invalid-workflow', `${label} is not a valid workflow`, {
      diagnostics: r.diagnostics,
    });
  }
  return r.workflow;
}

/** Parses workflow text, or returns undefined (with the diagnostics) when it is not a valid workflow. */
function tryParse(text: string, label: string): { workflow?: Workflow; diagnostics: Diagnostic[] } {
  const r = parseWorkflow(text, label, nodeTypes);
  return !r.workflow || hasErrors(r.diagnostics)
    ? { diagnostics: r.diagnostics }
    : { workflow: r.workflow, diagnostics: [] };
}

/**
 * Every valid workflow file at `where` (YAML files whose text has `kind: Workflow`). Invalid ones are skipped with
 * a warning; two files with the same `name:` are both kept (callers refuse the ambiguity when it matters).
 */
export async function discoverWorkflows(
  repo: GitRepo,
  where: Where,
): Promise<{ workflows: FoundWorkflow[]; warnings: string[] }> {
  const files = (where === 'worktree' ? await repo.listWorkingFiles() : await repo.listFiles(where.ref))
    .filter(isYaml)
    .filter((f) => !f.split('/').some((part) => part === 'node_modules' || part === '.thaiyyal'))
    .sort();
  const workflows: FoundWorkflow[] = [];
  const warnings: string[] = [];
  for (const file of files) {
    const text = await readAt(repo, where, file);
    if (text === undefined || !WORKFLOW_HINT.test(text)) continue;
    const label = labelOf(file, where);
    const r = tryParse(text, label);
    if (r.workflow) workflows.push({ name: r.workflow.name, file, workflow: r.workflow, text });
    else warnings.push(`${label} is not a valid workflow; skipped (run \`thaiyyal validate ${file}\`)`);
  }
  return { workflows, warnings };
}

/** The one workflow named `name` among `found`; UserError when there is none or several. */
export function pickWorkflow(
  found: FoundWorkflow[],
  name: string,
  where = 'the working tree',
): FoundWorkflow {
  const hits = found.filter((w) => w.name === name);
  if (hits.length === 1) return hits[0]!;
  if (hits.length > 1) {
    throw new UserError(
      'ambiguous-workflow',
      `${hits.length} files in ${where} are named "${name}": ${hits.map((h) => h.file).join(', ')}`,
      { suggestions: ['a workflow is identified by its `name:`; give each file its own name'] },
    );
  }
  const names = [...new Set(found.map((w) => w.name))].sort();
  const suggestions = names.length ? [`workflows here: ${names.join(', ')}`] : ['no workflow files found'];
  if (where === 'HEAD') suggestions.push('release looks at committed files: commit a new workflow first');
  throw new UserError('unknown-workflow', `no workflow named "${name}" in ${where}`, { suggestions });
}

/** The tagged versions of `name`, newest first. Tags `name@…` that are not semver are ignored with a warning. */
export async function listSeries(repo: GitRepo, name: string): Promise<Series> {
  const tags = await repo.tags(`${name}@`);
  const versions: VersionInfo[] = [];
  const warnings: string[] = [];
  for (const t of tags) {
    const p = parseTag(t.name);
    if (!p || p.workflow !== name) continue;
    if ('invalid' in p) {
      warnings.push(`tag ${t.name} is not <workflow>@<semver> (e.g. ${name}@1.2.0); ignored`);
      continue;
    }
    const trailer = new RegExp(`^${FILE_TRAILER}:\\s*(.+)$`, 'm').exec(t.message);
    versions.push({
      version: p.version,
      tag: t.name,
      commit: t.commit,
      date: t.date,
      ...(trailer ? { file: trailer[1]!.trim() } : {}),
      annotated: t.annotated,
      prerelease: /-/.test(p.version),
    });
  }
  return { workflow: name, versions: sortVersionsDesc(versions), warnings };
}

/** Latest (any) and latest stable version of a series. */
export function seriesHeads(s: Series): { latest?: VersionInfo; stable?: VersionInfo } {
  const stableV = latestStable(s.versions.map((v) => v.version));
  const latest = s.versions[0];
  const stable = s.versions.find((v) => v.version === stableV);
  return { ...(latest ? { latest } : {}), ...(stable ? { stable } : {}) };
}

/** Throws the shallow-clone error when the repository is shallow (history and tags may be missing). */
export async function refuseShallow(repo: GitRepo, what: string): Promise<void> {
  if (await repo.isShallow()) {
    throw new UserError('shallow-clone', `this is a shallow clone: ${what} needs the full history and tags`, {
      suggestions: [
        'run `git fetch --unshallow --tags`',
        'in GitHub Actions: actions/checkout with `fetch-depth: 0`',
      ],
    });
  }
}

/** The workflow of a tagged version, read from git objects (file from the tag's trailer, else found by name). */
export async function loadVersion(repo: GitRepo, name: string, v: VersionInfo): Promise<FoundWorkflow> {
  const where = { ref: v.commit };
  if (v.file) {
    const text = await repo.readFile(v.commit, v.file);
    if (text !== undefined) {
      const workflow = parseOrThrow(text, `${v.file}@${v.tag}`);
      return { name: workflow.name, file: v.file, workflow, text };
    }
  }
  let found: FoundWorkflow[];
  try {
    found = (await discoverWorkflows(repo, where)).workflows;
  } catch {
    await refuseShallow(repo, `reading ${v.tag}`);
    throw new UserError(
      'git-read-failed',
      `cannot read the files of tag ${v.tag} (commit ${v.commit.slice(0, 12)})`,
    );
  }
  return pickWorkflow(found, name, `tag ${v.tag}`);
}

/** Resolves `name` + selector (`1.2.0`, `^1.2`, `latest`) to a tagged version; UserError when none matches. */
export async function resolveVersion(
  repo: GitRepo,
  name: string,
  selector: string,
): Promise<{ series: Series; version: VersionInfo }> {
  const series = await listSeries(repo, name);
  if (series.versions.length === 0) {
    await refuseShallow(repo, `finding the versions of ${name}`);
    throw new UserError('no-versions', `workflow "${name}" has no version tags (${name}@<x.y.z>)`, {
      suggestions: [`create one with \`thaiyyal release ${name}\``, 'fetch tags with `git fetch --tags`'],
    });
  }
  const picked = pickVersion(
    series.versions.map((v) => v.version),
    selector,
  );
  const version = series.versions.find((v) => v.version === picked);
  if (!version) {
    throw new UserError('no-matching-version', `no version of ${name} matches "${selector}"`, {
      suggestions: [`versions: ${series.versions.map((v) => v.version).join(', ')}`],
    });
  }
  return { series, version };
}

/** Splits `NAME@SELECTOR` when it has that shape (a workflow name and a version, range or `latest`). */
export function splitVersionSpec(spec: string): { name: string; selector: string } | undefined {
  const at = spec.indexOf('@');
  if (at <= 0) return undefined;
  const name = spec.slice(0, at);
  const selector = spec.slice(at + 1);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name) || !isVersionSelector(selector)) return undefined;
  return { name, selector };
}

/** What `runWorkflowFile` needs to run a tagged version: a virtual path and a reader of git objects. */
export interface VersionedSource {
  /** Absolute path of the workflow file as if checked out at the repository root. */
  file: string;
  /** Repository root (the run's project directory). */
  root: string;
  tag: string;
  version: string;
  commit: string;
  /** Reads any file of the tagged commit by absolute path (sub-workflows resolve at the same tag). */
  read(absPath: string): Promise<SourceText>;
  /** Label of a path in messages: `workflows/a.yaml@hello@1.2.0`. */
  label(absPath: string): string;
}

/**
 * Resolves `WORKFLOW@VERSION` (`hello@1.2.0`, `hello@^1.2`, `hello@latest`) for `thaiyyal run`: the workflow and
 * every file it refers to are read from the tag's commit, never from the working tree.
 */
export async function openVersioned(cwd: string, name: string, selector: string): Promise<VersionedSource> {
  const repo = await openRepo(cwd);
  const { version } = await resolveVersion(repo, name, selector);
  const found = await loadVersion(repo, name, version);
  const root = repo.root;
  const rel = (abs: string) => relative(root, abs).split(sep).join('/');
  return {
    file: join(root, found.file),
    root,
    tag: version.tag,
    version: version.version,
    commit: version.commit,
    label: (abs) => `${rel(abs)}@${version.tag}`,
    async read(abs) {
      const r = rel(abs);
      const label = `${r}@${version.tag}`;
      const fail = (message: string): SourceText => ({
        diagnostic: {
          code: 'io',
          severity: 'error',
          message,
          file: label,
          range: FILE_START,
        },
      });
      if (!isAbsolute(abs) || r.startsWith('..') || isAbsolute(r))
        return fail(`cannot read ${abs} at ${version.tag}: it is outside the repository`);
      const text = await repo.readFile(version.commit, r);
      return text === undefined ? fail(`cannot read ${label}: no such file at tag ${version.tag}`) : { text };
    },
  };
}

/** Repository-relative path of a user-given path (relative to `cwd`). */
export function repoPath(repo: GitRepo, cwd: string, p: string): string {
  const abs = resolve(cwd, p);
  const r = relative(repo.root, abs);
  if (r.startsWith('..') || isAbsolute(r))
    throw new UserError('outside-repo', `${p} is outside the git repository ${repo.root}`);
  return r.split(sep).join('/');
}

export { tagName };

/** `thaiyyal versions WORKFLOW`: the tagged versions of a workflow, newest first. */
export async function listVersions(opts: { cwd: string; workflow: string }): Promise<{
  workflow: string;
  versions: VersionInfo[];
  warnings: string[];
}> {
  const repo = await openRepo(opts.cwd);
  const series = await listSeries(repo, opts.workflow);
  if (series.versions.length === 0) {
    await refuseShallow(repo, `listing the versions of ${opts.workflow}`);
    // No tags: fine for a workflow that exists (not released yet); an unknown name is a mistake.
    const { workflows } = await discoverWorkflows(repo, 'worktree');
    if (!workflows.some((w) => w.name === opts.workflow)) pickWorkflow(workflows, opts.workflow);
  }
  return { workflow: opts.workflow, versions: series.versions, warnings: series.warnings };
}

/**
 * `thaiyyal run ARG`: when ARG is not an existing file but reads `WORKFLOW@VERSION`, the tagged version to run;
 * undefined otherwise (a plain file path).
 */
export async function openVersionedArg(cwd: string, arg: string): Promise<VersionedSource | undefined> {
  const { existsSync } = await import('node:fs');
  if (existsSync(resolve(cwd, arg))) return undefined;
  const v = splitVersionSpec(arg);
  return v ? openVersioned(cwd, v.name, v.selector) : undefined;
}

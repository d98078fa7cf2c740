/**
 * Plain git for governance: the forge-neutral `thaiyyal approvals check --git` (approvals as
 * `Approved-by:` trailers on signed commits) and file contents at a commit for `--pr` when
 * the commits are present locally. Runs the `git` binary (argv, no shell).
 */
import { spawn } from 'node:child_process';
import type { ChangedFile } from '../core/governance/assess.js';
import { UserError } from '../core/errors.js';

interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs git in `cwd`; never throws for a non-zero exit (the caller decides). */
export function runGit(cwd: string, args: readonly string[]): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e) =>
      reject(
        (e as NodeJS.ErrnoException).code === 'ENOENT'
          ? new UserError('git-missing', 'git is not installed or not on PATH')
          : e,
      ),
    );
    child.on('close', (code) =>
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

async function git(cwd: string, args: readonly string[], what: string): Promise<string> {
  const r = await runGit(cwd, args);
  if (r.code !== 0) {
    throw new UserError('git', `git ${args[0]} failed while ${what}: ${r.stderr.trim() || `exit ${r.code}`}`);
  }
  return r.stdout;
}

/** The repository's top-level directory, or a UserError when `cwd` is not in a git repository. */
export async function gitRoot(cwd: string): Promise<string> {
  const r = await runGit(cwd, ['rev-parse', '--show-toplevel']);
  if (r.code !== 0) {
    throw new UserError('not-a-git-repository', `${cwd} is not inside a git repository`, {
      suggestions: ['run in a clone of the repository, or use --pr with GitHub'],
    });
  }
  return r.stdout.trim();
}

/** The commit a ref names, or a UserError saying the ref is unknown (with a hint for shallow clones). */
export async function resolveCommit(cwd: string, ref: string, flag: string): Promise<string> {
  const r = await runGit(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (r.code === 0) return r.stdout.trim();
  const shallow = (await runGit(cwd, ['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true';
  throw new UserError(
    'unknown-ref',
    `${flag} ${ref}: no such commit in this repository${shallow ? ' (it is a shallow clone)' : ''}`,
    {
      suggestions: shallow
        ? ['fetch the full history (actions/checkout with fetch-depth: 0, or git fetch --unshallow)']
        : ['give a branch, tag or commit that exists (git log --oneline)'],
    },
  );
}

/** The default base: the first of origin/HEAD, origin/main, origin/master, main, master that exists. */
export async function defaultBase(cwd: string): Promise<string | undefined> {
  for (const ref of ['origin/HEAD', 'origin/main', 'origin/master', 'main', 'master']) {
    const r = await runGit(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    if (r.code === 0) return ref;
  }
  return undefined;
}

export async function mergeBase(cwd: string, a: string, b: string): Promise<string> {
  const r = await runGit(cwd, ['merge-base', a, b]);
  if (r.code !== 0) {
    throw new UserError('no-merge-base', `${a.slice(0, 12)} and ${b.slice(0, 12)} have no common ancestor`, {
      suggestions: ['fetch the full history (git fetch --unshallow), or pass --base'],
    });
  }
  return r.stdout.trim();
}

/** True when the commit exists locally. */
export async function hasCommit(cwd: string, sha: string): Promise<boolean> {
  return (await runGit(cwd, ['cat-file', '-e', `${sha}^{commit}`])).code === 0;
}

/** Files changed from `base` to `head` (renames detected). */
export async function changedFiles(cwd: string, base: string, head: string): Promise<ChangedFile[]> {
  const out = await git(cwd, ['diff', '--name-status', '-M', '-z', base, head], 'listing changed files');
  const parts = out.split('\0').filter((p) => p !== '');
  const files: ChangedFile[] = [];
  for (let i = 0; i < parts.length;) {
    const code = parts[i++]!;
    const kind = code[0];
    if (kind === 'R' || kind === 'C') {
      const previousPath = parts[i++]!;
      const path = parts[i++]!;
      files.push(kind === 'R' ? { path, status: 'renamed', previousPath } : { path, status: 'added' });
    } else {
      const path = parts[i++]!;
      files.push({ path, status: kind === 'A' ? 'added' : kind === 'D' ? 'removed' : 'modified' });
    }
  }
  return files;
}

/** A file's text at a commit, or undefined when it does not exist there. */
export async function fileAt(cwd: string, ref: string, path: string): Promise<string | undefined> {
  const r = await runGit(cwd, ['show', `${ref}:${path}`]);
  return r.code === 0 ? r.stdout : undefined;
}

/** One commit of the range, with what governance needs to know about it. */
export interface RangeCommit {
  sha: string;
  tree: string;
  /** True when the commit changes files (its tree differs from its first parent's). */
  changesContent: boolean;
  authorName: string;
  authorEmail: string;
  committerEmail: string;
  /** `%G?`: G good, B bad, U good/unknown validity, X/Y expired, R revoked, E cannot check, N none. */
  signature: string;
  /** `%GS`: the signer (a GPG user id, or the principal of an SSH allowed-signers entry). */
  signer: string;
  /** Values of its `Approved-by:` trailers. */
  approvedBy: string[];
}

const FS = '\x1f';
const RS = '\x1e';

/** The commits of `base..head`, oldest first. */
export async function rangeCommits(cwd: string, base: string, head: string): Promise<RangeCommit[]> {
  const format = [
    '%H',
    '%T',
    '%P',
    '%an',
    '%ae',
    '%ce',
    '%G?',
    '%GS',
    '%(trailers:key=Approved-by,valueonly,separator=%x1d)',
  ]
    .join('%x1f')
    .concat('%x1e');
  const out = await git(
    cwd,
    ['log', '--reverse', `--format=${format}`, `${base}..${head}`],
    'reading the commits',
  );
  const rows = out
    .split(RS)
    .map((r) => r.replace(/^\n/, ''))
    .filter((r) => r.trim() !== '');
  const parsed = rows.map((row) => {
    const [sha, tree, parents, authorName, authorEmail, committerEmail, signature, signer, trailers] =
      row.split(FS);
    return {
      sha: sha!,
      tree: tree!,
      parent: (parents ?? '').split(' ')[0] ?? '',
      authorName: authorName ?? '',
      authorEmail: authorEmail ?? '',
      committerEmail: committerEmail ?? '',
      signature: signature ?? 'N',
      signer: signer ?? '',
      approvedBy: (trailers ?? '')
        .split('\x1d')
        .map((t) => t.trim())
        .filter((t) => t !== ''),
    };
  });
  const parents = parsed.map((c) => c.parent).filter((p) => p !== '');
  const parentTrees = new Map<string, string>();
  if (parents.length > 0) {
    const trees = (await git(cwd, ['rev-parse', ...parents.map((p) => `${p}^{tree}`)], 'reading trees'))
      .trim()
      .split('\n');
    parents.forEach((p, i) => parentTrees.set(p, trees[i]!));
  }
  return parsed.map(({ parent, ...c }) => ({
    ...c,
    changesContent: parent === '' || parentTrees.get(parent) !== c.tree,
  }));
}

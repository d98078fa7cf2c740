/**
 * Git access for versioning (diff at a ref, tags, release commits, rollback) through simple-git. Files are read
 * from git objects (`git cat-file blob REF:path`), never by checking a ref out, so the working tree is untouched.
 * Paths given to and returned by this module are relative to the repository's top level, with `/` separators.
 */
import { simpleGit, type SimpleGit } from 'simple-git';
import { UserError } from '../core/errors.js';

/** One tag as listed by `git for-each-ref`. */
export interface GitTag {
  name: string;
  /** True for an annotated (or signed) tag, false for a lightweight one. */
  annotated: boolean;
  /** The commit the tag points at. */
  commit: string;
  /** ISO date: the tagger date of an annotated tag, else the commit date. */
  date: string;
  /** The annotation message (empty for a lightweight tag). */
  message: string;
}

export interface GitRepo {
  /** Absolute path of the repository's top level. */
  root: string;
  /** True when the clone is shallow (history and tags may be missing). */
  isShallow(): Promise<boolean>;
  /** Full commit id of `ref`, or undefined when it does not resolve to a commit. */
  resolveCommit(ref: string): Promise<string | undefined>;
  /** Text of `path` at `ref`, or undefined when the file does not exist there. */
  readFile(ref: string, path: string): Promise<string | undefined>;
  /** Paths of files at `ref` (all tracked files of its tree). */
  listFiles(ref: string): Promise<string[]>;
  /** Paths of files in the working tree: tracked plus untracked-not-ignored. */
  listWorkingFiles(): Promise<string[]>;
  /** Tags whose name starts with `prefix` (all tags without it). */
  tags(prefix?: string): Promise<GitTag[]>;
  /** Paths among `paths` with uncommitted changes (staged, unstaged or untracked). */
  dirty(paths: string[]): Promise<string[]>;
  /** Stages `paths` and commits exactly them (not other staged changes); returns the new commit id. */
  commit(paths: string[], message: string, opts?: { sign?: boolean }): Promise<string>;
  /** Creates an annotated tag on HEAD (`-s`: signed with git's configured key). */
  tag(name: string, message: string, opts?: { sign?: boolean }): Promise<void>;
  /** Checks that git can sign: a signing key is configured; throws a UserError saying how to set one up. */
  checkSigning(): Promise<void>;
  /** Whether HEAD has any commit yet. */
  hasCommits(): Promise<boolean>;
}

function gitMessage(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).trim();
}

/** Opens the repository containing `cwd`. Throws UserError `not-a-git-repo` (exit 2) outside one. */
export async function openRepo(cwd: string): Promise<GitRepo> {
  let root: string;
  try {
    root = (await simpleGit({ baseDir: cwd }).raw(['rev-parse', '--show-toplevel'])).trim();
  } catch (err) {
    const msg = gitMessage(err);
    if (/ENOENT|spawn git/i.test(msg))
      throw new UserError('git-missing', 'git is not installed or not on PATH; versioning needs git');
    throw new UserError('not-a-git-repo', `${cwd} is not inside a git repository`, {
      suggestions: ['versioning works on workflows committed to git: run `git init` and commit them first'],
    });
  }
  if (!root) throw new UserError('not-a-git-repo', `${cwd} is not inside a git work tree`);
  return makeRepo(simpleGit({ baseDir: root }), root);
}

function makeRepo(git: SimpleGit, root: string): GitRepo {
  const raw = (args: string[]) => git.raw(args);
  return {
    root,
    async isShallow() {
      return (await raw(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
    },
    async resolveCommit(ref) {
      try {
        return (await raw(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim() || undefined;
      } catch {
        return undefined;
      }
    },
    async readFile(ref, path) {
      // One process per file: git fails (stderr, so simple-git rejects) for a missing path or a directory.
      try {
        return await raw(['cat-file', 'blob', `${ref}:${path}`]);
      } catch {
        return undefined;
      }
    },
    async listFiles(ref) {
      const out = await raw(['ls-tree', '-r', '-z', '--name-only', ref]);
      return out.split('\0').filter(Boolean);
    },
    async listWorkingFiles() {
      const out = await raw(['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
      return [...new Set(out.split('\0').filter(Boolean))];
    },
    async tags(prefix) {
      const SEP = '\x1f';
      const END = '\x1e';
      const format = [
        '%(refname:short)',
        '%(objecttype)',
        '%(objectname)',
        '%(*objectname)',
        '%(creatordate:iso-strict)',
        '%(contents)',
      ].join(SEP);
      const args = ['for-each-ref', `--format=${format}${END}`];
      args.push(prefix ? `refs/tags/${prefix}*` : 'refs/tags');
      const out = await raw(args);
      const tags: GitTag[] = [];
      for (const rec of out.split(END)) {
        const line = rec.replace(/^\n/, '');
        if (!line) continue;
        const [name, type, obj, deref, date, ...rest] = line.split(SEP);
        if (!name) continue;
        const annotated = type === 'tag';
        tags.push({
          name,
          annotated,
          commit: (annotated ? deref : obj) ?? '',
          date: date ?? '',
          message: annotated ? rest.join(SEP).trim() : '',
        });
      }
      return tags;
    },
    async dirty(paths) {
      if (paths.length === 0) return [];
      const out = await raw(['status', '--porcelain', '-z', '--untracked-files=all', '--', ...paths]);
      const found = new Set<string>();
      const entries = out.split('\0').filter(Boolean);
      for (let i = 0; i < entries.length; i++) {
        const e = entries[i]!;
        found.add(e.slice(3));
        if (e[0] === 'R' || e[0] === 'C') i++; // the source path of a rename follows
      }
      return paths.filter((p) => found.has(p));
    },
    async commit(paths, message, opts = {}) {
      await raw(['add', '--', ...paths]);
      const args = ['commit', '--quiet', '-m', message];
      if (opts.sign) args.push('-S');
      args.push('--', ...paths);
      try {
        await raw(args);
      } catch (err) {
        throw new UserError('git-commit-failed', `git commit failed: ${gitMessage(err)}`, {
          suggestions: [
            'set your identity with `git config user.name` and `git config user.email` if git asks',
          ],
        });
      }
      return (await raw(['rev-parse', 'HEAD'])).trim();
    },
    async tag(name, message, opts = {}) {
      try {
        await raw(['tag', opts.sign ? '-s' : '-a', name, '-m', message]);
      } catch (err) {
        throw new UserError('git-tag-failed', `git tag ${name} failed: ${gitMessage(err)}`);
      }
    },
    async checkSigning() {
      const get = async (key: string) => {
        try {
          return (await raw(['config', '--get', key])).trim();
        } catch {
          return '';
        }
      };
      if (!(await get('user.signingkey'))) {
        throw new UserError('no-signing-key', '--sign needs a signing key, and git has none configured', {
          suggestions: [
            'GPG: git config user.signingkey <KEY-ID>',
            'SSH: git config gpg.format ssh && git config user.signingkey ~/.ssh/id_ed25519.pub',
            'or release without --sign',
          ],
        });
      }
    },
    async hasCommits() {
      // simple-git does not reject on a failing exit code with empty stderr: look at the output.
      try {
        return (await raw(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).trim() !== '';
      } catch {
        return false;
      }
    },
  };
}

/**
 * The I/O twin of `lintText`/`fixText` for `thaiyyal lint`: expands files, directories and
 * globs into workflow files (respecting `.gitignore` and the config's `lint.ignore`), reads
 * them concurrently, lints each (a file that cannot be read is a finding, not a crash),
 * writes fixes or computes their diffs, and returns the results. Rendering is the face's.
 */
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Severity } from '../core/diagnostics.js';
import { UserError } from '../core/errors.js';
import type { LintFileResult, LintSummary } from '../core/lint/format/types.js';
import { display, lintTargets, lintText1, type LintJob, type Target } from './lint-files.js';
import { formatBytes, MAX_SOURCE_BYTES } from '../core/parse/limits.js';
import { didYouMean } from '../core/parse/suggest.js';

/** What `thaiyyal lint` was asked to do. */
export interface LintRequest {
  /** Files, directories and globs; default `['.']`. */
  paths?: readonly string[];
  cwd: string;
  /** Write fixes to the files. */
  fix?: boolean;
  /** Compute the diff of the fixes without writing. */
  fixDryRun?: boolean;
  /** Lint this text instead of files (`--stdin`), labelled `filename` (default `<stdin>`). */
  stdin?: { text: string; filename?: string };
  /** Severity overrides on top of the config's `lint.rules` (`--rule id=severity`). */
  rules?: Readonly<Record<string, Severity | 'off'>>;
  /** Only errors (`--quiet`). */
  quiet?: boolean;
}

export interface LintRun {
  results: LintFileResult[];
  /** Files named explicitly but skipped by `lint.ignore`. */
  ignored: string[];
}

const YAML_EXT = /\.ya?ml$/i;
const CONFIG_FILE = /^thaiyyal\.config\.ya?ml$/i;
/**
 * Lints files, directories and globs (or stdin).
 * @example const {results} = await lintPaths({paths: ['workflows/'], cwd: process.cwd()})
 */
export async function lintPaths(req: LintRequest): Promise<LintRun> {
  const { loadProjectConfig } = await import('../adapters/load-config.js');
  const config = await loadProjectConfig(req.cwd);
  const rules = { ...config.lint.rules, ...req.rules };
  const isIgnored = await configIgnore(config.lint.ignore, config.root);
  const job: LintJob = {
    cwd: req.cwd,
    rules,
    ...(req.quiet ? { quiet: true } : {}),
    ...(req.fix ? { fix: true } : {}),
    ...(req.fixDryRun ? { fixDryRun: true } : {}),
  };

  if (req.stdin) {
    if (req.fix) {
      throw new UserError('usage', '--fix cannot write to stdin', {
        suggestions: ['use --fix-dry-run to see the diff of the fixes'],
      });
    }
    const file = req.stdin.filename ?? '<stdin>';
    if (req.stdin.filename && isIgnored(resolve(req.cwd, file))) return { results: [], ignored: [file] };
    return { results: [await lintText1(job, file, req.stdin.text)], ignored: [] };
  }

  const gitIgnored = gitIgnoreChecker(config.root);
  const { targets, ignored } = await expandLintPaths(req.paths?.length ? req.paths : ['.'], req.cwd, {
    isIgnored,
    gitIgnored,
  });
  const results = await lintTargets(targets, job);
  return {
    results: results
      .filter((r): r is LintFileResult => r !== undefined)
      .sort((a, b) => a.file.localeCompare(b.file)),
    ignored: ignored.map((f) => display(f, req.cwd)),
  };
}

/**
 * Expands paths: existing files are kept as given; directories are walked for `*.yaml`/
 * `*.yml` (skipping `node_modules`, dot-directories, `thaiyyal.config.yaml` and what
 * `.gitignore` ignores); anything else is a glob. `lint.ignore` applies to all of them.
 * A missing path or a glob that matches nothing is a usage error.
 */
export async function expandLintPaths(
  paths: readonly string[],
  cwd: string,
  filters: {
    isIgnored: (abs: string) => boolean;
    gitIgnored: (abs: string, dir: boolean) => Promise<boolean>;
  },
): Promise<{ targets: Target[]; ignored: string[] }> {
  const targets = new Map<string, Target>();
  const ignored: string[] = [];
  const add = (abs: string, found: boolean) => {
    if (filters.isIgnored(abs)) {
      if (!found) ignored.push(abs);
      return;
    }
    if (!targets.has(abs)) targets.set(abs, { abs, found });
  };
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    await Promise.all(
      entries.map(async (e) => {
        if (e.name.startsWith('.') || e.name === 'node_modules') return;
        const full = join(dir, e.name);
        if (e.isDirectory()) {
          if (!filters.isIgnored(full) && !(await filters.gitIgnored(full, true))) await walk(full);
        } else if (e.isFile() && YAML_EXT.test(e.name) && !CONFIG_FILE.test(e.name)) {
          if (!(await filters.gitIgnored(full, false))) add(full, true);
        }
      }),
    );
  };
  for (const p of paths) {
    const abs = resolve(cwd, p);
    const st = await stat(abs).catch(() => undefined);
    if (st?.isDirectory()) await walk(abs);
    else if (st) add(abs, false);
    else {
      const { glob, isDynamicPattern } = await import('tinyglobby');
      if (!isDynamicPattern(p)) {
        throw new UserError('path-not-found', `${p}: no such file or directory`, {
          suggestions: [
            'give workflow files, directories or globs, e.g. `thaiyyal lint workflows/` or `"**/*.yaml"`',
          ],
        });
      }
      const matches = await glob([p], {
        cwd,
        absolute: true,
        onlyFiles: true,
        dot: false,
        ignore: ['**/node_modules/**'],
      });
      const yaml = matches
        .map((m) => resolve(m))
        .filter((m) => YAML_EXT.test(m) && !CONFIG_FILE.test(m.split(/[/\\]/).pop()!));
      if (yaml.length === 0) {
        throw new UserError('no-match', `${p}: no *.yaml or *.yml files match this glob`, {
          suggestions: [
            'quote globs so the shell does not expand them, e.g. `thaiyyal lint "workflows/**/*.yaml"`',
          ],
        });
      }
      for (const m of yaml) if (!(await filters.gitIgnored(m, false))) add(m, true);
    }
  }
  return { targets: [...targets.values()].sort((a, b) => a.abs.localeCompare(b.abs)), ignored };
}

/** A matcher for the config's `lint.ignore` globs, relative to the project root. */
async function configIgnore(globs: readonly string[], root: string): Promise<(abs: string) => boolean> {
  if (globs.length === 0) return () => false;
  const { default: picomatch } = await import('picomatch');
  const match = picomatch([...globs], { dot: true });
  return (abs) => {
    const rel = relative(root, abs);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return false;
    return match(rel.split(sep).join('/'));
  };
}

/**
 * `.gitignore` files from the project root down to each path, as git reads them (each
 * file's patterns relative to its own directory). Loaded lazily, once per directory.
 */
function gitIgnoreChecker(root: string): (abs: string, dir: boolean) => Promise<boolean> {
  type Ig = { ignores(p: string): boolean };
  const cache = new Map<string, Promise<Ig | undefined>>();
  const load = (dir: string) => {
    let p = cache.get(dir);
    if (!p) {
      p = readFile(join(dir, '.gitignore'), 'utf8').then(
        async (text) => (await import('ignore')).default().add(text) as Ig,
        () => undefined,
      );
      cache.set(dir, p);
    }
    return p;
  };
  return async (abs, isDir) => {
    const rel = relative(root, abs);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return false;
    const parts = rel.split(sep);
    for (let i = 0; i < parts.length; i++) {
      const dir = join(root, ...parts.slice(0, i));
      const ig = await load(dir);
      const sub = parts.slice(i).join('/') + (isDir ? '/' : '');
      if (ig?.ignores(sub)) return true;
    }
    return false;
  };
}

/**
 * Parses `--rule id=severity` flags; unknown ids and severities are usage errors with a
 * "did you mean".
 * @example parseRuleFlags(['missing-timeout=error'], ids) // {'missing-timeout': 'error'}
 */
export function parseRuleFlags(
  flags: readonly string[],
  known: ReadonlySet<string>,
): Record<string, Severity | 'off'> {
  const out: Record<string, Severity | 'off'> = {};
  const levels = ['error', 'warning', 'info', 'off'];
  for (const flag of flags) {
    const m = /^([^=\s]+)\s*=\s*(\S+)$/.exec(flag);
    if (!m) {
      throw new UserError('usage', `--rule ${flag}: write --rule <rule-id>=<error|warning|info|off>`, {
        suggestions: ['e.g. `--rule missing-timeout=error`'],
      });
    }
    const [, id, level] = m as unknown as [string, string, string];
    if (!known.has(id)) {
      const hint = didYouMean(id, [...known]);
      throw new UserError(
        'unknown-rule',
        `--rule ${flag}: unknown rule "${id}"${hint ? `; did you mean "${hint}"?` : ''}`,
        {
          suggestions: ['`thaiyyal lint --rules` lists the rule ids'],
        },
      );
    }
    if (!levels.includes(level)) {
      throw new UserError('usage', `--rule ${flag}: the severity must be one of ${levels.join(', ')}`);
    }
    out[id] = level as Severity | 'off';
  }
  return out;
}

/**
 * The exit code of a lint run: 1 when there are errors or more warnings than `maxWarnings`
 * (when given and ≥ 0), else 0.
 */
export function lintExitCode(s: LintSummary, maxWarnings?: number): 0 | 1 {
  if (s.errors > 0) return 1;
  if (maxWarnings !== undefined && maxWarnings >= 0 && s.warnings > maxWarnings) return 1;
  return 0;
}

/** Reads all of a stream (`--stdin`) as UTF-8, refusing more than the source size limit. */
export async function readStdin(
  stream: AsyncIterable<Buffer | string>,
  maxBytes = MAX_SOURCE_BYTES,
): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const c of stream) {
    const b = typeof c === 'string' ? Buffer.from(c) : c;
    total += b.length;
    if (total > maxBytes) {
      throw new UserError(
        'yaml-limit',
        `stdin is too large (over ${formatBytes(maxBytes)}); lint the file instead`,
      );
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
}

/** Writes the report to `--output-file`, creating its directory. */
export async function writeReport(path: string, text: string, cwd: string): Promise<void> {
  const abs = resolve(cwd, path);
  const { mkdir } = await import('node:fs/promises');
  await mkdir(dirname(abs), { recursive: true });
  await writeFile(abs, text);
}

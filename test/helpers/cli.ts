/**
 * End-to-end helpers for the CLI: build a temp git repository from a file-tree object and
 * run the real `bin/run.js` in it, as CI would (no TTY, CI=1, no colours).
 *
 * The CLI runs from `dist/`, so `npm run build` must have run (the `test` script does).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of this repository. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The CLI entry point under test. */
export const BIN = join(REPO_ROOT, 'bin', 'run.js');

/** Relative path → file content. Directories are created as needed. */
export type FileTree = Record<string, string>;

export interface CliResult {
  stdout: string;
  stderr: string;
  /** Exit code, or null when the process was killed by a signal. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

export interface CliOptions {
  cwd: string;
  /** Extra environment variables (undefined removes one). */
  env?: Record<string, string | undefined>;
  /** Kill the process after this many ms (the test then fails on its exit code). */
  timeoutMs?: number;
}

/** A temp git repository; call `cleanup()` when done (e.g. in `afterEach`). */
export interface TempRepo {
  dir: string;
  /** Writes more files into the repository. */
  write(tree: FileTree): Promise<void>;
  cleanup(): Promise<void>;
}

async function writeTree(dir: string, tree: FileTree): Promise<void> {
  for (const [path, content] of Object.entries(tree)) {
    const full = join(dir, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, content);
  }
}

/**
 * Creates a temp directory holding `tree`, with `git init` run in it.
 * @example const repo = await makeRepo({'wf.yaml': 'apiVersion: …'})
 */
export async function makeRepo(tree: FileTree = {}): Promise<TempRepo> {
  const dir = await mkdtemp(join(tmpdir(), 'thaiyyal-cli-'));
  await writeTree(dir, tree);
  const git = spawnSync('git', ['init', '-q'], { cwd: dir, encoding: 'utf8' });
  if (git.status !== 0) throw new Error(`git init failed in ${dir}: ${git.stderr}`);
  return {
    dir,
    write: (more) => writeTree(dir, more),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

function cliEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: '1', NO_COLOR: '1', TERM: 'dumb' };
  // Under vitest NODE_ENV=test, which makes oclif look for a TypeScript loader; the CLI must run as shipped.
  delete env['NODE_ENV'];
  delete env['FORCE_COLOR'];
  delete env['THAIYYAL_DEBUG'];
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Starts the CLI without waiting: for tests that signal the process. */
export function startCli(
  args: readonly string[],
  opts: CliOptions,
): { child: ChildProcess; result: Promise<CliResult> } {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: opts.cwd,
    env: cliEnv(opts.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
  const result = new Promise<CliResult>((resolveResult, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolveResult({ stdout, stderr, exitCode, signal });
    });
  });
  return { child, result };
}

/**
 * Runs `thaiyyal <args>` to completion.
 * @example const {stdout, exitCode} = await runCli(['validate', 'wf.yaml'], {cwd: repo.dir})
 */
export function runCli(args: readonly string[], opts: CliOptions): Promise<CliResult> {
  return startCli(args, opts).result;
}

/** Resolves once `predicate(stdout)` holds, or rejects after `timeoutMs`. */
export function waitForOutput(
  child: ChildProcess,
  predicate: (stdout: string) => boolean,
  timeoutMs = 10_000,
): Promise<void> {
  return new Promise((resolveWait, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for output; got:\n${seen}`)),
      timeoutMs,
    );
    const onData = (d: string | Buffer) => {
      seen += d.toString();
      if (predicate(seen)) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolveWait();
      }
    };
    child.stdout!.on('data', onData);
  });
}

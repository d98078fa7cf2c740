/**
 * Every example in `thaiyyal <command> --help` must be true: run as printed, in a project
 * like the one a user has after `thaiyyal init` (plus a copy of this repository's
 * `examples/`), it exits with the code its command documents.
 *
 * The examples are read from the real help output (what users copy), not from the command
 * classes, so a template mistake or a wrapped line is caught too.
 */
import { spawnSync } from 'node:child_process';
import { chmod, cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scaffoldProject } from '../../src/app/init.js';
import { BIN, REPO_ROOT, makeRepo, type TempRepo } from '../helpers/cli.js';
import { logText } from '../helpers/run-log.js';

/** The environment of the CLI tests (see test/helpers/cli.ts), with wide help output so nothing wraps. */
function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CI: '1',
    NO_COLOR: '1',
    TERM: 'dumb',
    OCLIF_COLUMNS: '400',
  };
  delete env['NODE_ENV'];
  delete env['FORCE_COLOR'];
  delete env['THAIYYAL_DEBUG'];
  return { ...env, ...extra };
}

function help(args: string[]): string {
  const r = spawnSync(process.execPath, [BIN, ...args, '--help'], {
    cwd: REPO_ROOT,
    env: cliEnv(),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`thaiyyal ${args.join(' ')} --help exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** The indented lines of one section (e.g. COMMANDS, EXAMPLES) of a help text. */
function section(text: string, name: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(name);
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && /^[A-Z]/.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The commands listed by `thaiyyal --help`. */
function commandIds(): string[] {
  const root = help([]);
  const top = section(root, 'COMMANDS')
    .map((l) => /^ {2}(\S+)/.exec(l)?.[1])
    .filter((id): id is string => id !== undefined);
  // Topic commands (`runs list`, `approvals check`…) are listed by `thaiyyal <topic> --help`.
  const topics = section(root, 'TOPICS')
    .map((l) => /^ {2}(\S+)/.exec(l)?.[1])
    .filter((t): t is string => t !== undefined);
  const sub = topics.flatMap((t) =>
    section(help([t]), 'COMMANDS')
      .map((l) => new RegExp(`^ {2}(${t} \\S+)`).exec(l)?.[1])
      .filter((id): id is string => id !== undefined),
  );
  return [...top, ...sub];
}

/** The example command lines of `thaiyyal <id> --help`: 4-space indented, `$ ` stripped, `\` continuations joined. */
function examplesOf(id: string): string[] {
  const out: string[] = [];
  let continued = false;
  for (const line of section(help(id.split(' ')), 'EXAMPLES')) {
    const m = /^ {4}(.*)$/.exec(line);
    if (!m) {
      continued = false;
      continue;
    }
    let text = m[1]!.trim();
    const continues = text.endsWith('\\');
    if (continues) text = text.slice(0, -1).trimEnd();
    if (continued) out[out.length - 1] += ` ${text}`;
    else out.push(text.replace(/^\$ /, ''));
    continued = continues;
  }
  return out;
}

/**
 * Exit codes an example may end with, per command; 0 unless the command documents more.
 * `lint` exits 1 when it finds errors (or more warnings than --max-warnings): a finding in
 * the example project is the command working as documented, not a broken example.
 */
const EXPECTED_EXIT: Record<string, number[]> = { lint: [0, 1], 'approvals check': [0, 1] };

/**
 * Examples skipped, with why. Only examples that need the network or a TTY may be listed
 * (test/cli/approvals.test.ts runs these two against a local GitHub-shaped server).
 */
const SKIP: Record<string, string> = {
  'thaiyyal approvals check --set-status': 'needs GitHub (api.github.com) and a pull_request event',
  'thaiyyal approvals check --pr 42 --repo acme/flows --json': 'needs GitHub (api.github.com)',
};

/**
 * `runs` examples name runs by id prefix (`01KAX3`, `01KAX4`): record two real runs of the
 * sandbox's hello workflow and give them ids with those prefixes (same length, same time order).
 */
async function seedRuns(dir: string, env: NodeJS.ProcessEnv): Promise<void> {
  for (let i = 0; i < 2; i++) {
    const r = spawnSync('thaiyyal', ['run', 'workflows/hello.yaml', '--quiet'], { cwd: dir, env });
    if (r.status !== 0) throw new Error(`seeding a run failed: ${r.stderr.toString()}`);
  }
  const runs = join(dir, '.thaiyyal', 'runs');
  const logs = (await readdir(runs)).filter((f) => /\.jsonl(\.gz)?$/.test(f)).sort();
  for (const [i, f] of logs.entries()) {
    const old = f.replace(/\.jsonl(\.gz)?$/, '');
    const id = `01KAX${3 + i}${old.slice(6)}`;
    await writeFile(join(runs, `${id}.jsonl`), logText(join(runs, f)).replaceAll(old, id));
    await rm(join(runs, f));
  }
}

/** Commands whose examples need a commit on `main` and a release tag (`greet@1.0.0`) in the sandbox. */
const VERSIONED = new Set(['approvals check', 'diff', 'release', 'rollback', 'run', 'versions']);

const hasGraphviz = spawnSync('dot', ['-V'], { stdio: 'ignore' }).status === 0;

const cases = commandIds().flatMap((id) => examplesOf(id).map((example) => ({ id, example })));

let repo: TempRepo | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

/**
 * A temp git repository to run one example in. For `init`, an empty one (its examples create
 * the project); for the others, the project `thaiyyal init` scaffolds plus this repository's
 * `examples/`, a `wf.yaml` (lint reads it from stdin) and an `inputs.json` (for `run --inputs`).
 * A `thaiyyal` on PATH runs this checkout's bin/run.js, as `npm install` would provide.
 */
async function sandbox(id: string): Promise<{ dir: string; path: string }> {
  repo = await makeRepo();
  const bin = join(repo.dir, '.bin');
  await mkdir(bin);
  await writeFile(join(bin, 'thaiyyal'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  await chmod(join(bin, 'thaiyyal'), 0o755);
  if (id !== 'init') {
    await scaffoldProject(repo.dir);
    await cp(join(REPO_ROOT, 'examples'), join(repo.dir, 'examples'), { recursive: true });
    await writeFile(join(repo.dir, 'wf.yaml'), await readFile(join(repo.dir, 'workflows', 'hello.yaml')));
    await writeFile(join(repo.dir, 'inputs.json'), JSON.stringify({ name: 'Ada', count: 2 }));
  }
  if (VERSIONED.has(id)) {
    // Versioning commands read git history: commit the sandbox and release examples/lib/greet.yaml as 1.0.0.
    const git = (...args: string[]) =>
      spawnSync('git', ['-c', 'user.name=thaiyyal-test', '-c', 'user.email=test@example.com', ...args], {
        cwd: repo!.dir,
      });
    git('add', '-A');
    git('commit', '-q', '--no-gpg-sign', '-m', 'sandbox');
    git('tag', '-a', 'greet@1.0.0', '-m', 'greet 1.0.0');
    git('branch', '-M', 'main');
  }
  const path = `${bin}${delimiter}${process.env['PATH'] ?? ''}`;
  if (id.startsWith('runs ')) await seedRuns(repo.dir, cliEnv({ PATH: path }));
  return { dir: repo.dir, path };
}

describe('help examples', () => {
  it('finds every command and at least one example for each', () => {
    const ids = commandIds();
    expect(ids).toEqual(expect.arrayContaining(['graph', 'init', 'nodes', 'run', 'validate']));
    for (const id of ids) expect(examplesOf(id).length, `examples of ${id}`).toBeGreaterThan(0);
  });

  it.skip.each(cases.filter((c) => SKIP[c.example]))('$id: $example (needs the network)', () => {});

  it.each(cases.filter((c) => !SKIP[c.example]))('$id: $example', async ({ id, example }) => {
    let command = example;
    // Graphviz is optional on test machines: without it, check the part thaiyyal produces.
    if (!hasGraphviz && / \| dot\b/.test(command)) command = command.replace(/ \| dot\b.*$/, '');
    expect(command.startsWith('thaiyyal ') || command.includes('| thaiyyal ')).toBe(true);
    const { dir, path } = await sandbox(id);
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', command], {
      cwd: dir,
      env: cliEnv({ PATH: path }),
      encoding: 'utf8',
      timeout: 25_000,
    });
    const expected = EXPECTED_EXIT[id] ?? [0];
    expect(
      expected,
      `\`${command}\` exited ${r.status}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`,
    ).toContain(r.status);
    expect(r.stderr).not.toContain('internal error');
    if (command !== example) expect(r.stdout).toMatch(/^digraph/);
  });
});

import { mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildProcessEnv, createProcessRunner } from '../../src/adapters/process.js';
import type { ProcessRequest } from '../../src/nodes/types.js';
import { failure } from '../helpers/failure.js';

const programs = fileURLToPath(new URL('../fixtures/programs/', import.meta.url));
const runner = createProcessRunner({ killGraceMs: 300 });
const never = new AbortController().signal;

function node(
  program: string,
  args: (string | number)[] = [],
  extra: Partial<ProcessRequest> = {},
): ProcessRequest {
  return {
    command: process.execPath,
    args: [join(programs, program), ...args.map(String)],
    shell: false,
    cwd: programs,
    env: {},
    timeoutMs: 10_000,
    maxOutputBytes: 1024 * 1024,
    ...extra,
  };
}

/** True while the process exists and is not a zombie (a killed orphan waits for init to reap it). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] !== 'Z';
  } catch {
    return true; // no /proc (macOS): kill(0) succeeding is the best we know
  }
}

describe('exit codes and output', () => {
  it('returns stdout, stderr and a zero exit code', async () => {
    const r = await runner.run(node('exit.mjs', [0, 2]), never);
    expect(r).toEqual({ exitCode: 0, stdout: 'out', stderr: 'error line 1\nerror line 2', truncated: false });
  });

  it('returns a non-zero exit code as a result, not an error', async () => {
    const r = await runner.run(node('exit.mjs', [3, 1]), never);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toBe('error line 1');
  });

  it('passes args as argv without a shell (no word splitting, no globbing)', async () => {
    const r = await runner.run(node('args.mjs', ['a b', '*', '$HOME', "'q'", 7]), never);
    expect(JSON.parse(r.stdout)).toEqual(['a b', '*', '$HOME', "'q'", '7']);
  });
});

describe('stdin, env, cwd', () => {
  it('feeds stdin', async () => {
    const r = await runner.run(node('stdin.mjs', [], { stdin: 'hello\nworld' }), never);
    expect(r.stdout).toBe('got:hello\nworld');
  });

  it('gives an empty stdin when none is set (a reader does not hang)', async () => {
    const r = await runner.run(node('stdin.mjs', [], { timeoutMs: 5_000 }), never);
    expect(r.stdout).toBe('got:');
  });

  it('uses a minimal base environment plus the requested env', async () => {
    process.env.THAIYYAL_TEST_PARENT_SECRET = 'leak';
    try {
      const r = await runner.run(node('env.mjs', [], { env: { GREETING: 'hi', LANG: 'C' } }), never);
      const env = JSON.parse(r.stdout) as Record<string, string>;
      expect(env.GREETING).toBe('hi');
      expect(env.LANG).toBe('C');
      expect(env.PATH).toBe(process.env.PATH);
      expect(env.THAIYYAL_TEST_PARENT_SECRET).toBeUndefined();
    } finally {
      delete process.env.THAIYYAL_TEST_PARENT_SECRET;
    }
  });

  it('buildProcessEnv keeps only PATH, HOME, LANG, TMPDIR from the parent', () => {
    expect(buildProcessEnv({ A: '1' }, { PATH: '/bin', HOME: '/h', SECRET: 's', TMPDIR: '/t' })).toEqual({
      PATH: '/bin',
      HOME: '/h',
      TMPDIR: '/t',
      A: '1',
    });
  });

  it('runs in the requested cwd', async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'thaiyyal-cwd-')));
    const r = await runner.run(node('cwd.mjs', [], { cwd: dir }), never);
    expect(r.stdout).toBe(dir);
  });

  it('a missing cwd is exec.cwd, not "command not found"', async () => {
    const f = await failure(runner.run(node('cwd.mjs', [], { cwd: join(programs, 'no-such-dir') }), never));
    expect(f.code).toBe('exec.cwd');
    expect(f.message).toContain('no-such-dir');
  });
});

describe('not found', () => {
  it('is exec.not-found naming the command and PATH', async () => {
    const f = await failure(
      runner.run({ ...node('x.mjs'), command: 'thaiyyal-no-such-command', args: [] }, never),
    );
    expect(f.code).toBe('exec.not-found');
    expect(f.message).toContain('"thaiyyal-no-such-command"');
    expect(f.message).toContain('PATH');
    expect(f.retryable).toBe(false);
  });
});

describe('timeouts and cancellation', () => {
  it('kills at the timeout (retryable exec.timeout)', async () => {
    const started = Date.now();
    const f = await failure(runner.run(node('sleep.mjs', [60_000], { timeoutMs: 300 }), never));
    expect(f.code).toBe('exec.timeout');
    expect(f.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('SIGKILLs a child that ignores SIGTERM after the grace period', async () => {
    const started = Date.now();
    const f = await failure(runner.run(node('ignore-term.mjs', [], { timeoutMs: 300 }), never));
    expect(f.code).toBe('exec.timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('kills the whole process tree, grandchildren included (even one ignoring SIGTERM)', async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'thaiyyal-tree-')), 'pid');
    const f = await failure(runner.run(node('tree.mjs', [pidFile], { timeoutMs: 500 }), never));
    expect(f.code).toBe('exec.timeout');
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    await expect.poll(() => alive(grandchild), { timeout: 3_000, interval: 50 }).toBe(false);
  });

  it('cancellation kills the tree and reports exec.cancelled', async () => {
    const controller = new AbortController();
    const r = runner.run(node('sleep.mjs', [60_000]), controller.signal);
    setTimeout(() => controller.abort(), 200);
    const f = await failure(r);
    expect(f.code).toBe('exec.cancelled');
    expect(f.retryable).toBe(false);
  });

  it('an already aborted signal does not start the command', async () => {
    const controller = new AbortController();
    controller.abort();
    const f = await failure(runner.run(node('sleep.mjs', [60_000]), controller.signal));
    expect(f.code).toBe('exec.cancelled');
  });
});

describe('output cap', () => {
  it('keeps the first maxOutputBytes of each stream, lets the command finish, and flags truncated', async () => {
    const r = await runner.run(node('flood.mjs', [3_000_000, 4], { maxOutputBytes: 1000 }), never);
    expect(r.exitCode).toBe(4); // the command ran to completion: its real exit code
    expect(r.truncated).toBe(true);
    expect(r.stdout).toBe('x'.repeat(1000));
    expect(r.stderr).toBe('y'.repeat(1000));
  });

  it('output under the cap is not truncated', async () => {
    const r = await runner.run(node('flood.mjs', [500, 0], { maxOutputBytes: 1000 }), never);
    expect(r.truncated).toBe(false);
    expect(r.stdout.length).toBe(500);
  });
});

describe('shell mode', () => {
  it('runs the command as an sh script with args as $1…', async () => {
    const r = await runner.run(
      {
        ...node('x.mjs'),
        shell: true,
        command: 'printf "%s|" "$1" "$2"; echo "$#"',
        args: ['a b', '$(rm -rf /)'],
      },
      never,
    );
    expect(r.stdout).toBe('a b|$(rm -rf /)|2');
  });

  it('a missing command inside a script is the shell exit code 127', async () => {
    const r = await runner.run(
      { ...node('x.mjs'), shell: true, command: 'thaiyyal-no-such-command', args: [] },
      never,
    );
    expect(r.exitCode).toBe(127);
  });
});

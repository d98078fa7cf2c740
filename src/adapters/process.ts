/**
 * The process adapter (execa). Runs one command per call with safe defaults:
 *
 * - argv, never a shell, unless the request asks for `shell: true` — then the command text is
 *   a script for `sh -c` and the args become `$1…` (never spliced into the script text);
 * - a minimal environment: only PATH, HOME, LANG and TMPDIR (plus the few variables Windows
 *   needs to start anything) are taken from thaiyyal's own environment, then the request's
 *   `env` is laid over them. Secrets in the parent environment do not leak into commands;
 * - a timeout and cancellation that kill the whole process tree (the child runs in its own
 *   process group), SIGTERM first and SIGKILL after a grace period, so a child that ignores
 *   SIGTERM or a grandchild holding the output pipes cannot hang a run;
 * - an output cap per stream that keeps the first `maxOutputBytes` and discards the rest while
 *   the command runs to completion (execa's own `maxBuffer` would kill the command instead,
 *   losing its real exit code).
 *
 * A non-zero exit is not an error here: the result goes back and the node decides.
 */
import { stat } from 'node:fs/promises';
import { constants as osConstants } from 'node:os';
import { execa } from 'execa';
import { NodeFailure, type ProcessRequest, type ProcessResult, type ProcessRunner } from '../nodes/types.js';

/** Options of {@link createProcessRunner}. */
export interface ProcessRunnerOptions {
  /** Time between SIGTERM and SIGKILL when a command is stopped (default 5000 ms). */
  killGraceMs?: number;
}

/** Variables taken from thaiyyal's own environment; everything else must be passed explicitly. */
export const BASE_ENV_NAMES: readonly string[] =
  process.platform === 'win32'
    ? [
        'PATH',
        'Path',
        'HOME',
        'LANG',
        'TMPDIR',
        'TEMP',
        'TMP',
        'SystemRoot',
        'ComSpec',
        'PATHEXT',
        'USERPROFILE',
        'windir',
      ]
    : ['PATH', 'HOME', 'LANG', 'TMPDIR'];

/** The environment a command sees: the safe base from `parent`, then `extra` over it. */
export function buildProcessEnv(
  extra: Record<string, string>,
  parent: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of BASE_ENV_NAMES) {
    const value = parent[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

const usesProcessGroups = process.platform !== 'win32';

/** Process groups still running, killed if thaiyyal exits while they do (detached children outlive us otherwise). */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined || !usesProcessGroups) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the whole group is already gone.
  }
}

function trackGroup(pid: number | undefined): void {
  if (pid === undefined || !usesProcessGroups) return;
  liveGroups.add(pid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const group of liveGroups) killGroup(group, 'SIGKILL');
    });
  }
}

/**
 * An execa stdout/stderr transform that passes the first `cap` bytes through and swallows the
 * rest, while still reading it so the child never blocks on a full pipe.
 */
function capTransform(cap: number, onTruncate: () => void) {
  let kept = 0;
  return {
    binary: true,
    *transform(chunk: unknown) {
      const bytes = chunk as Uint8Array;
      if (bytes.length === 0) return;
      const room = cap - kept;
      if (room <= 0) {
        onTruncate();
        return;
      }
      if (bytes.length > room) {
        onTruncate();
        kept = cap;
        yield bytes.subarray(0, room);
        return;
      }
      kept += bytes.length;
      yield bytes;
    },
  };
}

/** Exit status of a command killed by a signal we did not send, as shells report it (128 + n). */
function signalExitCode(signal: string | undefined): number {
  const n = signal ? (osConstants.signals as Record<string, number | undefined>)[signal] : undefined;
  return 128 + (n ?? 0);
}

function commandLabel(req: ProcessRequest): string {
  return req.shell ? 'shell script' : JSON.stringify(req.command);
}

async function spawnFailure(
  req: ProcessRequest,
  code: string | undefined,
  message: string,
): Promise<NodeFailure> {
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    // spawn reports a missing cwd with the same ENOENT as a missing command: tell them apart.
    const cwdOk = await stat(req.cwd).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!cwdOk) {
      return new NodeFailure(
        'exec.cwd',
        `working directory ${req.cwd} does not exist or is not a directory`,
        {
          details: { cwd: req.cwd },
        },
      );
    }
    const path = req.env.PATH ?? process.env.PATH ?? '';
    return new NodeFailure(
      'exec.not-found',
      `command ${JSON.stringify(req.command)} was not found. It is looked up on PATH (${path}); check the ` +
        `spelling, install it, use an absolute path, or set PATH in the node's env`,
      { details: { command: req.command } },
    );
  }
  if (code === 'EACCES') {
    return new NodeFailure(
      'exec.spawn',
      `command ${JSON.stringify(req.command)} is not executable (EACCES)`,
      {
        details: { command: req.command, code },
      },
    );
  }
  return new NodeFailure('exec.spawn', `could not start ${commandLabel(req)}: ${message}`, {
    details: { command: req.command, ...(code ? { code } : {}) },
  });
}

/**
 * Creates the process runner the engine injects into nodes as `ctx.process`.
 * @example
 * const runner = createProcessRunner();
 * const r = await runner.run({command: 'git', args: ['status'], shell: false, cwd: dir, env: {},
 *   timeoutMs: 60_000, maxOutputBytes: 1 << 20}, signal);
 */
export function createProcessRunner(options: ProcessRunnerOptions = {}): ProcessRunner {
  const killGraceMs = options.killGraceMs ?? 5_000;

  return {
    async run(req, signal) {
      if (signal.aborted)
        throw new NodeFailure('exec.cancelled', `${commandLabel(req)} was cancelled before it started`);

      let truncated = false;
      const markTruncated = () => {
        truncated = true;
      };
      const stopper = new AbortController();
      let stopReason: 'timeout' | 'cancel' | undefined;
      let pid: number | undefined;
      let graceTimer: NodeJS.Timeout | undefined;
      const stop = (why: 'timeout' | 'cancel') => {
        if (stopReason) return;
        stopReason = why;
        // The group first (grandchildren included), then execa's own kill of the leader, which
        // also marks the result as cancelled and escalates to SIGKILL after the grace period.
        killGroup(pid, 'SIGTERM');
        graceTimer = setTimeout(() => killGroup(pid, 'SIGKILL'), killGraceMs);
        graceTimer.unref();
        stopper.abort();
      };
      const onAbort = () => stop('cancel');
      signal.addEventListener('abort', onAbort, { once: true });
      const timer = setTimeout(() => stop('timeout'), req.timeoutMs);

      // `sh -c script $0 $1…`: args stay separate argv entries, so they are never re-parsed as shell text.
      const file = req.shell ? '/bin/sh' : req.command;
      const args = req.shell ? ['-c', req.command, 'thaiyyal', ...req.args] : req.args;
      try {
        const subprocess = execa(file, args, {
          cwd: req.cwd,
          env: buildProcessEnv(req.env),
          extendEnv: false,
          shell: false,
          reject: false,
          detached: usesProcessGroups,
          cancelSignal: stopper.signal,
          forceKillAfterDelay: killGraceMs,
          windowsHide: true,
          stripFinalNewline: true,
          encoding: 'utf8',
          ...(req.stdin === undefined ? { stdin: 'ignore' as const } : { input: req.stdin }),
          stdout: capTransform(req.maxOutputBytes, markTruncated),
          stderr: capTransform(req.maxOutputBytes, markTruncated),
          // Backstop only: the transforms above already keep each stream within the cap.
          maxBuffer: req.maxOutputBytes + 1024,
        });
        pid = subprocess.pid;
        trackGroup(pid);
        if (stopReason) killGroup(pid, 'SIGTERM'); // aborted between spawn and here
        const result = await subprocess;

        if (stopReason === 'timeout') {
          throw new NodeFailure(
            'exec.timeout',
            `${commandLabel(req)} did not finish within ${req.timeoutMs} ms and was killed`,
            {
              retryable: true,
              details: { timeoutMs: req.timeoutMs },
            },
          );
        }
        if (stopReason === 'cancel')
          throw new NodeFailure('exec.cancelled', `${commandLabel(req)} was cancelled`);

        const stdout = typeof result.stdout === 'string' ? result.stdout : '';
        const stderr = typeof result.stderr === 'string' ? result.stderr : '';
        if (result.exitCode === undefined && result.signal === undefined) {
          throw await spawnFailure(
            req,
            result.code,
            result.originalMessage ?? result.shortMessage ?? 'spawn failed',
          );
        }
        const exitCode = result.exitCode ?? signalExitCode(result.signal);
        return { exitCode, stdout, stderr, truncated } satisfies ProcessResult;
      } finally {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (pid !== undefined) liveGroups.delete(pid);
        // Leave graceTimer running: a SIGTERM-ignoring grandchild still gets its SIGKILL.
      }
    },
  };
}

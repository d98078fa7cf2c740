/**
 * The process adapter (node:child_process). Runs one command per call with safe defaults:
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
 *   the command runs to completion (a kill at the cap would lose its real exit code).
 *
 * Why not execa: this adapter already owns everything execa would add (process-group kills,
 * timeouts, caps, the environment), and execa's option normalisation and stream plumbing cost
 * ~2 ms per process — twice the cost of a hand-written runner on DAGs of short commands
 * (docs/performance.md).
 *
 * A non-zero exit is not an error here: the result goes back and the node decides.
 */
import { stat } from 'node:fs/promises';
import { constants as osConstants } from 'node:os';
import { spawn } from 'node:child_process';
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
 * Collects the first `cap` bytes of a stream and reads (and drops) the rest, so the child
 * never blocks on a full pipe and runs to completion. Plain `data` listeners: stream
 * generator transforms cost a few milliseconds per process, which shows on DAGs of short
 * commands.
 */
function capCollector(stream: NodeJS.ReadableStream | null, cap: number, onTruncate: () => void) {
  const chunks: Buffer[] = [];
  let kept = 0;
  stream?.on('data', (chunk: Buffer) => {
    const room = cap - kept;
    if (room <= 0) {
      if (chunk.length > 0) onTruncate();
      return;
    }
    if (chunk.length > room) {
      onTruncate();
      chunks.push(chunk.subarray(0, room));
      kept = cap;
      return;
    }
    chunks.push(chunk);
    kept += chunk.length;
  });
  // Like execa's stripFinalNewline: one trailing newline is not part of the output.
  return () =>
    Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
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
      let stopReason: 'timeout' | 'cancel' | undefined;
      let pid: number | undefined;
      let killChild: ((sig: NodeJS.Signals) => void) | undefined;
      let graceTimer: NodeJS.Timeout | undefined;
      // The group first (grandchildren included), then the leader itself (for platforms without
      // process groups), escalating to SIGKILL after the grace period.
      const stopNow = () => {
        killGroup(pid, 'SIGTERM');
        killChild?.('SIGTERM');
        graceTimer = setTimeout(() => {
          killGroup(pid, 'SIGKILL');
          killChild?.('SIGKILL');
        }, killGraceMs);
        graceTimer.unref();
      };
      const stop = (why: 'timeout' | 'cancel') => {
        if (stopReason) return;
        stopReason = why;
        stopNow();
      };
      const onAbort = () => stop('cancel');
      signal.addEventListener('abort', onAbort, { once: true });
      const timer = setTimeout(() => stop('timeout'), req.timeoutMs);

      // `sh -c script $0 $1…`: args stay separate argv entries, so they are never re-parsed as shell text.
      const file = req.shell ? '/bin/sh' : req.command;
      const args = req.shell ? ['-c', req.command, 'thaiyyal', ...req.args] : req.args;
      try {
        const child = spawn(file, args, {
          cwd: req.cwd,
          env: buildProcessEnv(req.env),
          shell: false,
          detached: usesProcessGroups,
          windowsHide: true,
          stdio: [req.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        });
        const stdoutText = capCollector(child.stdout, req.maxOutputBytes, markTruncated);
        const stderrText = capCollector(child.stderr, req.maxOutputBytes, markTruncated);
        const ended = new Promise<
          { code: number | null; signal: NodeJS.Signals | null } | { error: NodeJS.ErrnoException }
        >((resolve) => {
          child.once('error', (error: NodeJS.ErrnoException) => resolve({ error }));
          child.once('close', (code, sig) => resolve({ code, signal: sig }));
        });
        if (req.stdin !== undefined && child.stdin) {
          // A command that exits without reading its input closes the pipe: not an error of ours.
          child.stdin.on('error', () => {});
          child.stdin.end(req.stdin);
        }
        pid = child.pid;
        killChild = (sig) => child.kill(sig);
        trackGroup(pid);
        if (stopReason) stopNow(); // aborted between spawn and here
        const result = await ended;

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
        if ('error' in result) throw await spawnFailure(req, result.error.code, result.error.message);

        const exitCode = result.code ?? signalExitCode(result.signal ?? undefined);
        return { exitCode, stdout: stdoutText(), stderr: stderrText(), truncated } satisfies ProcessResult;
      } finally {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (pid !== undefined) liveGroups.delete(pid);
        // Leave graceTimer running: a SIGTERM-ignoring grandchild still gets its SIGKILL.
      }
    },
  };
}

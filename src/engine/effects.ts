/**
 * Recording and replaying what nodes ask of the outside world. Every call a node makes through
 * its context — `ctx.http`, `ctx.process`, `ctx.now()`, `ctx.random()`, `ctx.runWorkflow` — is
 * written to the run's log as a `node.effect` event (redacted by the engine's `emit`, like every
 * event); in replay mode the same calls are answered from a recording instead, so a replay
 * touches no network, runs no process and reads no clock. Pure: the hash comes in injected.
 */
import {
  FailureCode,
  NodeFailure,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
  type ProcessRequest,
  type ProcessResult,
  type ProcessRunner,
  type SubRunResult,
} from '../nodes/types.js';
import type { EffectKind, ErrorInfo, EventBody } from './events.js';

/** An effect as read back from a log. */
export interface RecordedEffect {
  kind: EffectKind;
  request?: Record<string, unknown>;
  result?: unknown;
  error?: ErrorInfo & { retryable?: boolean; aborted?: boolean };
}

/** Record mode: calls go out, their answers are logged. */
export interface EffectRecorder {
  mode: 'record';
  /** Max characters of an HTTP body or a process stream kept in the log; beyond: a prefix and a sha256. */
  maxBodyChars: number;
  /** Hex sha256 of a UTF-8 string (injected: the engine does no I/O and imports no crypto). */
  sha256(text: string): string;
}

/** Replay mode: calls are answered from a recording. */
export interface EffectReplayer {
  mode: 'replay';
  /** The recorded call number `n` (0-based) of a node, per foreach item; undefined when there is none. */
  take(nodeId: string, index: number | undefined, n: number): RecordedEffect | undefined;
  /** The recorded run's start (ms since the epoch), seen by expressions as `run.startedAt`. */
  startedAt?: number;
}

export type EffectsMode = EffectRecorder | EffectReplayer;

/** What a node context reaches the outside world through. */
export interface EffectPorts {
  now(): number;
  random(): number;
  http(): HttpClient;
  process(): ProcessRunner;
  runWorkflow(file: string, inputs: Record<string, unknown>): Promise<SubRunResult>;
}

/** The default cap of a recorded body or stream, in characters. */
export const DEFAULT_MAX_EFFECT_BODY_CHARS = 256 * 1024;

/**
 * Returns a function that wraps a node attempt's ports so every call is recorded (or replayed).
 * Calls are numbered per node and foreach item across attempts, in the order the node makes them.
 * Without a mode the ports are returned as they are (no recording).
 */
export function createEffects(
  mode: EffectsMode | undefined,
  emit: (body: EventBody) => void,
): (nodeId: string, index: number | undefined, attempt: number, base: EffectPorts) => EffectPorts {
  if (!mode) return (_n, _i, _a, base) => base;
  const counters = new Map<string, number>();
  return (nodeId, index, attempt, base) => {
    const key = index === undefined ? nodeId : `${nodeId}\u0000${index}`;
    const nextN = () => {
      const n = counters.get(key) ?? 0;
      counters.set(key, n + 1);
      return n;
    };
    const where = { nodeId, attempt, ...(index !== undefined ? { index } : {}) };
    const record = (kind: EffectKind, n: number, request: Record<string, unknown> | undefined, out: Out) =>
      emit({ type: 'node.effect', ...where, kind, n, ...(request ? { request } : {}), ...out } as EventBody);

    if (mode.mode === 'replay') {
      const answer = (kind: EffectKind, request?: Record<string, unknown>): unknown => {
        const n = nextN();
        const rec = mode.take(nodeId, index, n);
        if (!rec) {
          throw new NodeFailure(
            'replay.no-effect',
            `node "${nodeId}" made a ${kind} call (#${n + 1}${index !== undefined ? `, item ${index}` : ''}) the recorded run did not make`,
          );
        }
        if (rec.kind !== kind) {
          throw new NodeFailure(
            'replay.effect-mismatch',
            `node "${nodeId}" made a ${kind} call (#${n + 1}) where the recorded run made a ${rec.kind} call`,
          );
        }
        if (request && rec.request && (kind === 'http' || kind === 'process')) {
          // Where a process ran (cwd) may differ between checkouts; what ran may not.
          const keys = kind === 'http' ? ['method', 'url'] : ['command', 'args'];
          const now = JSON.stringify(keys.map((k) => request[k]));
          const then = JSON.stringify(keys.map((k) => rec.request![k]));
          if (now !== then) {
            throw new NodeFailure(
              'replay.effect-mismatch',
              `node "${nodeId}" made ${kind} call #${n + 1} as ${now}; the recorded run made it as ${then}`,
            );
          }
        }
        record(kind, n, request, rec.error ? { error: rec.error } : { result: rec.result });
        if (rec.error) {
          if (rec.error.aborted) {
            throw new NodeFailure(
              FailureCode.timeout,
              `recorded ${kind} call was cut short (timeout or cancel)`,
              {
                retryable: true,
              },
            );
          }
          throw new NodeFailure(rec.error.code, rec.error.message, {
            retryable: rec.error.retryable ?? false,
            ...(rec.error.details ? { details: rec.error.details } : {}),
          });
        }
        return uncut(kind, nodeId, rec.result);
      };
      const http: HttpClient = {
        request: (req) =>
          Promise.resolve().then(() => answer('http', { method: req.method, url: req.url }) as HttpResponse),
      };
      const proc: ProcessRunner = {
        run: (req) => Promise.resolve().then(() => answer('process', processRequest(req)) as ProcessResult),
      };
      return {
        now: () => answer('clock') as number,
        random: () => answer('random') as number,
        http: () => http,
        process: () => proc,
        runWorkflow: (file, inputs) =>
          Promise.resolve().then(() => answer('workflow', { file, inputs }) as SubRunResult),
      };
    }

    const cap = (text: string) => ({
      prefix: text.slice(0, mode.maxBodyChars),
      cut: { chars: text.length, sha256: mode.sha256(text) },
    });
    const call = async <T>(
      kind: EffectKind,
      request: Record<string, unknown> | undefined,
      signal: AbortSignal | undefined,
      go: () => Promise<T>,
      keep: (value: T) => unknown,
    ): Promise<T> => {
      const n = nextN();
      try {
        const value = await go();
        record(kind, n, request, { result: keep(value) });
        return value;
      } catch (err) {
        record(kind, n, request, { error: errorOf(err, signal?.aborted ?? false) });
        throw err;
      }
    };
    const http: HttpClient = {
      request: (req: HttpRequest, signal) =>
        call(
          'http',
          { method: req.method, url: req.url },
          signal,
          () => base.http().request(req, signal),
          (res) => {
            const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? null);
            if (text.length <= mode.maxBodyChars) return res;
            const { body: _body, ...rest } = res;
            const c = cap(text);
            return { ...rest, bodyPrefix: c.prefix, bodyCut: c.cut };
          },
        ),
    };
    const proc: ProcessRunner = {
      run: (req: ProcessRequest, signal) =>
        call(
          'process',
          processRequest(req),
          signal,
          () => base.process().run(req, signal),
          (res) => {
            let out: Record<string, unknown> = res as unknown as Record<string, unknown>;
            for (const stream of ['stdout', 'stderr'] as const) {
              if (res[stream].length > mode.maxBodyChars) {
                const c = cap(res[stream]);
                out = { ...out, [stream]: c.prefix, [`${stream}Cut`]: c.cut };
              }
            }
            return out;
          },
        ),
    };
    return {
      now: () => {
        const v = base.now();
        record('clock', nextN(), undefined, { result: v });
        return v;
      },
      random: () => {
        const v = base.random();
        record('random', nextN(), undefined, { result: v });
        return v;
      },
      http: () => http,
      process: () => proc,
      runWorkflow: (file, inputs) =>
        call(
          'workflow',
          { file, inputs },
          undefined,
          () => base.runWorkflow(file, inputs),
          (r) => r,
        ),
    };
  };
}

type Out = { result: unknown } | { error: RecordedEffect['error'] };

function processRequest(req: ProcessRequest): Record<string, unknown> {
  // Not the environment: it is large and holds what the workflow may not see in a log.
  return { command: req.command, args: req.args, cwd: req.cwd, shell: req.shell };
}

function errorOf(err: unknown, aborted: boolean): NonNullable<RecordedEffect['error']> {
  const extra = aborted ? { aborted: true } : {};
  if (err instanceof NodeFailure) {
    return {
      code: err.code,
      message: err.message,
      retryable: err.retryable,
      ...(err.details ? { details: err.details } : {}),
      ...extra,
    };
  }
  return { code: FailureCode.internal, message: err instanceof Error ? err.message : String(err), ...extra };
}

/** A recorded answer as the node saw it; refuses one whose body was cut at the cap. */
function uncut(kind: EffectKind, nodeId: string, result: unknown): unknown {
  if (typeof result !== 'object' || result === null) return result;
  const r = result as Record<string, unknown>;
  for (const field of ['bodyCut', 'stdoutCut', 'stderrCut']) {
    const cut = r[field] as { chars?: number; sha256?: string } | undefined;
    if (cut) {
      throw new NodeFailure(
        'replay.incomplete-effect',
        `the recorded ${kind} answer of node "${nodeId}" was cut at the recording cap (${cut.chars} characters, sha256 ${cut.sha256}); it cannot be replayed`,
      );
    }
  }
  return result;
}

/**
 * The I/O twin of the engine: load config and workflow, resolve inputs and secrets,
 * wire real adapters and the local event log, execute, and return the run result.
 */
import { createHash } from 'node:crypto';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { monotonicFactory } from 'ulid';
import type { ProjectConfig } from '../core/config.js';
import { hasErrors } from '../core/diagnostics.js';
import { InternalError, UserError } from '../core/errors.js';
import { resolveInputs } from '../core/inputs.js';
import { externalRefs } from '../core/secrets-used.js';
import type { EventSink, NodeStatus, OptimizedRun, RunEvent, RunStatus } from '../engine/events.js';
import { DEFAULT_MAX_EFFECT_BODY_CHARS, type EffectReplayer } from '../engine/effects.js';
import { executePlan, type EngineServices, type ReusedResult } from '../engine/execute.js';
import { compilePlan } from '../engine/plan.js';
import { applyEvent, initialState } from '../engine/state.js';
import { loadProjectConfig } from '../adapters/load-config.js';
import { loadWorkflow } from './load.js';
import { applyOriginalRunLimits } from '../core/original-limits.js';
import type { WorkflowSource } from '../adapters/load-workflow.js';
import { createFileSink } from '../adapters/event-log.js';
import { loadSecrets } from '../adapters/secrets.js';
import { expressionOptionsOf, getNodeType } from '../nodes/lazy-registry.js';
import type { SubRunResult } from '../nodes/types.js';

/** The machine-readable result of a run (`thaiyyal run --json`); other tools depend on this exact shape. */
export interface RunResult {
  runId: string;
  workflow: string;
  status: RunStatus;
  outputs: Record<string, unknown>;
  nodes: Record<
    string,
    {
      status: NodeStatus;
      output?: unknown;
      error?: { code: string; message: string };
      attempts: number;
      durationMs: number;
      /** `run --optimize`: this node was merged into that one, whose status and output it reports. */
      mergedInto?: string;
      /** `run --optimize`: this node's expression was fused into that node's (status only). */
      fusedInto?: string;
      /** `run --optimize`: `optimized-away` when nothing observable read the node, so it did not run. */
      skipReason?: 'optimized-away';
    }
  >;
  error?: { code: string; message: string };
  durationMs: number;
  /** Path of the event log, when one was written. */
  logFile?: string;
  /** Import warnings, when the file is a workflow of the original engine (`.json`, imported in memory). */
  warnings?: string[];
}

export interface RunFileOptions {
  /** Path of the workflow file. */
  file: string;
  /** Inputs as given on the command line (`--input k=v` strings are coerced to the declared type). */
  inputs?: Record<string, unknown>;
  /** Overrides the configured max nodes in flight. */
  concurrency?: number;
  /** Extra sinks (progress display); the local JSONL log is always written. */
  sinks?: EventSink[];
  /** Abort to cancel the run (SIGINT): in-flight work is cancelled, final events written. */
  signal?: AbortSignal;
  /** Working directory used to find the project config; defaults to the workflow's directory. */
  cwd?: string;
  /** Do not write `.thaiyyal/runs/<runId>.jsonl` (benchmarks). */
  noLog?: boolean;
  /** Run the optimised plan (`run --optimize`, docs/optimizer.md); top-level run only. */
  optimize?: boolean;
  /** Use this config instead of looking for thaiyyal.config.yaml. */
  config?: ProjectConfig;
  /** Environment to read secrets and allow-listed variables from (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Read the workflow and its sub-workflows from here instead of the file system (`run hello@1.2.0`: a git tag). */
  source?: WorkflowSource;
  /** Do not record nodes' effects (`node.effect`, `node.options`) in the log (benchmarks). */
  noRecord?: boolean;
  /**
   * Replay (`thaiyyal replay --verify`): answer every effect from a recording, under the recorded
   * run id; secrets are not read (each is `***`, as the log has it).
   */
  replay?: { effects: EffectReplayer; runId: string };
  /** Fork (`thaiyyal replay --from`): reuse recorded results of the nodes `reuse` answers for. */
  fork?: { runId: string; node: string; reuse(nodeId: string): ReusedResult | undefined };
}

const nextId = monotonicFactory();

/**
 * Runs a workflow file end to end. Throws {@link UserError} (exit 2) when the workflow, its
 * inputs or its secrets are invalid; a failing run is a result with status `failed`.
 * @example const r = await runWorkflowFile({file: 'examples/hello.yaml', inputs: {name: 'Ada'}})
 */
export async function runWorkflowFile(opts: RunFileOptions): Promise<RunResult> {
  const file = resolve(opts.file);
  const config = opts.config ?? (await loadProjectConfig(opts.cwd ?? dirname(file)));
  return runOne(file, opts.inputs ?? {}, config, opts, {
    depth: 0,
    ...(opts.sinks ? { sinks: opts.sinks } : {}),
  });
}

async function runOne(
  file: string,
  given: Record<string, unknown>,
  config: ProjectConfig,
  opts: RunFileOptions,
  parent: {
    depth: number;
    runId?: string;
    signal?: AbortSignal;
    sinks?: EventSink[];
    /** Values the parent run redacts: a child run must never write them in clear. */
    redact?: readonly string[];
  },
): Promise<RunResult> {
  const shown = opts.source ? opts.source.label(file) : displayPath(file);
  const loaded = await loadWorkflow(file, opts.source);
  if (!loaded.workflow || !loaded.graph || hasErrors(loaded.diagnostics)) {
    throw new UserError('invalid-workflow', `${shown} is not a valid workflow`, {
      diagnostics: loaded.diagnostics,
    });
  }
  const wf = loaded.workflow;
  // The original engine's nodes run under its limits (maxExecutionTime, maxNodeExecutionTime).
  if (Object.values(wf.nodes).some((n) => n.type.startsWith('original/'))) {
    config = applyOriginalRunLimits(config);
  }
  const resolved = resolveInputs(wf, given);
  if (hasErrors(resolved.diagnostics)) {
    throw new UserError('invalid-input', `invalid inputs for ${shown}`, {
      diagnostics: resolved.diagnostics,
    });
  }
  const env = opts.env ?? process.env;
  const refs = externalRefs(wf, expressionOptionsOf);
  const top = parent.depth === 0;
  const replay = top ? opts.replay : undefined;
  const fork = top ? opts.fork : undefined;
  const secrets = replay
    ? Object.fromEntries(refs.secrets.map((name) => [name, '***']))
    : await loadSecrets(refs.secrets, config.secrets, config.root, env, shown);
  // Redacted: this run's secrets, inputs declared `secret: true`, and whatever the parent redacts
  // (a secret passed to a sub-workflow as an input stays masked in the child's log).
  const redact = [...(parent.redact ?? []), ...Object.values(secrets)];
  for (const [name, spec] of Object.entries(wf.inputs)) {
    const v = resolved.inputs[name];
    if (spec.secret && typeof v === 'string') redact.push(v);
  }
  const visibleEnv: Record<string, string> = {};
  for (const name of config.env.allow) {
    const v = env[name];
    if (v !== undefined) visibleEnv[name] = v;
  }

  const runId = replay?.runId ?? nextId();
  const state = initialState();
  const sinks: EventSink[] = [{ write: (e: RunEvent) => void applyEvent(state, e) }];
  let logFile: string | undefined;
  // A replay runs under the recorded run's id: it must never write to that run's log.
  if (!opts.noLog && !replay) {
    const fileSink = createFileSink(config.root, runId);
    logFile = fileSink.path;
    sinks.push(fileSink);
  }
  sinks.push(...(parent.sinks ?? []));
  const sink: EventSink = {
    write(e) {
      for (const s of sinks) s.write(e);
    },
  };

  // Load the HTTP and process stacks only when the workflow has such nodes: start-up matters.
  const types = new Set(Object.values(wf.nodes).map((n) => n.type));
  const http =
    (types.has('http') || types.has('original/http')) && !replay
      ? (await import('../adapters/http.js')).createHttpClient(config.http)
      : undefined;
  const proc =
    types.has('exec') && !replay ? (await import('../adapters/process.js')).createProcessRunner() : undefined;
  const missing = (what: string) => (): never => {
    throw new InternalError(`${what} used by a workflow without ${what} nodes`);
  };
  const services: EngineServices = {
    config,
    sink,
    now: Date.now,
    random: Math.random,
    http: http ? () => http : missing('http'),
    ...(replay
      ? { effects: replay.effects }
      : opts.noRecord
        ? {}
        : {
            effects: {
              mode: 'record' as const,
              maxBodyChars: DEFAULT_MAX_EFFECT_BODY_CHARS,
              sha256: (text: string) => createHash('sha256').update(text).digest('hex'),
            },
          }),
    ...(fork ? { reuse: fork.reuse } : {}),
    process: proc ? () => proc : missing('exec'),
    runWorkflow: async (subFile, inputs, p): Promise<SubRunResult> => {
      if (p.depth > config.limits.maxWorkflowDepth) {
        return {
          runId: '',
          status: 'failed',
          outputs: {},
          error: {
            code: 'workflow.too-deep',
            message: `sub-workflows nest deeper than ${config.limits.maxWorkflowDepth} (limits.maxWorkflowDepth in thaiyyal.config.yaml)`,
          },
        };
      }
      const target = isAbsolute(subFile) ? subFile : resolve(p.workflowDir, subFile);
      try {
        const r = await runOne(target, inputs, config, opts, {
          depth: p.depth,
          runId: p.runId,
          signal: p.signal,
          redact,
        });
        return {
          runId: r.runId,
          status: r.status,
          outputs: r.outputs,
          ...(r.error ? { error: r.error } : {}),
        };
      } catch (err) {
        if (err instanceof UserError) {
          const detail = err.diagnostics.map(
            (d) => `${d.file}:${d.range.start.line}:${d.range.start.col}: ${d.message}`,
          );
          return {
            runId: '',
            status: 'failed',
            outputs: {},
            error: { code: err.code, message: [err.message, ...detail].join('\n') },
          };
        }
        throw err;
      }
    },
  };

  // `run --optimize`: the optimised plan, in memory (the top-level run; docs/optimizer.md).
  const opt =
    opts.optimize && parent.depth === 0
      ? await (await import('./optimize.js')).optimizeForRun(wf, config)
      : undefined;
  const plan = compilePlan(opt?.workflow ?? wf, opt?.graph ?? loaded.graph, getNodeType, config);
  const signal = parent.signal ?? opts.signal;
  let result;
  try {
    result = await executePlan(
      plan,
      {
        runId,
        file: shown,
        workflowDir: dirname(file),
        inputs: resolved.inputs,
        secrets,
        redact,
        env: visibleEnv,
        concurrency: opts.concurrency ?? wf.defaults.concurrency ?? config.limits.concurrency,
        depth: parent.depth,
        ...(signal ? { signal } : {}),
        ...(parent.runId ? { parentRunId: parent.runId } : {}),
        ...(fork ? { forkOf: { runId: fork.runId, node: fork.node } } : {}),
        ...(opt ? { optimized: opt.optimized } : {}),
      },
      services,
    );
  } finally {
    for (const s of sinks) await s.close?.();
  }
  if (logFile && config.runs.compress) {
    logFile = (await import('../adapters/run-log.js')).compressRunLog(logFile);
  }
  const nodes: RunResult['nodes'] = {};
  for (const id of plan.graph.order) {
    const n = state.nodes[id];
    if (!n) continue;
    const status: NodeStatus = n.status === 'pending' || n.status === 'running' ? 'cancelled' : n.status;
    nodes[id] = {
      status,
      ...('output' in n && status !== 'cancelled' ? { output: n.output } : {}),
      ...(n.error ? { error: { code: n.error.code, message: n.error.message } } : {}),
      attempts: n.attempts,
      durationMs: n.durationMs,
    };
  }
  if (opt) reportOptimizedNodes(nodes, opt.optimized);
  return {
    runId,
    workflow: wf.name,
    status: result.status,
    outputs: result.outputs,
    // An imported original workflow reports its nodes under their original ids.
    nodes: loaded.imported ? originalIds(nodes, loaded.imported.renamed) : nodes,
    ...(result.error ? { error: { code: result.error.code, message: result.error.message } } : {}),
    durationMs: result.durationMs,
    ...(logFile ? { logFile } : {}),
    ...(loaded.imported?.warnings.length
      ? {
          // Named as the user wrote the path, like every other message of the run.
          warnings: loaded.imported.warnings.map((w) =>
            w.startsWith(file) ? shown + w.slice(file.length) : w,
          ),
        }
      : {}),
  };
}

/** Node results keyed by the original engine's ids (`renamed`: imported id → original id). */
function originalIds(nodes: RunResult['nodes'], renamed: Record<string, string>): RunResult['nodes'] {
  return Object.fromEntries(Object.entries(nodes).map(([id, n]) => [renamed[id] ?? id, n]));
}

/**
 * `run --optimize` reports every original node: a merged node with its survivor's status and
 * output (and `mergedInto`), a fused one with the fused node's status (and `fusedInto`), a
 * removed one as `skipped` with `skipReason: 'optimized-away'`.
 */
function reportOptimizedNodes(nodes: RunResult['nodes'], o: OptimizedRun): void {
  const final = (id: string): string => {
    let cur = id;
    for (let i = 0; i < 1000; i++) {
      const next = o.merged[cur] ?? o.fused[cur];
      if (next === undefined) break;
      cur = next;
    }
    return cur;
  };
  const away = { status: 'skipped', skipReason: 'optimized-away', attempts: 0, durationMs: 0 } as const;
  for (const id of o.removed) nodes[id] = { ...away };
  for (const [id, to] of Object.entries(o.merged)) {
    const s = nodes[final(to)];
    nodes[id] = s && !s.skipReason ? { ...s, mergedInto: final(to) } : { ...away };
  }
  for (const [id, to] of Object.entries(o.fused)) {
    const s = nodes[final(to)];
    nodes[id] = s
      ? { status: s.status, attempts: s.attempts, durationMs: 0, fusedInto: final(to) }
      : { ...away };
  }
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

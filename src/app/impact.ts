/**
 * Impact analysis (`thaiyyal diff A B --impact`): which workflows in the working tree call this one as a sub-workflow
 * (a `workflow` node whose `file` resolves to it), whether each call still fits the new contract (inputs it passes,
 * outputs it reads), and whether its recorded runs still replay on the new version (`thaiyyal replay --verify
 * --workflow`, src/app/replay): the most recent runs, each re-executed with its recorded effects.
 */
import { posix } from 'node:path';
import type { Workflow } from '../core/workflow.js';
import { discoverWorkflows, openRepo, type FoundWorkflow } from './versions.js';

export interface CallerProblem {
  /** `input-unknown`: passes an input the new version does not declare; `input-missing`: omits a newly required
   * one; `output-missing`: reads an output the new version does not have. */
  code: 'input-unknown' | 'input-missing' | 'output-missing';
  message: string;
}

export interface Caller {
  workflow: string;
  file: string;
  node: string;
  /** Empty when the call fits the new version's contract. */
  problems: CallerProblem[];
}

/** Replay verification of recorded runs against the new version. */
export interface ReplayImpact {
  /** `done`: the runs below were replayed; `pending`: not possible here (see `note`). */
  verified: 'done' | 'pending';
  /** Runs replayed (the most recent first, at most {@link MAX_REPLAYS}). */
  checked: number;
  /** Runs whose every node ended the same way with the same output. */
  identical: number;
  /** Runs that diverge: the first divergence of each. */
  diverged: Array<{ runId: string; message: string }>;
  /** Runs that could not be replayed (e.g. recorded before effects were recorded). */
  failed: Array<{ runId: string; message: string }>;
  note?: string;
}

export interface Impact {
  workflow: string;
  /** The workflow's file in the working tree, when found. */
  file?: string;
  callers: Caller[];
  runs: { recorded: number; replay: ReplayImpact };
}

/** At most this many recorded runs are replayed (the most recent). */
export const MAX_REPLAYS = 10;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every string inside a value (templates, raw expressions). */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (isRecord(v)) for (const x of Object.values(v)) strings(x, out);
  return out;
}

/** Which workflows call `workflow`, and do their calls still fit `after`'s contract? */
export async function impactOf(opts: {
  cwd: string;
  workflow: string;
  before?: Workflow;
  after: Workflow;
  /** The new version as a file on disk (path from `cwd`): needed to replay runs on it. */
  afterFile?: string;
}): Promise<Impact> {
  const repo = await openRepo(opts.cwd);
  const { workflows } = await discoverWorkflows(repo, 'worktree');
  const target = workflows.find((w) => w.name === opts.workflow);
  const callers: Caller[] = [];
  if (target) {
    for (const caller of workflows) callers.push(...callsOf(caller, target.file, opts.after));
  }
  let runIds: string[] = [];
  try {
    const { listRuns } = await import('./runs.js');
    // Top-level runs only: a sub-run replays as part of its parent.
    runIds = (await listRuns({ cwd: repo.root, workflow: opts.workflow })).runs
      .filter((r) => !r.parentRunId && r.status !== 'running')
      .map((r) => r.runId);
  } catch {
    runIds = [];
  }
  return {
    workflow: opts.workflow,
    ...(target ? { file: target.file } : {}),
    callers,
    runs: { recorded: runIds.length, replay: await replayRuns(opts.cwd, runIds, opts.afterFile) },
  };
}

async function replayRuns(
  cwd: string,
  runIds: string[],
  afterFile: string | undefined,
): Promise<ReplayImpact> {
  const replay: ReplayImpact = { verified: 'pending', checked: 0, identical: 0, diverged: [], failed: [] };
  if (runIds.length === 0) return { ...replay, verified: 'done', note: 'no recorded runs' };
  if (!afterFile) {
    return {
      ...replay,
      note: 'recorded runs are replayed only when the new version is a file in the working tree (B = FILE or WORKFLOW)',
    };
  }
  const { verifyRun } = await import('./replay/index.js');
  for (const runId of runIds.slice(0, MAX_REPLAYS)) {
    try {
      const v = await verifyRun({ cwd, run: runId, workflow: afterFile });
      replay.checked++;
      if (v.identical) replay.identical++;
      else
        replay.diverged.push({ runId, message: v.divergence?.message ?? `replay ended ${v.replayStatus}` });
    } catch (err) {
      replay.failed.push({ runId, message: err instanceof Error ? err.message : String(err) });
    }
  }
  const more =
    runIds.length > MAX_REPLAYS ? `; the ${MAX_REPLAYS} most recent of ${runIds.length} replayed` : '';
  return { ...replay, verified: 'done', ...(more ? { note: more.slice(2) } : {}) };
}

function callsOf(caller: FoundWorkflow, targetFile: string, after: Workflow): Caller[] {
  const out: Caller[] = [];
  const dir = posix.dirname(caller.file);
  for (const node of Object.values(caller.workflow.nodes)) {
    if (node.type !== 'workflow' || typeof node.options.file !== 'string') continue;
    if (posix.normalize(posix.join(dir, node.options.file)) !== targetFile) continue;
    const problems: CallerProblem[] = [];
    const passed = isRecord(node.options.inputs) ? Object.keys(node.options.inputs) : [];
    for (const name of passed.sort()) {
      if (!(name in after.inputs))
        problems.push({
          code: 'input-unknown',
          message: `passes input "${name}", which the new version does not declare`,
        });
    }
    for (const [name, spec] of Object.entries(after.inputs).sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (spec.required && spec.default === undefined && !passed.includes(name))
        problems.push({
          code: 'input-missing',
          message: `does not pass "${name}", which the new version requires`,
        });
    }
    // Outputs read anywhere in the caller: nodes.<id>.output.<name>
    const id = escapeRe(node.id);
    const re = new RegExp(`nodes\\.(?:${id}|\`${id}\`)\\.output\\.([A-Za-z_][A-Za-z0-9_]*)`, 'g');
    const read = new Set<string>();
    const texts = [
      ...Object.values(caller.workflow.nodes).flatMap((n) => strings([n.options, n.when, n.foreach])),
      ...strings(caller.workflow.outputs),
    ];
    for (const t of texts) for (const m of t.matchAll(re)) read.add(m[1]!);
    for (const name of [...read].sort()) {
      if (!(name in after.outputs))
        problems.push({
          code: 'output-missing',
          message: `reads output "${name}", which the new version does not have`,
        });
    }
    out.push({ workflow: caller.name, file: caller.file, node: node.id, problems });
  }
  return out;
}

/**
 * The I/O twin of the optimiser: `thaiyyal optimize FILE…` (load, validate, optimise, report,
 * optionally write the YAML back) and `thaiyyal run --optimize` (optimise a loaded workflow
 * in memory). Run history for the cost model comes from `.thaiyyal/runs`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { ProjectConfig } from '../core/config.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import { InternalError, UserError } from '../core/errors.js';
import type { WorkflowGraph } from '../core/graph.js';
import { parseWorkflow } from '../core/validate.js';
import type { Workflow } from '../core/workflow.js';
import type { OptimizedRun } from '../engine/events.js';
import { loadProjectConfig } from '../adapters/load-config.js';
import { listRunLogs, readRunLog, readRunLogEnds } from '../adapters/run-log.js';
import { EVENT_LOG_VERSION } from '../engine/events.js';
import { getNodeType, nodeTypes } from '../nodes/registry.js';
import {
  criticalPath,
  nodeCosts,
  optimizeWorkflow,
  renderDocument,
  renderOptimized,
  STAGES,
  suggest,
  type History,
  type OptContext,
  type Provenance,
  type Rewrite,
  type Suggestion,
} from '../optimizer/index.js';
import { rawNode } from '../optimizer/yaml-edit.js';
import { canonicalJson } from '../core/json.js';
import { expandWorkflowPaths } from './validate.js';
import { loadWorkflow } from './load.js';

/** Format version of the `optimize --json` document. */
export const OPTIMIZE_REPORT_VERSION = 1;

/** Past runs read for the cost model (newest first). */
export const HISTORY_RUNS = 50;

export interface OptimizeOptions {
  paths: readonly string[];
  cwd?: string;
  mode?: 'report' | 'write' | 'check' | 'diff';
  explain?: boolean;
  /** With explain: only this stage. */
  stage?: string;
  suggest?: boolean;
  /** Use this config instead of looking for thaiyyal.config.yaml. */
  config?: ProjectConfig;
}

export interface StageExplain {
  name: string;
  description: string;
  iterations: number;
  converged: boolean;
  rewrites: Rewrite[];
  /** Node count after the stage. */
  nodes: number;
  /** The workflow's nodes after the stage, as YAML values. */
  workflow: Record<string, Record<string, unknown>>;
  facts: Record<string, Record<string, unknown>>;
}

export interface OptimizeFileReport {
  file: string;
  rewrites: Rewrite[];
  nodes: { before: number; after: number };
  criticalPath: {
    beforeMs: number;
    afterMs: number;
    before: string[];
    after: string[];
    /** `history`: p50 durations of past runs; `defaults`: per-type estimates. */
    basis: 'history' | 'defaults';
  };
  provenance: Provenance;
  stages?: StageExplain[];
  suggestions?: Suggestion[];
  /** Unified diff of the file (with --diff). */
  diff?: string;
  /** True when --write changed the file. */
  written?: boolean;
}

export interface OptimizeReport {
  version: typeof OPTIMIZE_REPORT_VERSION;
  files: OptimizeFileReport[];
  /** Total rewrites available (or applied with --write). */
  rewrites: number;
}

/** The optimiser's injected context from a project config. */
export function optimizerContext(config: ProjectConfig): OptContext {
  return {
    getNodeType,
    now: Date.now,
    foreachConcurrency: config.limits.foreachConcurrency,
  };
}

/**
 * Optimises a loaded workflow in memory for `run --optimize`: the optimised workflow, its
 * graph, and what to record on `run.started`.
 */
export async function optimizeForRun(
  wf: Workflow,
  config: ProjectConfig,
): Promise<{ workflow: Workflow; graph: WorkflowGraph; optimized: OptimizedRun }> {
  const r = await optimizeWorkflow(wf, optimizerContext(config));
  const p = r.after.provenance;
  return {
    workflow: r.after.workflow,
    graph: r.after.graph,
    optimized: {
      rewrites: r.rewrites.length,
      merged: p.merged,
      removed: p.removed,
      fused: p.fused,
      folded: p.folded,
      hoisted: p.hoisted,
    },
  };
}

/** p50/p99 node durations of a workflow's recent successful runs. */
export async function loadHistory(root: string, workflow: string): Promise<History> {
  const samples: Record<string, number[]> = {};
  let used = 0;
  for (const f of await listRunLogs(root)) {
    if (used >= HISTORY_RUNS) break;
    try {
      const ends = readRunLogEnds(f.path, EVENT_LOG_VERSION);
      if (ends.first?.type !== 'run.started' || ends.first.workflow !== workflow) continue;
      // Optimised runs time the optimised nodes: they would skew the original nodes' figures.
      if (ends.first.optimized) continue;
      const log = await readRunLog(f.path, EVENT_LOG_VERSION);
      used++;
      for (const e of log.events) {
        if (e.type === 'node.succeeded') (samples[e.nodeId] ??= []).push(e.durationMs);
      }
    } catch (err) {
      if (err instanceof UserError) continue;
      throw err;
    }
  }
  const out: History = {};
  for (const [id, xs] of Object.entries(samples)) {
    xs.sort((a, b) => a - b);
    const q = (p: number) => xs[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)]!;
    out[id] = { p50: q(0.5), p99: q(0.99), runs: xs.length };
  }
  return out;
}

const sameWorkflow = (a: Workflow, b: Workflow) =>
  canonicalJson(Object.fromEntries(Object.entries(a.nodes).map(([id, n]) => [id, rawNode(n)]))) ===
    canonicalJson(Object.fromEntries(Object.entries(b.nodes).map(([id, n]) => [id, rawNode(n)]))) &&
  canonicalJson(a.outputs) === canonicalJson(b.outputs);

/**
 * `thaiyyal optimize`: every file is validated first; invalid files are reported as
 * `validate` reports them (a UserError with their diagnostics, exit 2) and nothing is
 * optimised or written.
 */
export async function optimizeFiles(opts: OptimizeOptions): Promise<OptimizeReport> {
  const cwd = opts.cwd ?? process.cwd();
  if (opts.stage !== undefined && !STAGES.some((s) => s.name === opts.stage)) {
    throw new UserError('usage', `unknown stage "${opts.stage}"`, {
      suggestions: [`stages: ${STAGES.map((s) => s.name).join(', ')}`],
    });
  }
  const files = await expandWorkflowPaths(opts.paths, cwd);
  const loaded = await Promise.all(
    files.map(async (file) => ({
      file,
      abs: resolve(cwd, file),
      ...(await loadWorkflow(resolve(cwd, file))),
    })),
  );
  // Diagnostics name files as given, like `validate` does.
  const invalid: Diagnostic[] = loaded.flatMap((l) =>
    hasErrors(l.diagnostics) ? l.diagnostics.map((d) => (d.file === l.abs ? { ...d, file: l.file } : d)) : [],
  );
  if (invalid.length > 0) {
    const bad = loaded.filter((l) => hasErrors(l.diagnostics)).map((l) => l.file);
    throw new UserError(
      'invalid-workflow',
      `${bad.join(', ')} ${bad.length === 1 ? 'is not a valid workflow' : 'are not valid workflows'}; nothing was optimised`,
      { diagnostics: sortDiagnostics(invalid) },
    );
  }
  const reports: OptimizeFileReport[] = [];
  for (const l of loaded) {
    const config = opts.config ?? (await loadProjectConfig(dirname(l.abs)));
    const ctx = optimizerContext(config);
    const wf = l.workflow!;
    const result = await optimizeWorkflow(wf, ctx);
    const history = await loadHistory(config.root, wf.name);
    const before = criticalPath(result.before, nodeCosts(result.before, ctx, history));
    const afterCosts = nodeCosts(result.after, ctx, history, result.before);
    const after = criticalPath(result.after, afterCosts);
    const report: OptimizeFileReport = {
      file: l.file,
      rewrites: result.rewrites,
      nodes: {
        before: Object.keys(wf.nodes).length,
        after: Object.keys(result.after.workflow.nodes).length,
      },
      criticalPath: {
        beforeMs: before.ms,
        afterMs: after.ms,
        before: before.nodes,
        after: after.nodes,
        basis: Object.keys(history).length > 0 ? 'history' : 'defaults',
      },
      provenance: result.after.provenance,
    };
    if (opts.explain) {
      report.stages = result.stages
        .filter((s) => opts.stage === undefined || s.name === opts.stage)
        .map((s) => ({
          name: s.name,
          description: s.description,
          iterations: s.iterations,
          converged: s.converged,
          rewrites: s.rewrites,
          nodes: Object.keys(s.after.workflow.nodes).length,
          workflow: Object.fromEntries(
            s.after.graph.order.map((id) => [id, rawNode(s.after.workflow.nodes[id]!)]),
          ),
          facts: s.facts,
        }));
    }
    if (opts.suggest) {
      report.suggestions = suggest(result.after, ctx, history, config.limits.nodeTimeoutMs, afterCosts);
    }
    const mode = opts.mode ?? 'report';
    if ((mode === 'write' || mode === 'diff') && result.rewrites.length > 0) {
      const text = await readFile(l.abs, 'utf8');
      const next = rewriteText(text, l.file, wf, result.after.workflow, result.after.provenance.hoisted);
      if (mode === 'diff')
        report.diff = createTwoFilesPatch(l.file, l.file, text, next, '', '', { context: 3 });
      else {
        await writeFile(l.abs, next);
        report.written = true;
      }
    }
    reports.push(report);
  }
  return {
    version: OPTIMIZE_REPORT_VERSION,
    files: reports,
    rewrites: reports.reduce((n, r) => n + r.rewrites.length, 0),
  };
}

/**
 * The optimised text of a file, checked: it must validate and mean exactly the optimised
 * workflow. Line edits keep the layout; when they cannot (flow-style maps), the document is
 * re-rendered with `yaml` (comments kept, layout normalised).
 */
export function rewriteText(
  text: string,
  file: string,
  before: Workflow,
  after: Workflow,
  hoisted: Record<string, string>,
): string {
  const candidates = [renderOptimized(text, before, after, hoisted), renderDocument(text, after)];
  for (const next of candidates) {
    if (next === undefined) continue;
    const parsed = parseWorkflow(next, file, nodeTypes);
    if (parsed.workflow && sameWorkflow(parsed.workflow, after)) return next;
  }
  throw new InternalError(`could not write the optimised ${file} back as YAML that means the same`);
}

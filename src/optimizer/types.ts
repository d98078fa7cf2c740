/**
 * The optimiser's data: the plan its passes rewrite, what a pass is, and what it reports.
 * The plan is the workflow model plus its dependency graph (not the engine's compiled
 * `ExecutionPlan`, whose closures could not be written back as YAML): every plan a pass
 * returns is a valid workflow, which `--write` renders and `run --optimize` compiles. Pure.
 */
import type { WorkflowGraph } from '../core/graph.js';
import type { Workflow } from '../core/workflow.js';
import type { NodeType } from '../nodes/types.js';

/** Where each node of the original workflow went. Ids are original node ids. */
export interface Provenance {
  /** Duplicate → the node it was merged into (common-subexpression elimination). */
  merged: Record<string, string>;
  /** Nodes removed because nothing observable reads them (dead-node elimination). */
  removed: string[];
  /** Node → the node whose expression now computes it (fusion). */
  fused: Record<string, string>;
  /** Nodes replaced by their constant value (constant folding). */
  folded: string[];
  /** New node → the `foreach` node its loop-invariant expression was hoisted out of. */
  hoisted: Record<string, string>;
}

/**
 * What is known about the expressions of a plan, kept up to date by the passes so that no
 * pass has to parse (compile) a rewritten expression again: JSONata compiles cost ~0.2 ms.
 */
export interface PlanIndex {
  /** Some expression reads nodes dynamically (`$lookup(nodes, x)`): reader-based passes back off. */
  dynamicReads: boolean;
  /** Output name → the nodes it reads. */
  outputReads: Record<string, string[]>;
}

/** The plan passes rewrite: a valid workflow, its graph, and where original nodes went. */
export interface OptPlan {
  readonly workflow: Workflow;
  readonly graph: WorkflowGraph;
  readonly provenance: Provenance;
  readonly index: PlanIndex;
}

/** One applied rewrite, for the report. */
export interface Rewrite {
  pass: string;
  /** Short kind, e.g. `merge`, `remove`, `fold`, `drop-needs`, `lift-concurrency`, `fuse`, `hoist`. */
  kind: string;
  /** The nodes it touched (first = the main one). */
  nodes: string[];
  /** What changed, in one sentence. */
  message: string;
  /** Why the change cannot alter outputs or external writes. */
  safety: string;
}

/** What passes may use; the app injects it (the optimiser imports no node registry). */
export interface OptContext {
  getNodeType(type: string): NodeType<never> | undefined;
  /** The clock, only to bound constant-folding evaluations (the core reads no clock). */
  now(): number;
  /** Default max items of a `foreach` in flight (limits.foreachConcurrency). */
  foreachConcurrency: number;
}

/** What a pass returns: the new plan (the input is never mutated), its rewrites, and facts. */
export interface PassResult {
  plan: OptPlan;
  rewrites: Rewrite[];
  /** Facts the pass established for later passes and for `--explain`. */
  facts?: Record<string, unknown>;
}

/** A pass: pure plan → plan, with metadata. */
export interface Pass {
  name: string;
  description: string;
  /** The argument why the rewrite keeps outputs and the set and required order of external writes. */
  safety: string;
  /** Facts this pass hands on (documentation for `--explain` and docs/optimizer.md). */
  provides: string[];
  run(plan: OptPlan, ctx: OptContext): Promise<PassResult> | PassResult;
}

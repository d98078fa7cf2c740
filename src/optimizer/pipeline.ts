/**
 * The optimiser pipeline: named stages of passes; the `simplify` stage repeats its passes
 * until nothing changes (a fixpoint, with a convergence guard), as later rewrites open new
 * chances for earlier passes (a merge makes a node dead, a fold makes a copy identical). Pure.
 */
import type { Workflow } from '../core/workflow.js';
import { constantFolding } from './passes/constant-folding.js';
import { cse } from './passes/cse.js';
import { deadNodes } from './passes/dead-nodes.js';
import { fusion } from './passes/fusion.js';
import { hoisting } from './passes/hoisting.js';
import { parallelize } from './passes/parallelize.js';
import { planOf } from './plan.js';
import type { OptContext, OptPlan, Pass, Rewrite } from './types.js';

export interface Stage {
  name: string;
  description: string;
  passes: Pass[];
  /** Repeat the passes until no rewrite applies (at most {@link MAX_ITERATIONS} rounds). */
  fixpoint: boolean;
}

/** Rounds of a fixpoint stage before giving up (a guard against passes that undo each other). */
export const MAX_ITERATIONS = 10;

export const STAGES: readonly Stage[] = [
  {
    name: 'simplify',
    description:
      'constant folding, common-subexpression elimination, dead-node elimination and hoisting loop-invariant work out of foreach, to a fixpoint',
    // Hoisting is here so that a hoisted expression over constants is folded in the next round.
    passes: [constantFolding, cse, deadNodes, hoisting],
    fixpoint: true,
  },
  {
    name: 'restructure',
    description: 'fusing chains of pure transforms, to a fixpoint',
    passes: [fusion],
    fixpoint: true,
  },
  {
    name: 'parallelize',
    description: 'dropping ordering-only needs and lifting default foreach concurrency',
    passes: [parallelize, deadNodes],
    fixpoint: false,
  },
];

export const PASSES: readonly Pass[] = [constantFolding, cse, deadNodes, hoisting, fusion, parallelize];

/** What happened in one stage. */
export interface StageReport {
  name: string;
  description: string;
  rewrites: Rewrite[];
  /** Rounds run (1 for a non-fixpoint stage). */
  iterations: number;
  /** True when the stage reached its fixpoint; false when the guard stopped it while still changing. */
  converged: boolean;
  /** The workflow after this stage (for `--explain --stage`). */
  after: OptPlan;
  facts: Record<string, Record<string, unknown>>;
}

export interface OptimizeResult {
  before: OptPlan;
  after: OptPlan;
  stages: StageReport[];
  rewrites: Rewrite[];
}

/**
 * Optimises a validated workflow. The input is never mutated.
 * @example (await optimizeWorkflow(wf, ctx)).rewrites.map((r) => r.message)
 */
export async function optimizeWorkflow(
  wf: Workflow,
  ctx: OptContext,
  opts: { stages?: readonly Stage[] } = {},
): Promise<OptimizeResult> {
  const before = planOf(wf, ctx);
  let plan = before;
  const stages: StageReport[] = [];
  for (const stage of opts.stages ?? STAGES) {
    const rewrites: Rewrite[] = [];
    const facts: Record<string, Record<string, unknown>> = {};
    let iterations = 0;
    let converged = false;
    while (iterations < (stage.fixpoint ? MAX_ITERATIONS : 1)) {
      iterations++;
      let changed = false;
      for (const pass of stage.passes) {
        const r = await pass.run(plan, ctx);
        if (r.rewrites.length > 0) changed = true;
        rewrites.push(...r.rewrites);
        if (r.facts) facts[pass.name] = r.facts;
        plan = r.plan;
      }
      if (!changed) {
        converged = true;
        break;
      }
    }
    if (!stage.fixpoint) converged = true;
    stages.push({
      name: stage.name,
      description: stage.description,
      rewrites,
      iterations,
      converged,
      after: plan,
      facts,
    });
  }
  return { before, after: plan, stages, rewrites: stages.flatMap((s) => s.rewrites) };
}

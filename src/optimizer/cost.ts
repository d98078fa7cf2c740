/**
 * The cost model: an estimated duration per node — the p50 of its past runs when the run
 * history has it (profile-guided), else a default per type — and the critical path, the
 * longest chain of estimated durations through the graph. Pure.
 */
import { parseDuration } from '../core/duration.js';
import type { NodeSpec } from '../core/workflow.js';
import type { OptContext, OptPlan } from './types.js';

/** Default estimates (ms) when there is no history: one call of each type. */
export const DEFAULT_COST_MS: Readonly<Record<string, number>> = {
  http: 100,
  exec: 50,
  workflow: 200,
  log: 1,
};
/** Pure computation. */
export const PURE_COST_MS = 1;
/** Items assumed for a `foreach` whose list is only known at run time. */
export const ASSUMED_ITEMS = 10;

/** Observed durations of one node id in past runs (ms). */
export type History = Record<string, { p50: number; p99: number; runs: number }>;

function baseCost(spec: NodeSpec, ctx: Pick<OptContext, 'getNodeType'>): number {
  if (spec.type === 'delay') {
    const d = spec.options['duration'] ?? spec.options['ms'];
    const ms = typeof d === 'number' || typeof d === 'string' ? parseDuration(d) : undefined;
    return ms ?? 100;
  }
  const own = DEFAULT_COST_MS[spec.type];
  if (own !== undefined) return own;
  return ctx.getNodeType(spec.type)?.effects === 'pure' ? PURE_COST_MS : 100;
}

function rounds(spec: NodeSpec, foreachConcurrency: number): number {
  if (spec.foreach === undefined) return 1;
  const n = Array.isArray(spec.foreach) ? spec.foreach.length : ASSUMED_ITEMS;
  return Math.ceil(n / Math.max(1, spec.concurrency ?? foreachConcurrency));
}

/** Estimated duration of each node of a plan, in ms. */
export function nodeCosts(
  plan: OptPlan,
  ctx: Pick<OptContext, 'getNodeType' | 'foreachConcurrency'>,
  history: History = {},
  original?: OptPlan,
): Record<string, number> {
  const out: Record<string, number> = {};
  const absorbed: Record<string, string[]> = {};
  for (const [from, into] of Object.entries(plan.provenance.fused)) (absorbed[into] ??= []).push(from);
  for (const id of plan.graph.order) {
    const spec = plan.workflow.nodes[id]!;
    const was = original?.workflow.nodes[id];
    const h = history[id];
    let cost: number;
    if (h && was) {
      // Scale the observed time by the change in foreach rounds (lifted concurrency).
      cost = (h.p50 * rounds(spec, ctx.foreachConcurrency)) / rounds(was, ctx.foreachConcurrency);
    } else if (h) cost = h.p50;
    else cost = baseCost(spec, ctx) * rounds(spec, ctx.foreachConcurrency);
    for (const a of absorbed[id] ?? []) cost += history[a]?.p50 ?? PURE_COST_MS;
    out[id] = cost;
  }
  return out;
}

/** The longest path of estimated durations (ms) and its nodes. */
export function criticalPath(plan: OptPlan, costs: Record<string, number>): { ms: number; nodes: string[] } {
  const finish: Record<string, number> = {};
  const via: Record<string, string | undefined> = {};
  let end: string | undefined;
  for (const id of plan.graph.order) {
    let start = 0;
    let from: string | undefined;
    for (const d of plan.graph.deps[id]!) {
      if (finish[d]! > start) {
        start = finish[d]!;
        from = d;
      }
    }
    finish[id] = start + (costs[id] ?? 0);
    via[id] = from;
    if (end === undefined || finish[id] > finish[end]!) end = id;
  }
  const nodes: string[] = [];
  for (let n = end; n !== undefined; n = via[n]) nodes.unshift(n);
  return { ms: end === undefined ? 0 : Math.round(finish[end]!), nodes };
}

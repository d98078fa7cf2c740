/**
 * The plan as the event log's `run.started` records it, and reading older logs' plans. Pure.
 * Documented in docs/event-log.md.
 */

/**
 * Node ids in topological order, each node's type, and each node's dependencies as indexes
 * into `nodes` (event log v2). Ids appear once, not once per dependent: the plan of a
 * 10,000-node run is half the bytes of v1's `{id, type, deps}` objects and a fraction of the
 * work to write.
 */
export interface RunPlan {
  readonly nodes: readonly string[];
  readonly types: readonly string[];
  /** Shared with the compiled plan by the engine (not copied per run): never modify. */
  readonly deps: readonly (readonly number[])[];
}

/** One node of a {@link RunPlan}, its dependencies by id. */
export interface PlanEntry {
  id: string;
  type: string;
  deps: string[];
}

/** The entries of a plan, dependencies by id. */
export function planEntries(plan: RunPlan): PlanEntry[] {
  return plan.nodes.map((id, i) => ({
    id,
    type: plan.types[i] ?? '?',
    deps: (plan.deps[i] ?? []).map((d) => plan.nodes[d] ?? '?'),
  }));
}

/**
 * An event read back from a log, in the current shape: a v1 `run.started` lists its plan as
 * `{id, type, deps}` objects, turned here into a {@link RunPlan}. Any other event is returned
 * as it is.
 */
export function upgradeEvent<E extends { type: string }>(e: E): E {
  const plan = e.type === 'run.started' ? (e as { plan?: unknown }).plan : undefined;
  if (!Array.isArray(plan)) return e;
  const entries = plan as Partial<PlanEntry>[];
  const index = new Map(entries.map((p, i) => [p.id, i]));
  const upgraded: RunPlan = {
    nodes: entries.map((p) => String(p.id)),
    types: entries.map((p) => String(p.type)),
    deps: entries.map((p) => (Array.isArray(p.deps) ? p.deps : []).flatMap((d) => index.get(d) ?? [])),
  };
  return { ...e, plan: upgraded };
}

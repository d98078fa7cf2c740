/**
 * Compiles a validated workflow and its graph into an execution plan: nodes in
 * topological order with dependency indexes and compiled templates. Pure.
 */
import type { ProjectConfig } from '../core/config.js';
import type { WorkflowGraph } from '../core/graph.js';
import { collectExpressions, compileValue, type Resolver } from '../core/expr/template.js';
import { collectRefs } from '../core/expr/refs.js';
import { InternalError } from '../core/errors.js';
import type { Json, NodeSpec, RetryPolicy, Workflow } from '../core/workflow.js';
import type { NodeType } from '../nodes/types.js';
import { DEFAULT_RETRY } from '../core/parse/normalize.js';

export interface PlanNode {
  id: string;
  index: number;
  spec: NodeSpec;
  type: NodeType<never>;
  /** Indexes (into plan.nodes) of dependencies and dependents. */
  deps: number[];
  dependents: number[];
  /** Resolves the template options. */
  options: Resolver;
  /** Raw JSONata options, evaluated by the node itself. */
  rawOptions: Record<string, string>;
  when?: Resolver;
  foreach?: Resolver;
  retry: RetryPolicy;
  /** Per-attempt timeout; undefined = no timeout beyond the run's. */
  timeoutMs: number | undefined;
  /** The config setting the timeout came from, when not `limits.nodeTimeoutMs` (for the message). */
  timeoutSetting?: string;
}

export interface PlanOutput {
  name: string;
  resolve: Resolver;
  /** Nodes the output reads; it is only evaluated after a failed run when all of them succeeded. */
  reads: string[];
}

export interface ExecutionPlan {
  workflow: Workflow;
  graph: WorkflowGraph;
  nodes: PlanNode[];
  outputs: PlanOutput[];
}

/** Compiles the plan; the workflow must have passed validation (unknown types are an internal error). */
export function compilePlan(
  wf: Workflow,
  graph: WorkflowGraph,
  getNodeType: (type: string) => NodeType<never> | undefined,
  config: ProjectConfig,
): ExecutionPlan {
  const index = new Map(graph.order.map((id, i) => [id, i]));
  const nodes = graph.order.map((id, i): PlanNode => {
    const spec = wf.nodes[id]!;
    const type = getNodeType(spec.type);
    if (!type) throw new InternalError(`node "${id}" has unknown type "${spec.type}" after validation`);
    const raw = new Set(type.expressionOptions ?? []);
    const templated: Record<string, Json> = {};
    const rawOptions: Record<string, string> = {};
    for (const [k, v] of Object.entries(spec.options)) {
      if (raw.has(k) && typeof v === 'string') rawOptions[k] = v;
      else templated[k] = v;
    }
    const node: PlanNode = {
      id,
      index: i,
      spec,
      type,
      deps: graph.deps[id]!.map((d) => index.get(d)!),
      dependents: graph.dependents[id]!.map((d) => index.get(d)!),
      options: compileValue(templated),
      rawOptions,
      retry: spec.retry ?? wf.defaults.retry ?? DEFAULT_RETRY,
      timeoutMs:
        spec.timeoutMs ??
        wf.defaults.timeoutMs ??
        (type.effects === 'pure' ? undefined : config.limits.nodeTimeoutMs),
    };
    const fromConfig = spec.timeoutMs === undefined && wf.defaults.timeoutMs === undefined;
    if (fromConfig && node.timeoutMs !== undefined && config.limits.timeoutSettings?.node)
      node.timeoutSetting = config.limits.timeoutSettings.node;
    if (spec.when !== undefined) node.when = compileValue(spec.when);
    if (spec.foreach !== undefined) node.foreach = compileValue(spec.foreach);
    return node;
  });
  const outputs = Object.entries(wf.outputs).map(([name, value]): PlanOutput => {
    const reads = new Set<string>();
    for (const e of collectExpressions(value)) {
      if (!e.error) for (const n of collectRefs(e.source).nodes.keys()) reads.add(n);
    }
    return { name, resolve: compileValue(value), reads: [...reads].sort() };
  });
  return { workflow: wf, graph, nodes, outputs };
}

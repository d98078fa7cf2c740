/**
 * Builds in-memory workflows for engine tests, without going through the YAML parser.
 */
import { DEFAULT_CONFIG, type ProjectConfig } from '../../src/core/config.js';
import { FILE_START } from '../../src/core/diagnostics.js';
import { buildGraph } from '../../src/core/graph.js';
import type { Json, NodeSpec, Workflow } from '../../src/core/workflow.js';
import type { RunEvent } from '../../src/engine/events.js';
import { executePlan, type EngineServices } from '../../src/engine/execute.js';
import { compilePlan } from '../../src/engine/plan.js';
import type { NodeType } from '../../src/nodes/types.js';

export type NodeInit = Partial<Omit<NodeSpec, 'id' | 'type' | 'options'>> & { type: string } & Record<
    string,
    unknown
  >;

const COMMON = new Set([
  'type',
  'description',
  'needs',
  'when',
  'foreach',
  'concurrency',
  'retry',
  'timeoutMs',
  'onError',
  'tolerateSkipped',
]);

export function makeWorkflow(
  nodes: Record<string, NodeInit>,
  outputs: Record<string, Json> = {},
  extra: Partial<Workflow> = {},
): Workflow {
  const specs: Record<string, NodeSpec> = {};
  for (const [id, init] of Object.entries(nodes)) {
    const options: Record<string, Json> = {};
    for (const [k, v] of Object.entries(init)) if (!COMMON.has(k)) options[k] = v as Json;
    specs[id] = {
      id,
      type: init.type,
      options,
      needs: init.needs ?? [],
      onError: init.onError ?? { action: 'fail' },
      tolerateSkipped: init.tolerateSkipped ?? false,
      ...(init.when !== undefined ? { when: init.when } : {}),
      ...(init.foreach !== undefined ? { foreach: init.foreach } : {}),
      ...(init.concurrency !== undefined ? { concurrency: init.concurrency } : {}),
      ...(init.retry !== undefined ? { retry: init.retry } : {}),
      ...(init.timeoutMs !== undefined ? { timeoutMs: init.timeoutMs } : {}),
    };
  }
  return {
    apiVersion: 'thaiyyal.dev/v1',
    kind: 'Workflow',
    name: 'test',
    owners: [],
    labels: {},
    inputs: {},
    nodes: specs,
    outputs,
    defaults: {},
    source: { file: 'test.yaml', rangeOf: () => FILE_START },
    ...extra,
  };
}

/** Runs a workflow through the real planner and engine with the given node types. */
export async function execute(
  wf: Workflow,
  types: Record<string, NodeType<never>>,
  opts: {
    inputs?: Record<string, unknown>;
    secrets?: Record<string, string>;
    concurrency?: number;
    signal?: AbortSignal;
    config?: Partial<ProjectConfig>;
    services?: Partial<EngineServices>;
  } = {},
) {
  const config: ProjectConfig = { ...DEFAULT_CONFIG, root: '/tmp', ...opts.config };
  const { graph, diagnostics } = buildGraph(wf, (t) => types[t]?.expressionOptions ?? []);
  if (!graph) throw new Error(`invalid test workflow: ${diagnostics.map((d) => d.message).join('; ')}`);
  const plan = compilePlan(wf, graph, (t) => types[t], config);
  const events: RunEvent[] = [];
  const result = await executePlan(
    plan,
    {
      runId: 'r1',
      file: 'test.yaml',
      workflowDir: '/tmp',
      inputs: opts.inputs ?? {},
      secrets: opts.secrets ?? {},
      env: {},
      concurrency: opts.concurrency ?? 16,
      ...(opts.signal ? { signal: opts.signal } : {}),
    },
    {
      config,
      sink: { write: (e) => events.push(e) },
      now: Date.now,
      random: () => 0.5,
      http: () => {
        throw new Error('no http in this test');
      },
      process: () => {
        throw new Error('no process in this test');
      },
      runWorkflow: () => Promise.reject(new Error('no sub-workflows in this test')),
      ...opts.services,
    },
  );
  return { result, events, plan };
}

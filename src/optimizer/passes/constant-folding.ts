/**
 * Constant folding (Dask's `inline` of constants): a pure node whose expressions read nothing
 * that varies between runs — no inputs, secrets, env, run data, clock or randomness, and only
 * nodes already constant — is evaluated now and replaced by `type: transform` with its value.
 */
import { compileExpression, type EvaluationLimits } from '../../core/expr/jsonata.js';
import { compileValue, evaluateExpression, LIMITS, type Scope } from '../../core/expr/template.js';
import type { Json, NodeSpec } from '../../core/workflow.js';
import type { NodeContext } from '../../nodes/types.js';
import { nodeEffect } from '../effects.js';
import { nodeExpressions, textFlags } from '../expr.js';
import { rawOptionsOf, updatePlan } from '../plan.js';
import type { OptContext, OptPlan, Pass, Rewrite } from '../types.js';

/** Largest folded value (as JSON text) written into a workflow. */
export const MAX_FOLDED_BYTES = 16_384;
/** Time bound of one evaluation at optimise time. */
const FOLD_TIME_MS = 200;

/** A signal that never aborts (one for all evaluations). */
const NEVER = new AbortController().signal;

/** Pure types whose execution is a function of their options alone. */
const FOLDABLE = new Set(['transform', 'map', 'filter', 'reduce', 'format', 'parse', 'condition', 'switch']);

/** A constant `transform` (value without templates): nothing left to fold. */
function isConstantValue(spec: NodeSpec): boolean {
  return (
    spec.type === 'transform' &&
    'value' in spec.options &&
    !JSON.stringify(spec.options['value']).includes('${{')
  );
}

function foldable(spec: NodeSpec, plan: OptPlan, ctx: OptContext, constant: Set<string>): boolean {
  if (!FOLDABLE.has(spec.type) || spec.when !== undefined || spec.foreach !== undefined) return false;
  if (spec.pure === false || nodeEffect(spec, ctx).effect !== 'pure') return false;
  if (plan.index.dynamicReads) return false;
  const f = textFlags(nodeExpressions(spec, rawOptionsOf(ctx, spec.type)));
  if (f.varies || f.nondeterministic) return false;
  // Raw options (map's expression) bind $item themselves; only templates may not read an item.
  if (textFlags(nodeExpressions(spec, [])).usesItem) return false;
  for (const n of plan.graph.deps[spec.id]!) if (!constant.has(n)) return false;
  return true;
}

function sameJson(a: unknown): Json | undefined {
  const text = JSON.stringify(a);
  if (text === undefined || text.length > MAX_FOLDED_BYTES || text.includes('${{')) return undefined;
  return JSON.parse(text) as Json;
}

async function evaluateNode(
  spec: NodeSpec,
  ctx: OptContext,
  constants: Record<string, { output: unknown; status: string }>,
): Promise<Json | undefined> {
  const type = ctx.getNodeType(spec.type)!;
  const rawNames = new Set(type.expressionOptions ?? []);
  const templated: Record<string, Json> = {};
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(spec.options)) {
    if (rawNames.has(k) && typeof v === 'string') raw[k] = v;
    else templated[k] = v;
  }
  const limits: EvaluationLimits = { now: ctx.now, timeMs: FOLD_TIME_MS, maxDepth: 2_000 };
  const scope: Scope = { [LIMITS]: limits, inputs: {}, nodes: constants, env: {}, secrets: {}, run: {} };
  const refuse = (): never => {
    throw new Error('not constant');
  };
  const nodeCtx: NodeContext = {
    runId: '',
    nodeId: spec.id,
    attempt: 1,
    signal: NEVER,
    workflowDir: '',
    config: undefined as never,
    evaluate(name, bindings) {
      const source = raw[name];
      if (source === undefined) return Promise.reject(new Error(`no raw option ${name}`));
      const input = bindings ? { ...scope, ...bindings } : scope;
      return evaluateExpression(compileExpression(source), source, input, bindings);
    },
    log: refuse,
    now: refuse,
    random: refuse,
    sleep: refuse,
    get http(): never {
      return refuse();
    },
    get process(): never {
      return refuse();
    },
    runWorkflow: refuse,
    runStore: new Map(),
  };
  try {
    const options = await compileValue(templated)(scope);
    return sameJson(await type.execute(options as never, nodeCtx));
  } catch {
    return undefined;
  }
}

export const constantFolding: Pass = {
  name: 'constant-folding',
  description:
    'Evaluates pure nodes whose inputs are constant at optimise time and replaces them by their value.',
  safety:
    'Only pure, deterministic node types are folded, and only when their expressions read no inputs, secrets, env, run data, clock ($now, $millis) or randomness ($random), and only constant nodes: they compute the same value in every run. A node whose evaluation fails is left to fail at run time.',
  provides: ['constants: node id → value known at optimise time'],
  async run(plan, ctx) {
    const wf = plan.workflow;
    const constant = new Set<string>();
    const values: Record<string, { output: unknown; status: string }> = {};
    const changed: Record<string, NodeSpec> = {};
    const rewrites: Rewrite[] = [];
    for (const id of plan.graph.order) {
      const spec = wf.nodes[id]!;
      if (isConstantValue(spec) && spec.when === undefined && spec.foreach === undefined) {
        constant.add(id);
        values[id] = { output: spec.options['value'] ?? null, status: 'succeeded' };
        continue;
      }
      if (!foldable(spec, plan, ctx, constant)) continue;
      const value = await evaluateNode(spec, ctx, values);
      if (value === undefined) continue;
      constant.add(id);
      values[id] = { output: value, status: 'succeeded' };
      const folded: NodeSpec = {
        id,
        type: 'transform',
        options: { value },
        needs: spec.needs,
        onError: spec.onError,
        tolerateSkipped: spec.tolerateSkipped,
      };
      if (spec.description !== undefined) folded.description = spec.description;
      changed[id] = folded;
      rewrites.push({
        pass: 'constant-folding',
        kind: 'fold',
        nodes: [id],
        message: `folded node "${id}" (${spec.type}) to its constant value ${preview(value)}`,
        safety: `"${id}" is pure and reads only constants: every run computes ${preview(value)}`,
      });
    }
    const facts = { constants: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.output])) };
    if (rewrites.length === 0) return { plan, rewrites, facts };
    return {
      plan: updatePlan(plan, ctx, { nodes: changed, provenance: { folded: Object.keys(changed) } }),
      rewrites,
      facts,
    };
  },
};

function preview(v: Json): string {
  const t = JSON.stringify(v);
  return t.length > 40 ? `${t.slice(0, 37)}…` : t;
}

/**
 * Common-subexpression elimination (Dask's tokenize-dedup, dask-expr's common subplan
 * elimination): nodes with the same type, the same options, `when`, `foreach` and policies —
 * compared in a canonical form (JSONata by AST, key order ignored, references to merged copies
 * read as references to their survivor) — on the same inputs are computed once; references to
 * the copies are rewritten to the first.
 */
import type { Json, NodeSpec } from '../../core/workflow.js';
import { effectWords, nodeEffect } from '../effects.js';
import { canonicalJson } from '../../core/json.js';
import {
  canonicalExpression,
  canonicalTemplate,
  mapNodeExpressions,
  mapTemplateExpressions,
  nodeExpressions,
  renameInExpression,
  RewriteRefused,
  textFlags,
  type Rename,
} from '../expr.js';
import { rawOptionsOf, updatePlan } from '../plan.js';
import type { OptContext, Pass, Rewrite } from '../types.js';

/** Keys of nodes read without renames, by spec object (specs are never mutated). */
const keys = new WeakMap<NodeSpec, string>();

/** The canonical key of a node: equal keys compute the same thing from the same inputs. */
export function nodeKey(spec: NodeSpec, ctx: Pick<OptContext, 'getNodeType'>, rename?: Rename): string {
  if (rename) return computeKey(spec, ctx, rename);
  let key = keys.get(spec);
  if (key === undefined) {
    key = computeKey(spec, ctx, undefined);
    keys.set(spec, key);
  }
  return key;
}

function computeKey(
  spec: NodeSpec,
  ctx: Pick<OptContext, 'getNodeType'>,
  rename: Rename | undefined,
): string {
  const raw = new Set(rawOptionsOf(ctx, spec.type));
  const options = Object.keys(spec.options)
    .sort()
    .map((k) => {
      const v = spec.options[k]!;
      return `${JSON.stringify(k)}=${raw.has(k) && typeof v === 'string' ? `expr(${canonicalExpression(v, rename)})` : canonicalTemplate(v, rename)}`;
    });
  return [
    spec.type,
    options.join(';'),
    canonicalTemplate(spec.when, rename),
    canonicalTemplate(spec.foreach, rename),
    [...new Set(spec.needs.map((n) => rename?.get(n) ?? n))].sort().join(','),
    String(spec.concurrency),
    canonicalJson(spec.retry),
    String(spec.timeoutMs),
    canonicalJson(spec.onError),
    String(spec.tolerateSkipped),
    String(spec.pure),
    String(spec.idempotent),
  ].join('\n');
}

/** Whether a node may be merged, by context and spec object (the fixpoint asks again for unchanged specs). */
const mergeableCache = new WeakMap<OptContext, WeakMap<NodeSpec, boolean>>();

function mergeable(spec: NodeSpec, ctx: OptContext): boolean {
  let bySpec = mergeableCache.get(ctx);
  if (!bySpec) mergeableCache.set(ctx, (bySpec = new WeakMap()));
  let ok = bySpec.get(spec);
  if (ok === undefined) {
    const e = nodeEffect(spec, ctx);
    ok =
      !e.opaque &&
      e.idempotent &&
      !textFlags(nodeExpressions(spec, rawOptionsOf(ctx, spec.type))).nondeterministic;
    bySpec.set(spec, ok);
  }
  return ok;
}

/** Renames every reference to `from` into `to` in a node (expressions and needs). */
export function renameInNode(spec: NodeSpec, raw: readonly string[], from: string, to: string): NodeSpec {
  let out = mapNodeExpressions(spec, raw, (s) => renameInExpression(s, from, to));
  if (out.needs.includes(from)) {
    out = { ...out, needs: [...new Set(out.needs.map((n) => (n === from ? to : n)))] };
  }
  return out;
}

export const cse: Pass = {
  name: 'cse',
  description:
    'Merges structurally identical pure or idempotent nodes on identical inputs; readers of the copies read the first.',
  safety:
    'Merged nodes have the same type, options, when, foreach, needs and policies in canonical form, so they read the same inputs and compute the same value; they are pure, read-only (GET) or declared idempotent, so one execution has the effect of two. Expressions reading the clock or randomness are never merged.',
  provides: ['merged: duplicate id → surviving id'],
  run(plan, ctx) {
    const wf = plan.workflow;
    if (plan.index.dynamicReads) return { plan, rewrites: [], facts: { skipped: 'dynamic node reads' } };
    const first = new Map<string, string>();
    /** Copy → survivor, decided in topological order (a copy of a copy reads the survivor). */
    const merged = new Map<string, string>();
    for (const id of plan.graph.order) {
      const spec = wf.nodes[id]!;
      if (!mergeable(spec, ctx)) continue;
      const renamed = plan.graph.deps[id]!.some((d) => merged.has(d)) ? merged : undefined;
      const key = nodeKey(spec, ctx, renamed);
      const survivor = first.get(key);
      if (survivor === undefined) first.set(key, id);
      else merged.set(id, survivor);
    }
    if (merged.size === 0) return { plan, rewrites: [], facts: { merged: {} } };
    // Rewrite the readers of every copy; keep a copy whose readers cannot all be rewritten.
    const nodes: Record<string, NodeSpec | null> = {};
    const deps: Record<string, string[]> = {};
    const accepted: Record<string, string> = {};
    const refused = new Set<string>();
    let outputs: Record<string, Json> = wf.outputs;
    const outputReads: Record<string, string[]> = { ...plan.index.outputReads };
    /** Node id → the outputs that read it (kept in step with outputReads). */
    const outputsReading = new Map<string, Set<string>>();
    const addReader = (node: string, output: string) => {
      let set = outputsReading.get(node);
      if (!set) outputsReading.set(node, (set = new Set()));
      set.add(output);
    };
    for (const [k, r] of Object.entries(outputReads)) for (const n of r) addReader(n, k);
    // Readers before what they read (reverse topological order): a copy read by a refused copy
    // must stay too, since its reader still names it.
    for (const [dup, to] of [...merged].reverse()) {
      if (plan.graph.dependents[dup]!.some((r) => refused.has(r))) {
        refused.add(dup);
        continue;
      }
      const edits: Record<string, NodeSpec> = {};
      const editDeps: Record<string, string[]> = {};
      let nextOutputs = outputs;
      try {
        for (const reader of plan.graph.dependents[dup]!) {
          if (merged.has(reader) && !refused.has(reader)) continue;
          const current = (nodes[reader] as NodeSpec | undefined) ?? wf.nodes[reader]!;
          edits[reader] = renameInNode(current, rawOptionsOf(ctx, current.type), dup, to);
          const before = deps[reader] ?? plan.graph.deps[reader]!;
          editDeps[reader] = [...new Set(before.map((d) => (d === dup ? to : d)))].sort();
        }
        const reading = outputsReading.get(dup);
        if (reading && reading.size > 0) {
          nextOutputs = { ...outputs };
          for (const k of reading) {
            nextOutputs[k] = mapTemplateExpressions(outputs[k]!, (s) => renameInExpression(s, dup, to));
          }
        }
      } catch (err) {
        if (!(err instanceof RewriteRefused)) throw err;
        refused.add(dup);
        continue;
      }
      Object.assign(nodes, edits);
      Object.assign(deps, editDeps);
      if (nextOutputs !== outputs) {
        for (const k of outputsReading.get(dup)!) {
          outputReads[k] = [...new Set(outputReads[k]!.map((n) => (n === dup ? to : n)))].sort();
          addReader(to, k);
        }
        outputsReading.delete(dup);
        outputs = nextOutputs;
      }
      nodes[dup] = null;
      accepted[dup] = to;
    }
    if (Object.keys(accepted).length === 0) return { plan, rewrites: [], facts: { merged: {} } };
    const rewrites: Rewrite[] = Object.entries(accepted)
      .reverse()
      .map(([dup, to]) => ({
        pass: 'cse',
        kind: 'merge',
        nodes: [dup, to],
        message: `merged node "${dup}" into "${to}" (same ${wf.nodes[dup]!.type} on the same inputs); its readers now read "${to}"`,
        safety: `"${dup}" and "${to}" are identical in canonical form and ${effectWords(nodeEffect(wf.nodes[dup]!, ctx))}${nodeEffect(wf.nodes[dup]!, ctx).effect === 'write' ? ' (declared idempotent)' : ''}: one run of it equals two`,
      }));
    const next = updatePlan(plan, ctx, {
      nodes,
      deps,
      ...(outputs !== wf.outputs ? { outputs, outputReads } : {}),
      provenance: { merged: accepted },
    });
    return { plan: next, rewrites, facts: { merged: accepted } };
  },
};

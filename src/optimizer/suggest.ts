/**
 * `optimize --suggest`: recommendations the optimiser does not apply by itself, because only
 * the author knows whether they keep behaviour — ranked by the time they would save, estimated
 * from run history (or the cost model's defaults). Pure.
 */
import { nodeEffect } from './effects.js';
import { canonicalTemplate, valueReads } from './expr.js';
import { nodeKey } from './passes/cse.js';
import type { History } from './cost.js';
import type { OptContext, OptPlan } from './types.js';

export interface Suggestion {
  kind: 'cache-get' | 'batch-http' | 'filter-before-map' | 'tighten-timeout' | 'declare-idempotent';
  nodes: string[];
  message: string;
  /** Estimated time saved per run (ms); for timeouts, per hung call. */
  savingMs: number;
  /** Where the estimate comes from. */
  basis: 'history' | 'defaults';
}

/** Timeouts are suggested at this multiple of the observed p99. */
export const TIMEOUT_P99_FACTOR = 2;
/** Runs of history needed before a timeout is suggested. */
export const MIN_RUNS_FOR_TIMEOUT = 5;

/**
 * Ranked suggestions for a plan (usually the optimised one, so merged nodes are not repeated).
 * @example suggest(result.after, ctx, history, 60_000)[0]?.message
 */
export function suggest(
  plan: OptPlan,
  ctx: OptContext,
  history: History,
  defaultTimeoutMs: number,
  costs: Record<string, number>,
): Suggestion[] {
  const wf = plan.workflow;
  const out: Suggestion[] = [];
  const basis = (id: string): Suggestion['basis'] => (history[id] ? 'history' : 'defaults');
  const ids = plan.graph.order;

  // Repeated GETs the optimiser could not merge (different policies, when or foreach items).
  const byUrl = new Map<string, string[]>();
  for (const id of ids) {
    const s = wf.nodes[id]!;
    if (s.type !== 'http' || nodeEffect(s, ctx).effect !== 'read') continue;
    const key = canonicalTemplate(s.options['url']);
    byUrl.set(key, [...(byUrl.get(key) ?? []), id]);
    if (Array.isArray(s.foreach)) {
      const distinct = new Set(s.foreach.map((x) => JSON.stringify(x))).size;
      if (distinct < s.foreach.length) {
        const per = (costs[id] ?? 0) / Math.max(1, s.foreach.length);
        out.push({
          kind: 'cache-get',
          nodes: [id],
          message: `node "${id}" GETs ${s.foreach.length} items of which only ${distinct} differ: fan out over the distinct items (e.g. $distinct) and look results up`,
          savingMs: Math.round(per * (s.foreach.length - distinct)),
          basis: basis(id),
        });
      }
    }
  }
  for (const group of byUrl.values()) {
    if (group.length < 2) continue;
    const saving = group.slice(1).reduce((t, id) => t + (costs[id] ?? 0), 0);
    out.push({
      kind: 'cache-get',
      nodes: group,
      message: `nodes ${group.map((g) => `"${g}"`).join(', ')} GET the same URL; read one node's output in the others (they differ in when, foreach or policies, so optimize does not merge them)`,
      savingMs: Math.round(saving),
      basis: basis(group[1]!),
    });
  }

  // Fan-outs of HTTP calls: one batched call instead of one per item.
  for (const id of ids) {
    const s = wf.nodes[id]!;
    if (s.type !== 'http' || s.foreach === undefined) continue;
    const n = Array.isArray(s.foreach) ? s.foreach.length : undefined;
    if (n !== undefined && n < 4) continue;
    out.push({
      kind: 'batch-http',
      nodes: [id],
      message: `node "${id}" makes one HTTP call per item${n ? ` (${n})` : ''}; if the API has a batch endpoint, one call for all items saves the per-call latency`,
      savingMs: Math.round((costs[id] ?? 0) * 0.5),
      basis: basis(id),
    });
  }

  // A filter over a map's output: filtering the input first maps fewer items.
  for (const id of ids) {
    const s = wf.nodes[id]!;
    if (s.type !== 'filter') continue;
    for (const src of valueReads(s.options['items'])?.nodes ?? []) {
      const m = wf.nodes[src];
      if (!m || (m.type !== 'map' && m.foreach === undefined)) continue;
      out.push({
        kind: 'filter-before-map',
        nodes: [id, src],
        message: `node "${id}" filters the output of "${src}"; if the condition only needs the input items, filter before "${src}" so it processes fewer items`,
        savingMs: Math.round((costs[src] ?? 0) * 0.5),
        basis: basis(src),
      });
    }
  }

  // Timeouts far above what the node has ever needed.
  for (const id of ids) {
    const s = wf.nodes[id]!;
    const h = history[id];
    const e = nodeEffect(s, ctx);
    if (!h || h.runs < MIN_RUNS_FOR_TIMEOUT || e.effect === 'pure') continue;
    const timeout = s.timeoutMs ?? wf.defaults.timeoutMs ?? defaultTimeoutMs;
    const proposed = Math.max(100, Math.ceil((h.p99 * TIMEOUT_P99_FACTOR) / 100) * 100);
    if (proposed >= timeout) continue;
    out.push({
      kind: 'tighten-timeout',
      nodes: [id],
      message: `node "${id}" took at most ${Math.round(h.p99)} ms (p99 of ${h.runs} runs) but may wait ${timeout} ms; set "timeout: ${proposed}ms" so a hung call fails fast`,
      savingMs: timeout - proposed,
      basis: 'history',
    });
  }

  // Identical writes: merged only when the author declares them idempotent.
  const first = new Map<string, string>();
  for (const id of ids) {
    const s = wf.nodes[id]!;
    const e = nodeEffect(s, ctx);
    if (e.opaque || e.idempotent) continue;
    const key = nodeKey(s, ctx);
    const prev = first.get(key);
    if (prev === undefined) first.set(key, id);
    else {
      out.push({
        kind: 'declare-idempotent',
        nodes: [id, prev],
        message: `node "${id}" repeats "${prev}" (a ${s.type} that may write); if doing it twice is the same as once, add "idempotent: true" to both and optimize merges them`,
        savingMs: Math.round(costs[id] ?? 0),
        basis: basis(id),
      });
    }
  }
  return out.sort((a, b) => b.savingMs - a.savingMs || a.nodes[0]!.localeCompare(b.nodes[0]!));
}

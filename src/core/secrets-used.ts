/**
 * Which secrets and environment variables a workflow reads, so only those are loaded
 * (and a missing secret is reported before the run starts). Pure.
 */
import { collectExpressions } from './expr/template.js';
import { collectRefs } from './expr/refs.js';
import type { ExpressionOptionsOf } from './graph.js';
import type { Json, Workflow } from './workflow.js';

/** Names read as `secrets.X` and `env.X` anywhere in the workflow (sorted). */
export function externalRefs(
  wf: Workflow,
  expressionOptionsOf: ExpressionOptionsOf,
): { secrets: string[]; env: string[] } {
  const secrets = new Set<string>();
  const env = new Set<string>();
  const add = (source: string) => {
    try {
      const r = collectRefs(source);
      for (const s of r.secrets.keys()) secrets.add(s);
      for (const e of r.env.keys()) env.add(e);
    } catch {
      // syntax errors are reported by validation; nothing to collect here
    }
  };
  const scan = (v: Json | undefined) => {
    for (const e of collectExpressions(v)) if (!e.error) add(e.source);
  };
  for (const node of Object.values(wf.nodes)) {
    const raw = new Set(expressionOptionsOf(node.type));
    for (const [k, v] of Object.entries(node.options)) {
      if (raw.has(k) && typeof v === 'string') add(v);
      else scan(v);
    }
    scan(node.when);
    scan(node.foreach);
  }
  for (const v of Object.values(wf.outputs)) scan(v);
  return { secrets: [...secrets].sort(), env: [...env].sort() };
}

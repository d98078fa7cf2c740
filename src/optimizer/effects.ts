/**
 * The effect model the passes rely on: what a node does to the outside world, from its
 * type's declared `effects`, refined by what is known statically (an `http` node with a
 * literal GET/HEAD/OPTIONS method only reads) and by the node's own `pure: true` /
 * `idempotent: true` overrides. Pure.
 */
import { isTemplate } from '../core/expr/template.js';
import type { NodeSpec } from '../core/workflow.js';
import type { Effect } from '../nodes/types.js';
import type { OptContext } from './types.js';

export interface NodeEffect {
  /** pure: no effect · read: reads the outside world · write: may change it. */
  effect: Effect;
  /** Running it twice with the same options equals running it once (pure and read always are). */
  idempotent: boolean;
  /** Optimiser must leave it alone entirely (stateful or failing-on-purpose types). */
  opaque: boolean;
}

/** Types the optimiser never rewrites: `fail` exists to fail; `original/*` types may share run state. */
export function isOpaqueType(type: string): boolean {
  return type === 'fail' || type.startsWith('original/');
}

/** The same rule as `httpEffect` in src/nodes/http.ts (the optimiser may not import node types). */
function httpMethodEffect(method: unknown): Effect {
  if (method === undefined) return 'read';
  if (typeof method !== 'string' || isTemplate(method)) return 'write';
  const m = method.toUpperCase();
  return m === 'GET' || m === 'HEAD' || m === 'OPTIONS' ? 'read' : 'write';
}

/** The effect of one node. Unknown types are treated as opaque writes. */
export function nodeEffect(spec: NodeSpec, ctx: Pick<OptContext, 'getNodeType'>): NodeEffect {
  const type = ctx.getNodeType(spec.type);
  if (spec.pure === true) return { effect: 'pure', idempotent: true, opaque: false };
  if (!type) return { effect: 'write', idempotent: false, opaque: true };
  let effect: Effect = type.effects;
  if (spec.type === 'http' && effect === 'write') effect = httpMethodEffect(spec.options['method']);
  const opaque = isOpaqueType(spec.type);
  return { effect, idempotent: effect !== 'write' || spec.idempotent === true, opaque };
}

/** The effect in words, for reports: `pure`, `read-only`, `a write`. */
export function effectWords(e: NodeEffect): string {
  return e.effect === 'pure' ? 'pure' : e.effect === 'read' ? 'read-only' : 'a write';
}

/**
 * Static types of JSONata operands: what can be known about a value before the run, from
 * literals, declared inputs (`type: number` …) and `env.X` / `secrets.X` (always strings).
 */
import type { Workflow } from '../workflow.js';
import { rootSteps, stepName, type AstNode } from './expression-ast.js';

/** The type of a value that is known before the run. */
export type StaticType = 'string' | 'number' | 'boolean';

/** What an operand is, when its type is known: the type and how to name it in a message. */
export interface Operand {
  type: StaticType;
  label: string;
  literal: boolean;
}

/** Fields of a token that say nothing about its meaning (the parser copies `id` and `lbp` onto every token). */
const TOKEN_FIELDS = new Set(['type', 'value', 'position', 'id', 'lbp']);

/** A step that is only a name: no predicate, stage, focus or index binding. */
function plainStep(step: AstNode | undefined): boolean {
  return !!step && Object.keys(step).every((k) => TOKEN_FIELDS.has(k));
}

/**
 * The static type of an operand: a literal, a declared input (`integer` counts as number) or
 * `env.X` / `secrets.X` (always strings). Undefined when it cannot be known.
 */
export function operandOf(n: unknown, workflow: Workflow): Operand | undefined {
  if (!n || typeof n !== 'object') return undefined;
  const a = n as AstNode;
  if (a.type === 'string' && typeof a.value === 'string')
    return { type: 'string', label: JSON.stringify(a.value), literal: true };
  if (a.type === 'number' && typeof a.value === 'number')
    return { type: 'number', label: String(a.value), literal: true };
  if (a.type === 'value' && typeof a.value === 'boolean')
    return { type: 'boolean', label: String(a.value), literal: true };
  const steps = rootSteps(a);
  if (steps.length !== 2 || !steps.every(plainStep)) return undefined;
  const root = stepName(steps[0]);
  const name = stepName(steps[1]);
  if (name === undefined) return undefined;
  if (root === 'env' || root === 'secrets')
    return { type: 'string', label: `${root}.${name} (always a string)`, literal: false };
  if (root !== 'inputs') return undefined;
  const t = workflow.inputs[name]?.type;
  const type: StaticType | undefined =
    t === 'string'
      ? 'string'
      : t === 'number' || t === 'integer'
        ? 'number'
        : t === 'boolean'
          ? 'boolean'
          : undefined;
  return type
    ? { type, label: `inputs.${name} (${t === 'integer' ? 'an' : 'a'} ${t} input)`, literal: false }
    : undefined;
}

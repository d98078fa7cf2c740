/**
 * Where an expression reads a secret: `secrets.X` (or bare `secrets`) and inputs declared
 * `secret: true`, for the `secret-in-*` rules.
 */
import type { Workflow } from '../workflow.js';
import { astOf, nameSpan, rootSteps, stepName, walkAst } from './expression-ast.js';

/** A read of a secret inside an expression: what it is called and where (offsets in the expression). */
export interface SecretRead {
  label: string;
  start: number;
  length: number;
}

/** Every `secrets.X` (or bare `secrets`) and secret input read by an expression, in source order. */
export function secretReads(source: string, workflow: Workflow): SecretRead[] {
  const out: SecretRead[] = [];
  walkAst(astOf(source), (n) => {
    const steps = rootSteps(n);
    const root = stepName(steps[0]);
    const name = stepName(steps[1]);
    const first = steps[0];
    if (!first || root === undefined) return;
    const isSecret =
      root === 'secrets' ||
      (root === 'inputs' && name !== undefined && workflow.inputs[name]?.secret === true);
    if (!isSecret) return;
    const head = nameSpan(source, first);
    const tail = steps[1] && name !== undefined ? nameSpan(source, steps[1]) : head;
    out.push({
      label: name !== undefined ? `${root}.${name}` : root,
      start: head.start,
      length: tail.start + tail.length - head.start,
    });
  });
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Loop bodies of `for_each` and `while_loop`: a workflow file run as a sub-run (the same
 * machinery as the native `workflow` node: own event log linked to the parent, depth limit,
 * cancellation). The body's value is its `result` output when it declares one (what the
 * importer writes), else all its outputs.
 */
import path from 'node:path';
import { isMap } from './go.js';
import { originalFailure } from './node.js';
import type { NodeContext } from '../../types.js';

/** Rejects absolute paths and paths leaving the project, like the native `workflow` node. */
export function checkBodyFile(
  file: unknown,
  ctx: Pick<NodeContext, 'workflowDir' | 'config'>,
  what: string,
): string {
  if (typeof file !== 'string' || file === '') {
    throw originalFailure('invalid-body', `${what}: body must be the path of a workflow file`);
  }
  if (path.isAbsolute(file)) {
    throw originalFailure(
      'invalid-body',
      `${what}: body "${file}" must be a path relative to the calling workflow's directory`,
    );
  }
  const rel = path.relative(path.resolve(ctx.config.root), path.resolve(ctx.workflowDir, file));
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
    throw originalFailure('invalid-body', `${what}: body "${file}" resolves outside the project root`);
  }
  return file;
}

/** Outcome of one body run. */
export type BodyOutcome = { ok: true; value: unknown } | { ok: false; error: string };

/** The value a body run stands for: its `result` output when declared, else its outputs map. */
export function bodyValue(outputs: Record<string, unknown>): unknown {
  return isMap(outputs) && Object.hasOwn(outputs, 'result') ? (outputs.result ?? null) : outputs;
}

/**
 * Runs the body once with `inputs`; a failed sub-run is an outcome, a cancellation of this
 * run throws.
 */
export async function runBody(
  ctx: NodeContext,
  file: string,
  inputs: Record<string, unknown>,
): Promise<BodyOutcome> {
  const sub = await ctx.runWorkflow(file, inputs);
  if (sub.status === 'succeeded') return { ok: true, value: bodyValue(sub.outputs) };
  ctx.signal.throwIfAborted();
  const cause = sub.error ?? { code: sub.status, message: `sub-run ${sub.status}` };
  return { ok: false, error: `[${cause.code}] ${cause.message}` };
}

import { expect } from 'vitest';
import { NodeFailure } from '../../src/nodes/types.js';

/** Awaits a promise that must reject with a NodeFailure, and returns that failure. */
export async function failure(promise: Promise<unknown>): Promise<NodeFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NodeFailure);
  return error as NodeFailure;
}

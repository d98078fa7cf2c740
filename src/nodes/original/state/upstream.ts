/**
 * The `upstream` option of retry, try_catch and timeout: the engine's view of the node they
 * guard (`upstream: "${{ nodes.<up> }}"`), whose native `retry`/`onError`/`timeout` policy
 * really retries, catches and times out (see README.md).
 */
import type { JsonSchema } from '../../types.js';

export interface Upstream {
  output?: unknown;
  status?: string;
  attempts?: number;
  error?: { code?: string; message?: string };
}

export const UPSTREAM_SCHEMA: JsonSchema = {
  type: 'object',
  description:
    'The guarded node as the engine saw it: "${{ nodes.<up> }}" ({output, status, attempts, error}); written by `thaiyyal import`.',
  properties: {
    output: {},
    status: { type: 'string' },
    attempts: { type: 'integer' },
    error: { type: ['object', 'null'] },
  },
};

/** The upstream's failure (message and code), when it failed. */
export function upstreamFailure(
  up: Upstream | undefined,
): { code: string; message: string; attempts: number } | undefined {
  if (up?.status !== 'failed') return undefined;
  return {
    code: typeof up.error?.code === 'string' ? up.error.code : 'original.upstream-failed',
    message: typeof up.error?.message === 'string' ? up.error.message : '',
    attempts: typeof up.attempts === 'number' ? up.attempts : 1,
  };
}

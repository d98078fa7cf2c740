/**
 * `original/retry`: the original `retry` node. The original never re-ran anything: it looked
 * for an `error` key in its input and slept. Fix: `thaiyyal import` puts a native `retry:`
 * policy (max_attempts, backoff_strategy, initial_delay, max_delay) on the upstream node, so
 * the engine really retries it; this node shapes the original's result from the engine's view
 * of that node (`upstream`): `{value, attempts, success: true}`, or the original's error after
 * the last attempt. An input that is an error map fails at once (no pointless sleeps).
 */
import { defineOriginal, inputsOf, originalFailure } from '../shared/node.js';
import { errorMapMessage } from './go.js';
import { UPSTREAM_SCHEMA, upstreamFailure, type Upstream } from './upstream.js';

interface RetryOptions {
  max_attempts?: number;
  backoff_strategy?: string;
  initial_delay?: string;
  max_delay?: string;
  multiplier?: number;
  retry_on_errors?: string[];
  upstream?: Upstream;
}

function exhausted(message: string, attempts: number, patterns: string[]): never {
  if (patterns.length > 0 && !patterns.some((p) => message.includes(p))) {
    throw originalFailure('retry-not-retryable', `error not in retry list: ${message}`, { attempts });
  }
  throw originalFailure('retry-exhausted', `max retry attempts (${attempts}) reached: ${message}`, {
    attempts,
  });
}

export const retry = defineOriginal<RetryOptions>({
  name: 'retry',
  summary:
    'Original engine: result of a node the engine retried (native retry policy) → {value, attempts, success}.',
  category: 'control',
  effects: 'pure',
  properties: {
    max_attempts: { type: 'integer', description: 'Tries in all. Default 3.' },
    backoff_strategy: {
      type: 'string',
      description:
        'exponential (default), linear or constant. Read by `thaiyyal import` into the upstream node’s native `retry:`; written by hand, set `retry:` on the upstream node.',
    },
    initial_delay: {
      type: 'string',
      description: 'First wait, a Go duration. Default 1s. Read by `thaiyyal import` (see backoff_strategy).',
    },
    max_delay: {
      type: 'string',
      description:
        'Longest wait, a Go duration. Default 30s. Read by `thaiyyal import` (see backoff_strategy).',
    },
    multiplier: {
      type: 'number',
      description:
        'Growth of exponential backoff. Default 2. Read by `thaiyyal import` (see backoff_strategy).',
    },
    retry_on_errors: {
      type: 'array',
      items: { type: 'string' },
      description:
        'After the engine’s retries: a final error whose message contains none of these is reported as not retryable (`retry-not-retryable`) rather than exhausted. Which failures the engine retries is the native policy’s `on:`.',
    },
    upstream: UPSTREAM_SCHEMA,
  },
  example: `settle:
  type: original/retry
  max_attempts: 2
  inputs: ['\${{ nodes.fetch.output }}']
  upstream: '\${{ nodes.fetch }}'
fetch:
  type: original/number
  value: 42
  retry: {attempts: 2, delay: 10ms, jitter: 0}
  onError: continue
`,
  execute(options) {
    const patterns = Array.isArray(options.retry_on_errors) ? options.retry_on_errors : [];
    const maxAttempts = typeof options.max_attempts === 'number' ? options.max_attempts : 3;
    const failed = upstreamFailure(options.upstream);
    if (failed) exhausted(failed.message, failed.attempts, patterns);
    const inputs = inputsOf(options);
    if (inputs.length === 0) throw originalFailure('no-input', 'retry node requires at least one input');
    const input = inputs[0];
    const message = errorMapMessage(input, false);
    if (message !== undefined) exhausted(message, maxAttempts, patterns);
    const attempts = typeof options.upstream?.attempts === 'number' ? options.upstream.attempts : 1;
    return Promise.resolve({ value: input, attempts, success: true });
  },
});

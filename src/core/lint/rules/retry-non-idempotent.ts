/**
 * `retry-non-idempotent`: an `http` node sending POST or PATCH that is retried. A request
 * that timed out or got a 5xx may still have been applied by the server, so the retry can
 * create the order twice or apply the patch twice. Safe variants are left alone: an
 * `Idempotency-Key` header (the server deduplicates), or `retry.on` limited to failures
 * where the request never reached the server (`http.connect`, `http.dns`).
 */
import type { Json } from '../../workflow.js';
import type { Rule } from '../types.js';

const NON_IDEMPOTENT = new Set(['POST', 'PATCH']);
/** Failure codes of requests that never reached the server: retrying them cannot repeat a write. */
const NOT_SENT = new Set(['http.connect', 'http.dns']);
const IDEMPOTENCY_HEADER = /^(x-)?idempotency-key$/i;

function hasIdempotencyKey(headers: Json | undefined): boolean {
  if (!headers || typeof headers !== 'object' || Array.isArray(headers)) return false;
  return Object.keys(headers).some((h) => IDEMPOTENCY_HEADER.test(h));
}

export const rule: Rule = {
  meta: {
    id: 'retry-non-idempotent',
    category: 'reliability',
    severity: 'warning',
    fixable: false,
    description: 'Retrying a POST or PATCH request may repeat a write the server already applied.',
  },
  check(ctx) {
    for (const node of Object.values(ctx.workflow.nodes)) {
      if (node.type !== 'http') continue;
      const method = node.options.method;
      if (typeof method !== 'string' || !NON_IDEMPOTENT.has(method.toUpperCase())) continue;
      const policy = node.retry ?? ctx.workflow.defaults.retry;
      if (!policy || policy.attempts <= 1) continue;
      if (hasIdempotencyKey(node.options.headers)) continue;
      if (policy.on.length > 0 && policy.on.every((code) => NOT_SENT.has(code))) continue;
      const from = node.retry ? '' : ' (from defaults.retry)';
      ctx.report({
        message: `http node "${node.id}" sends ${method.toUpperCase()} with ${policy.attempts} attempts${from}: a retry after a timeout or 5xx may repeat a write the server already applied; send an "Idempotency-Key" header, or limit retries with "retry: {on: [http.connect]}" to requests that never reached the server`,
        path: node.retry ? ['nodes', node.id, 'retry'] : ['nodes', node.id, 'method'],
      });
    }
  },
};

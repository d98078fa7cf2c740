/**
 * `original/cache`: the original `cache` node — get, set or delete a value of the run's
 * cache, with a TTL (default 5 min). Fixes: `delete` really deletes (the original reported
 * success and kept the entry; `deleted` now says whether a live entry was there), and the
 * cache is bounded — over `original.limits.maxCacheSize` entries (or the node's `max_size`)
 * the least recently used entry goes.
 */
import { defineOriginal, inputsOf, originalFailure } from '../shared/node.js';
import { durationError, parseOriginalDuration } from '../../../core/go-duration.js';
import { cacheDelete, cacheGet, cacheSet } from './store.js';

const DEFAULT_TTL_MS = 5 * 60_000;

export const cache = defineOriginal<{
  cache_op?: string;
  cache_key?: string;
  ttl?: string;
  max_size?: number;
  eviction?: unknown;
  storage?: unknown;
}>({
  name: 'cache',
  summary: "Original engine: get/set/delete in the run's cache (TTL default 5m, LRU-bounded).",
  category: 'data',
  effects: 'write', // changes the run's state (opaque to the optimiser like every original/* type)
  properties: {
    cache_op: { enum: ['get', 'set', 'delete'], description: 'What to do.' },
    cache_key: { type: 'string', description: 'The key.' },
    ttl: { type: 'string', description: 'set: how long the value lives, a Go duration. Default 5m.' },
    max_size: {
      type: 'integer',
      description:
        'set: keep at most this many entries (least recently used go first); also bounded by the config.',
    },
    eviction: { description: 'Accepted and ignored (eviction is LRU).' },
    storage: { description: 'Accepted and ignored (the cache lives for the run, in memory).' },
  },
  required: ['cache_op', 'cache_key'],
  example: `store:
  type: original/cache
  cache_op: set
  cache_key: user
  ttl: 1m
  inputs: [{id: 7}]
`,
  execute(options, ctx) {
    const op = options.cache_op;
    const key = options.cache_key;
    if (typeof op !== 'string') throw originalFailure('invalid-config', 'cache node requires cache_op field');
    if (typeof key !== 'string')
      throw originalFailure('invalid-config', 'cache node requires cache_key field');
    switch (op) {
      case 'set': {
        const inputs = inputsOf(options);
        if (inputs.length === 0)
          throw originalFailure('no-input', 'cache set operation requires an input value');
        let ttlMs = DEFAULT_TTL_MS;
        if (options.ttl !== undefined && options.ttl !== null) {
          const parsed = parseOriginalDuration(String(options.ttl));
          if (parsed === undefined) {
            throw originalFailure('invalid-ttl', `invalid TTL format: ${durationError(String(options.ttl))}`);
          }
          ttlMs = parsed;
        }
        cacheSet(ctx, key, inputs[0], ttlMs, options.max_size);
        return Promise.resolve({ operation: 'set', key, value: inputs[0], ttl: options.ttl ?? null });
      }
      case 'get': {
        const hit = cacheGet(ctx, key);
        return Promise.resolve({
          operation: 'get',
          key,
          found: hit.found,
          value: hit.found ? hit.value : null,
        });
      }
      case 'delete':
        return Promise.resolve({ operation: 'delete', key, deleted: cacheDelete(ctx, key) });
      default:
        throw originalFailure(
          'invalid-operation',
          `unsupported cache operation: ${op} (use get, set, or delete)`,
        );
    }
  },
});

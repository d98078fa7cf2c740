/**
 * `original/timeout`: the original `timeout` node. The original timed nothing: it compared an
 * `execution_time` field of its input with `timeout`. Fix: `thaiyyal import` puts a native
 * `timeout:` on the upstream node, so the engine really interrupts it; this node gives the
 * original's result from the engine's view of that node (`upstream`): timed out → an error
 * (`timeout_action: error`, the default) or `{…, timed_out: true, partial_result: true}`.
 * The original's `timeout` key is `timeout_duration` here: `timeout` is the native per-node
 * key of every node (the importer writes the limit there on the upstream node).
 */
import { NodeFailure } from '../../types.js';
import { defineOriginal, inputsOf, originalFailure } from '../shared/node.js';
import { goDurationString, parseOriginalDuration } from '../../../core/go-duration.js';
import { UPSTREAM_SCHEMA, upstreamFailure, type Upstream } from './upstream.js';
import { isMap } from '../shared/go.js';

interface TimeoutOptions {
  timeout_duration?: string;
  timeout_action?: string;
  upstream?: Upstream;
}

export const timeout = defineOriginal<TimeoutOptions>({
  name: 'timeout',
  summary: 'Original engine: result of a node the engine timed (native timeout) → {value, timed_out, …}.',
  category: 'control',
  effects: 'pure',
  properties: {
    timeout_duration: {
      type: 'string',
      description:
        'The original `timeout` (renamed: `timeout` is the native per-node key): a Go duration or integer ms. Default 30s.',
    },
    timeout_action: {
      type: 'string',
      description: 'error (default): a timeout fails; continue_with_partial: flag it in the result.',
    },
    upstream: UPSTREAM_SCHEMA,
  },
  example: `limited:
  type: original/timeout
  timeout_duration: 20ms
  timeout_action: continue_with_partial
  inputs: ['\${{ nodes.slow.output }}']
  upstream: '\${{ nodes.slow }}'
slow:
  type: delay
  duration: 1s
  timeout: 20ms
  onError: continue
`,
  execute(options) {
    let limitMs = 30_000;
    const raw = options.timeout_duration;
    if (raw !== undefined && raw !== null) {
      const parsed = parseOriginalDuration(String(raw));
      if (parsed === undefined) {
        throw originalFailure('invalid-timeout', `invalid timeout duration: ${String(raw)}`);
      }
      limitMs = parsed;
    }
    const action = options.timeout_action ?? 'error';
    const inputs = inputsOf(options);
    const timedOut = (value: unknown, elapsedMs: number) => {
      const result: Record<string, unknown> = {
        value,
        timeout_duration: goDurationString(limitMs),
        execution_time: goDurationString(elapsedMs),
        timed_out: true,
        timeout_exceeded: true,
      };
      if (action === 'error') {
        throw originalFailure(
          'timeout',
          `operation timed out after ${goDurationString(elapsedMs)} (limit: ${goDurationString(limitMs)})`,
          { result },
        );
      }
      result['partial_result'] = true;
      return Promise.resolve(result);
    };
    const failed = upstreamFailure(options.upstream);
    if (failed) {
      if (failed.code === 'timeout') return timedOut(inputs.length > 0 ? inputs[0] : null, limitMs);
      throw new NodeFailure(failed.code, failed.message);
    }
    if (inputs.length === 0) throw originalFailure('no-input', 'timeout node requires at least one input');
    const input = inputs[0];
    let elapsedMs = 0;
    if (isMap(input) && typeof input['execution_time'] === 'string') {
      const d = parseOriginalDuration(input['execution_time']);
      if (d !== undefined) elapsedMs = d;
    }
    if (elapsedMs > limitMs) return timedOut(input, elapsedMs);
    return Promise.resolve({
      value: input,
      timeout_duration: goDurationString(limitMs),
      execution_time: goDurationString(elapsedMs),
      timed_out: false,
    });
  },
});

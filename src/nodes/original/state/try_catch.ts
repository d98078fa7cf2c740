/**
 * `original/try_catch`: the original `try_catch` node. The original only looked for an
 * `error` key in its input. Fix: `thaiyyal import` sets `onError: continue` on the upstream
 * node, so a real failure there is caught; this node then gives the original's result
 * `{value: fallback_value, error_caught: true, error_message}` from the engine's view of that
 * node (`upstream`) — or fails with `error caught: …` when `continue_on_error` is false.
 */
import { defineOriginal, inputsOf, originalFailure } from '../shared/node.js';
import { errorMapMessage } from './go.js';
import { UPSTREAM_SCHEMA, upstreamFailure, type Upstream } from './upstream.js';

interface TryCatchOptions {
  fallback_value?: unknown;
  continue_on_error?: boolean;
  error_output_path?: string;
  upstream?: Upstream;
}

export const tryCatch = defineOriginal<TryCatchOptions>({
  name: 'try_catch',
  summary:
    'Original engine: catches the failure of the node before it → {value, error_caught, error_message}.',
  category: 'control',
  effects: 'pure',
  properties: {
    fallback_value: { description: 'The value when an error was caught. Default null.' },
    continue_on_error: { type: 'boolean', description: 'false: fail with "error caught: …". Default true.' },
    error_output_path: { type: 'string', description: 'Copied into the result when an error was caught.' },
    upstream: UPSTREAM_SCHEMA,
  },
  example: `safe:
  type: original/try_catch
  fallback_value: 0
  inputs: ['\${{ nodes.risky.output }}']
  upstream: '\${{ nodes.risky }}'
risky:
  type: fail
  message: boom
  onError: continue
`,
  execute(options) {
    const caught = (message: string) => {
      const result: Record<string, unknown> = {
        value: options.fallback_value ?? null,
        error_caught: true,
        error_message: message,
      };
      if (typeof options.error_output_path === 'string' && options.error_output_path !== '') {
        result['error_output_path'] = options.error_output_path;
      }
      if (options.continue_on_error === false) {
        throw originalFailure('error-caught', `error caught: ${message}`, { result });
      }
      return Promise.resolve(result);
    };
    const failed = upstreamFailure(options.upstream);
    if (failed) return caught(failed.message);
    const inputs = inputsOf(options);
    if (inputs.length === 0) throw originalFailure('no-input', 'try-catch node requires at least one input');
    const message = errorMapMessage(inputs[0], true);
    if (message !== undefined) return caught(message);
    return Promise.resolve({ value: inputs[0], error_caught: false });
  },
});

/**
 * `fail`: stops the branch it is on with a user-chosen error code and message, typically
 * behind a `when:` guard (input validation, unexpected upstream data).
 */
import { NodeFailure, type NodeType } from './types.js';

/** Options of `fail`. */
export interface FailOptions {
  message: unknown;
  code?: string;
  details?: Record<string, unknown>;
}

/**
 * The `fail` node type. Never retryable: the same inputs would fail the same way.
 * @example
 * reject:
 *   type: fail
 *   when: ${{ $count(nodes.fetch.output.body) = 0 }}
 *   code: empty-result
 *   message: the API returned no items
 */
export const fail: NodeType<FailOptions> = {
  type: 'fail',
  summary: 'Always fails with the given message and error code (use with `when`).',
  category: 'control',
  effects: 'pure',
  optionsSchema: {
    type: 'object',
    properties: {
      message: {
        type: 'string',
        minLength: 1,
        description: 'Why the run fails; ${{ … }} parts are filled in.',
      },
      code: {
        type: 'string',
        pattern: '^[a-z0-9][a-z0-9._-]*$',
        default: 'fail',
        description:
          'Error code of the failure (lowercase letters, digits, ".", "_", "-"), e.g. for retry.on or onError.',
      },
      details: {
        type: 'object',
        description: 'Structured details attached to the error (any JSON object).',
      },
    },
    required: ['message'],
    additionalProperties: false,
  },
  example: `reject:
  type: fail
  code: empty-result
  message: the API returned no items
`,
  async execute(options) {
    const message =
      typeof options.message === 'string' ? options.message : JSON.stringify(options.message ?? null);
    throw new NodeFailure(options.code ?? 'fail', message, {
      retryable: false,
      ...(options.details ? { details: options.details } : {}),
    });
  },
};

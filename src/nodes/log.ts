/**
 * `log`: writes a message to the run's event log (and so to the terminal and replay).
 * Marked `write` so the optimiser never drops it as dead code.
 */
import { isPlainObject } from './shared/values.js';
import type { LogLevel, NodeType } from './types.js';

/** Options of `log`. */
export interface LogOptions {
  message: unknown;
  level?: LogLevel;
  data?: unknown;
}

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/**
 * The `log` node type.
 * @example
 * announce:
 *   type: log
 *   message: 'Fetched ${{ $count(nodes.fetch.output.body) }} items'
 */
export const log: NodeType<LogOptions> = {
  type: 'log',
  summary: 'Writes a templated message (and optional data) to the run log.',
  category: 'io',
  effects: 'write',
  optionsSchema: {
    type: 'object',
    properties: {
      message: { type: 'string', description: 'The message; ${{ … }} parts are filled in.' },
      level: { enum: [...LEVELS], default: 'info', description: 'Severity: debug, info, warn or error.' },
      data: {
        description:
          'Structured data logged with the message (any JSON; a non-object is logged as {value: …}).',
      },
    },
    required: ['message'],
    additionalProperties: false,
  },
  example: `announce:
  type: log
  level: info
  message: 'Total is \${{ 2 + 3 }}'
`,
  async execute(options, ctx) {
    // A message that is exactly `${{ expr }}` keeps the expression's type; log it as text
    // rather than failing a run over a diagnostic line.
    const message =
      typeof options.message === 'string' ? options.message : JSON.stringify(options.message ?? null);
    const level = options.level ?? 'info';
    if (options.data === undefined) ctx.log(level, message);
    else ctx.log(level, message, isPlainObject(options.data) ? options.data : { value: options.data });
    return { message };
  },
};

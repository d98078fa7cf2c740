/**
 * `exec`: runs a command through the process adapter (`ctx.process`): argv without a shell by
 * default, a minimal environment, the project's timeout and output cap. A disallowed exit
 * code becomes an `exec.exit` failure carrying the tail of stderr; stdout can be parsed as
 * JSON or lines.
 */
import { isAbsolute, resolve } from 'node:path';
import { isPlainObject, typeName } from './shared/values.js';
import { FailureCode, NodeFailure, type NodeType, type ProcessRequest } from './types.js';

/** How stdout is returned: as text, parsed JSON, or an array of lines. */
export type ExecParse = 'text' | 'json' | 'lines';

/** Options of `exec`. */
export interface ExecOptions {
  command: string;
  args?: (string | number)[];
  shell?: boolean;
  cwd?: string;
  env?: Record<string, string | number | boolean>;
  stdin?: unknown;
  parse?: ExecParse;
  allowExitCodes?: number[];
}

/** Lines of stderr quoted in an `exec.exit` message. */
const STDERR_TAIL_LINES = 20;

const invalid = (message: string) => new NodeFailure(FailureCode.invalidOptions, `exec: ${message}`);

function tail(text: string, lines: number): string {
  const all = text.replace(/\s+$/, '').split(/\r?\n/);
  return all.slice(-lines).join('\n');
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Builds the adapter request from the node's options, the workflow directory and the project limits. */
export function buildProcessRequest(
  options: ExecOptions,
  workflowDir: string,
  limits: { timeoutMs: number; maxOutputBytes: number },
): ProcessRequest {
  if (typeof options.command !== 'string' || options.command.trim() === '') {
    throw invalid(`command must be a non-empty string, got ${typeName(options.command)}`);
  }
  if (!Array.isArray(options.args ?? []))
    throw invalid(`args must be an array, got ${typeName(options.args)}`);
  const args = (options.args ?? []).map((arg, i) => {
    if (typeof arg === 'string') return arg;
    if (typeof arg === 'number' && Number.isFinite(arg)) return String(arg);
    throw invalid(`args[${i}] must be a string or number, got ${typeName(arg)}`);
  });

  const env: Record<string, string> = {};
  if (options.env !== undefined) {
    if (!isPlainObject(options.env)) throw invalid(`env must be a map, got ${typeName(options.env)}`);
    for (const [name, value] of Object.entries(options.env)) {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        throw invalid(`env.${name} must be a string, number or boolean, got ${typeName(value)}`);
      }
      env[name] = String(value);
    }
  }

  if (options.cwd !== undefined && (typeof options.cwd !== 'string' || options.cwd === '')) {
    throw invalid(`cwd must be a non-empty path, got ${typeName(options.cwd)}`);
  }
  const cwd =
    options.cwd === undefined
      ? workflowDir
      : isAbsolute(options.cwd)
        ? options.cwd
        : resolve(workflowDir, options.cwd);

  const stdin =
    options.stdin === undefined || options.stdin === null
      ? undefined
      : typeof options.stdin === 'string'
        ? options.stdin
        : JSON.stringify(options.stdin);

  return {
    command: options.command,
    args,
    shell: options.shell ?? false,
    cwd,
    env,
    ...(stdin !== undefined ? { stdin } : {}),
    timeoutMs: limits.timeoutMs,
    maxOutputBytes: limits.maxOutputBytes,
  };
}

/**
 * The `exec` node type.
 * @example
 * version:
 *   type: exec
 *   command: git
 *   args: [describe, --tags]
 */
export const exec: NodeType<ExecOptions> = {
  type: 'exec',
  summary: 'Runs a command (argv, no shell unless asked) with a timeout and an output cap.',
  category: 'io',
  effects: 'write',
  optionsSchema: {
    type: 'object',
    properties: {
      command: {
        type: 'string',
        minLength: 1,
        description:
          'Program to run, looked up on PATH (or a path). With `shell: true`, a shell script run by `sh -c`.',
      },
      args: {
        type: 'array',
        items: { anyOf: [{ type: 'string' }, { type: 'number' }] },
        description:
          'Arguments, passed as-is (no word splitting, globbing or quoting needed). With `shell: true` they are $1, $2…',
      },
      shell: {
        type: 'boolean',
        default: false,
        description:
          'Run `command` as a script with `sh -c` (pipes, redirects). Pass untrusted values in `args` and use "$1", never splice them into the script.',
      },
      cwd: {
        type: 'string',
        minLength: 1,
        description:
          "Working directory, relative to the workflow file's directory (default: that directory).",
      },
      env: {
        type: 'object',
        additionalProperties: { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
        description:
          'Environment variables, added to a minimal base (PATH, HOME, LANG, TMPDIR). Nothing else is inherited.',
      },
      stdin: {
        description:
          'Data written to standard input: a string as-is, any other JSON value serialised as JSON.',
      },
      parse: {
        enum: ['text', 'json', 'lines'],
        default: 'text',
        description: 'How to return stdout: text, json (parsed) or lines (array of strings).',
      },
      allowExitCodes: {
        type: 'array',
        items: { type: 'integer' },
        minItems: 1,
        default: [0],
        description: 'Exit codes that count as success (default [0]); any other fails with exec.exit.',
      },
    },
    required: ['command'],
    additionalProperties: false,
  },
  example: `listFiles:
  type: exec
  command: ls
  args: [-1]
  parse: lines
`,
  async execute(options, ctx) {
    const request = buildProcessRequest(options, ctx.workflowDir, ctx.config.exec);
    const parse = options.parse ?? 'text';
    if (!['text', 'json', 'lines'].includes(parse))
      throw invalid(`parse must be text, json or lines, got ${JSON.stringify(parse)}`);
    const allowed = options.allowExitCodes ?? [0];
    if (!Array.isArray(allowed) || !allowed.every((c) => Number.isInteger(c))) {
      throw invalid('allowExitCodes must be an array of integers');
    }

    const result = await ctx.process.run(request, ctx.signal);
    const label = request.shell ? 'shell script' : JSON.stringify(request.command);

    if (!allowed.includes(result.exitCode)) {
      const stderrTail = tail(result.stderr, STDERR_TAIL_LINES);
      throw new NodeFailure(
        'exec.exit',
        `${label} exited with code ${result.exitCode} (allowed: ${allowed.join(', ')})` +
          (stderrTail ? `; last lines of stderr:\n${stderrTail}` : '; stderr was empty'),
        { details: { exitCode: result.exitCode, stderrTail, truncated: result.truncated } },
      );
    }

    let stdout: unknown = result.stdout;
    if (parse === 'lines') stdout = splitLines(result.stdout);
    if (parse === 'json') {
      try {
        stdout = JSON.parse(result.stdout) as unknown;
      } catch (error) {
        const why = result.truncated
          ? `output was cut at exec.maxOutputBytes (${request.maxOutputBytes} bytes)`
          : (error as Error).message;
        throw new NodeFailure(
          'exec.invalid-json',
          `${label} printed output that is not valid JSON (${why})`,
          {
            details: { excerpt: result.stdout.slice(0, 200), truncated: result.truncated },
          },
        );
      }
    }
    return { exitCode: result.exitCode, stdout, stderr: result.stderr, truncated: result.truncated };
  },
};

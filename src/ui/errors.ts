/**
 * The one place where the face turns an error into words and an exit code. Every command
 * routes failures here (via BaseCommand.catch), so users see the same shape everywhere:
 *
 * - {@link UserError}: its message, its diagnostics as `path:line:col: message [code]`, its
 *   suggestions; exit `err.exitCode`; never a stack trace.
 * - oclif usage errors (unknown flag, missing argument): the message and a pointer to `--help`; exit 2.
 * - anything else: "internal error, please report" plus the message; exit 1; the stack only
 *   with `THAIYYAL_DEBUG=1`.
 */
import { formatDiagnostic, sortDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import { ExitCode, UserError } from '../core/errors.js';
import { palette, type OutStream } from './style.js';

/** An error rendered for humans and machines. */
export interface RenderedError {
  exitCode: number;
  /** Text for stderr, ending with a newline. */
  text: string;
  /** The `--json` document for stdout. */
  json: { error: { code: string; message: string; suggestions: string[]; diagnostics: Diagnostic[] } };
}

/** oclif's parser errors carry `oclif.exit` and a `parse` field; we only read those. */
interface OclifLikeError extends Error {
  oclif?: { exit?: number };
  parse?: unknown;
  code?: string;
}

/** True when the error comes from oclif (flag/argument parsing, unknown command). */
function isOclifError(err: unknown): err is OclifLikeError {
  return err instanceof Error && typeof (err as OclifLikeError).oclif === 'object';
}

/**
 * Renders an error without writing anything.
 * @param commandId the command that failed, used in the `--help` hint for usage errors.
 */
export function renderError(
  err: unknown,
  commandId?: string,
  stream: OutStream = process.stderr,
): RenderedError {
  const c = palette(stream);
  const help = commandId ? `thaiyyal ${commandId} --help` : 'thaiyyal --help';
  if (err instanceof UserError) {
    // A message spanning lines (e.g. one listing diagnostics) keeps its continuation lines indented.
    const lines = [`${c.red('error')} ${err.message.replaceAll('\n', '\n  ')}`];
    const diagnostics = sortDiagnostics(err.diagnostics);
    // Each diagnostic is printed once: skip any the message already spells out.
    for (const d of diagnostics) {
      const line = formatDiagnostic(d);
      if (!err.message.includes(line)) lines.push(`  ${line}`);
    }
    for (const s of err.suggestions) lines.push(`  ${c.dim('→')} ${s}`);
    return {
      exitCode: err.exitCode,
      text: lines.join('\n') + '\n',
      json: { error: { code: err.code, message: err.message, suggestions: err.suggestions, diagnostics } },
    };
  }
  if (isOclifError(err)) {
    // Usage mistakes: oclif already wrote a precise message ("Missing 1 required arg: file").
    const exitCode = err.oclif?.exit ?? ExitCode.usage;
    // oclif appends its own "See more help with --help"; we name the exact command instead.
    const message = err.message.replace(/\n?See more help with --help\s*$/, '').trim();
    return {
      exitCode,
      text: `${c.red('error')} ${message.replaceAll('\n', '\n  ')}\n  ${c.dim('→')} see \`${help}\`\n`,
      json: {
        error: { code: err.code ?? 'usage', message, suggestions: [`see \`${help}\``], diagnostics: [] },
      },
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  const debug = process.env['THAIYYAL_DEBUG'] === '1';
  const lines = [
    `${c.red('internal error, please report')}: ${message}`,
    `  ${c.dim('→')} this is a bug in thaiyyal; report it with the command you ran` +
      (debug ? ' and the stack below' : ' and its output with THAIYYAL_DEBUG=1 set'),
  ];
  if (debug && err instanceof Error && err.stack) lines.push(err.stack);
  return {
    exitCode: ExitCode.failed,
    text: lines.join('\n') + '\n',
    json: { error: { code: 'internal', message, suggestions: [], diagnostics: [] } },
  };
}

/**
 * Writes an error (stderr always; with `json`, also the error document on stdout) and sets
 * the process exit code. Does not exit: pending output is flushed by Node on its own.
 */
export function reportError(err: unknown, opts: { commandId?: string; json?: boolean } = {}): number {
  const rendered = renderError(err, opts.commandId);
  process.stderr.write(rendered.text);
  if (opts.json) process.stdout.write(JSON.stringify(rendered.json, null, 2) + '\n');
  process.exitCode = rendered.exitCode;
  return rendered.exitCode;
}

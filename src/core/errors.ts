/**
 * The two error families (STYLE.md habit 6). Thrown only at boundaries; the face
 * turns a UserError into a clear message and its exit code, an InternalError into a
 * "please report" message.
 */
import type { Diagnostic } from './diagnostics.js';

/** Exit codes shared by every command (DESIGN.md conventions). */
export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  interrupted: 130,
} as const;

/** A problem with what the user gave us: bad flags, a bad file, a missing input. */
export class UserError extends Error {
  override readonly name = 'UserError';
  readonly code: string;
  readonly exitCode: number;
  readonly suggestions: string[];
  readonly diagnostics: Diagnostic[];
  constructor(
    code: string,
    message: string,
    opts: { exitCode?: number; suggestions?: string[]; diagnostics?: Diagnostic[] } = {},
  ) {
    super(message);
    this.code = code;
    this.exitCode = opts.exitCode ?? ExitCode.usage;
    this.suggestions = opts.suggestions ?? [];
    this.diagnostics = opts.diagnostics ?? [];
  }
}

/** Something that should never happen: a bug in thaiyyal. */
export class InternalError extends Error {
  override readonly name = 'InternalError';
}

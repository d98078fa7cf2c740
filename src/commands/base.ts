/**
 * The base of every thaiyyal command: routes any failure through the one shared error
 * renderer (src/ui/errors.ts) so users always get the same message shape and exit code,
 * and never a stack trace unless `THAIYYAL_DEBUG=1`.
 *
 * Kept free of heavy imports: the command map loads this file even for `--version`.
 */
import { Command, Flags } from '@oclif/core';

/** Shared `--json` flag: one JSON document on stdout, nothing else there. */
export const jsonFlag = Flags.boolean({
  description: 'Print one JSON document on stdout instead of human output.',
  default: false,
});

/** A thaiyyal command. Subclasses implement `run()` and may read {@link jsonMode}. */
export abstract class BaseCommand extends Command {
  /** True when `--json` was given: errors are then also reported as one JSON document on stdout. */
  protected jsonMode = false;

  override async init(): Promise<void> {
    await super.init();
    // Decided before parsing, so that flag errors under --json are reported as JSON too.
    this.jsonMode = this.argv.includes('--json');
  }

  /** Writes a JSON document to stdout. */
  protected printJson(value: unknown): void {
    process.stdout.write(JSON.stringify(value, null, 2) + '\n');
  }

  /** Writes text to stdout as is. */
  protected print(text: string): void {
    process.stdout.write(text);
  }

  /** Handles every error of the command: render, set the exit code, do not rethrow. */
  override async catch(err: Error & { exitCode?: number }): Promise<void> {
    const { reportError } = await import('../ui/errors.js');
    reportError(err, { json: this.jsonMode, ...(this.id ? { commandId: this.id } : {}) });
  }
}

import { Args } from '@oclif/core';
import { BaseCommand, jsonFlag } from './base.js';

/** `thaiyyal rollback WORKFLOW@x.y.z`: restore a released version in a new commit. */
export default class Rollback extends BaseCommand {
  static override summary = 'Restore a released version of a workflow in a new commit.';

  static override description = `Writes the workflow's file as it was at tag WORKFLOW@x.y.z (also ^1.2 or latest) and commits it ("rollback: hello to 1.2.0"); history is never rewritten. The file goes where the workflow lives now (found by its name: field), or where it was at the tag if it has been deleted since. If the file declares version:, it is set to the version the next release will make, so \`thaiyyal version check\` stays green; run \`thaiyyal release\` to tag the rollback.

Refuses (exit 2) when the file has uncommitted changes, when no version matches, or outside a git repository. When the file already has that version's content nothing is committed (exit 0).`;

  static override examples = [
    {
      description: 'Go back to version 1.0.0',
      command: '<%= config.bin %> <%= command.id %> greet@1.0.0',
    },
    {
      description: 'Go back to the latest 1.x release, as JSON',
      command: '<%= config.bin %> <%= command.id %> greet@^1 --json',
    },
  ];

  static override args = {
    version: Args.string({
      description: 'WORKFLOW@VERSION: a tag, or a range (^1.2) or latest.',
      required: true,
    }),
  };

  static override flags = { json: jsonFlag };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Rollback);
    const { rollback } = await import('../app/rollback.js');
    const result = await rollback({ cwd: process.cwd(), spec: args.version });
    if (flags.json) {
      this.printJson(result);
      return;
    }
    const { renderRollback } = await import('../ui/versioning-render.js');
    this.print(renderRollback(result, process.stdout));
  }
}

import { Args } from '@oclif/core';
import { BaseCommand, jsonFlag } from './base.js';

/** `thaiyyal versions WORKFLOW`: the released versions of a workflow. */
export default class Versions extends BaseCommand {
  static override summary = 'List the released versions of a workflow (its WORKFLOW@x.y.z tags).';

  static override description = `Lists the tags WORKFLOW@x.y.z of a workflow, newest first in semver order, with the tag's date, its commit and the workflow's file at that version. Tags named like WORKFLOW@… that are not semver (hello@1.2, hello@v1.2.0) are ignored with a warning.

Any listed version runs without a checkout: thaiyyal run WORKFLOW@1.2.0 (or @^1.2, @latest).

Exit codes: 0 listed (possibly none yet) · 2 unknown workflow, not a git repository, or a shallow clone without tags.`;

  static override examples = [
    { description: 'The versions of a workflow', command: '<%= config.bin %> <%= command.id %> greet' },
    { description: 'As JSON, for scripts', command: '<%= config.bin %> <%= command.id %> greet --json' },
  ];

  static override args = {
    workflow: Args.string({ description: 'The workflow name (its name: field).', required: true }),
  };

  static override flags = { json: jsonFlag };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Versions);
    const { listVersions } = await import('../app/versions.js');
    const result = await listVersions({ cwd: process.cwd(), workflow: args.workflow });
    if (flags.json) {
      this.printJson(result);
      return;
    }
    for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
    const { renderVersions } = await import('../ui/versioning-render.js');
    this.print(renderVersions(result.workflow, result.versions, process.stdout));
  }
}

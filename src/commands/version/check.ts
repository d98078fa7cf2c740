import { Args } from '@oclif/core';
import { BaseCommand, jsonFlag } from '../base.js';

/** `thaiyyal version check`: does every workflow's declared version reflect its changes since its last tag? */
export default class VersionCheck extends BaseCommand {
  static override summary =
    "Check that each workflow's declared version reflects its changes since its last tag.";

  static override description = `For each workflow in the working tree (or the ones named), diffs it against its last tag WORKFLOW@x.y.z and checks the version its file declares (the optional top-level version: field):

  - no version: field: passes; the version lives in the tags and \`thaiyyal release\` derives it (the pending bump is shown)
  - no change since the last tag: version: must be that tag's version
  - changes since the last tag: version: must be above it, by at least the bump the changes need (a breaking change needs a new major)

Use it on pull requests: it fails when a breaking change still claims the old major. The rules are in docs/versioning.md.

Exit codes: 0 every version reflects its changes · 1 some do not · 2 not a git repository, a shallow clone (fetch with --unshallow --tags), or an unknown workflow.`;

  static override examples = [
    { description: 'Check every workflow', command: '<%= config.bin %> <%= command.id %>' },
    {
      description: 'Check one workflow, as JSON',
      command: '<%= config.bin %> <%= command.id %> greet --json',
    },
  ];

  static override strict = false;

  static override args = {
    workflow: Args.string({ description: 'Workflow names to check (default: all).', required: false }),
  };

  static override flags = { json: jsonFlag };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(VersionCheck);
    const { refuseFlagLike } = await import('../../app/release.js');
    refuseFlagLike(argv as string[], 'version check');
    const { versionCheck } = await import('../../app/version-check.js');
    const result = await versionCheck({ cwd: process.cwd(), workflows: argv as string[] });
    if (flags.json) this.printJson(result);
    else {
      for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
      const { renderVersionCheck } = await import('../../ui/versioning-render.js');
      this.print(renderVersionCheck(result, process.stdout));
    }
    process.exitCode = result.ok ? 0 : 1;
  }
}

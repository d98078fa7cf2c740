import { Args, Flags } from '@oclif/core';
import { BaseCommand, jsonFlag } from './base.js';

/** `thaiyyal release [WORKFLOW…]`: version workflows from their contract, changelog, commit, tags. */
export default class Release extends BaseCommand {
  static override summary =
    'Release workflows: derive each version from its contract, write CHANGELOG.md, commit and tag.';

  static override description = `For each workflow (all committed workflows, or the ones named), diffs the committed file against its last tag WORKFLOW@x.y.z, classifies the changes (see thaiyyal diff and docs/versioning.md) and bumps the version: major for breaking changes, minor for additive ones, patch for internal ones. The first release of a workflow is 1.0.0 (or the version its file declares). Workflows without changes since their last tag are skipped.

It then writes CHANGELOG.md (a section per workflow, newest version first, with the classified changes), updates the file's version: field if it has one, commits those files ("release: hello@1.1.0, …") and creates an annotated tag per workflow, recording the file's path. Push with git push --follow-tags.

A workflow is identified by its name: field; tags are <name>@<version>, so several workflows live in one repository.

--pre rc makes pre-releases (2.0.0-rc.0, then rc.1…); a later release without --pre graduates them. --sign signs the commit and tags with git's configured key (user.signingkey) and fails when there is none.

Refuses (exit 2) when a released file or CHANGELOG.md has uncommitted changes, in a shallow clone, or outside a git repository.`;

  static override examples = [
    {
      description: 'See what would be released, and why, without writing anything',
      command: '<%= config.bin %> <%= command.id %> --dry-run',
    },
    {
      description: 'Release one workflow',
      command: '<%= config.bin %> <%= command.id %> greet',
    },
    {
      description: 'A release candidate, as JSON',
      command: '<%= config.bin %> <%= command.id %> greet --pre rc --dry-run --json',
    },
  ];

  static override strict = false;

  static override args = {
    workflow: Args.string({ description: 'Workflow names to release (default: all).', required: false }),
  };

  static override flags = {
    'dry-run': Flags.boolean({ description: 'Show what would be released; write nothing.', default: false }),
    pre: Flags.string({ description: 'Make a pre-release with this id (rc, beta).', helpValue: 'ID' }),
    sign: Flags.boolean({
      description: "Sign the release commit and tags with git's signing key.",
      default: false,
    }),
    json: jsonFlag,
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Release);
    const { release, refuseFlagLike } = await import('../app/release.js');
    refuseFlagLike(argv as string[], 'release');
    const result = await release({
      cwd: process.cwd(),
      workflows: argv as string[],
      dryRun: flags['dry-run'],
      sign: flags.sign,
      ...(flags.pre !== undefined ? { pre: flags.pre } : {}),
    });
    if (flags.json) {
      this.printJson(result);
      return;
    }
    for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
    const { renderRelease } = await import('../ui/versioning-render.js');
    this.print(renderRelease(result, process.stdout));
  }
}

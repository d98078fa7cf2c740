import { Args, Flags } from '@oclif/core';
import { BaseCommand, jsonFlag } from './base.js';

/** `thaiyyal diff A B`: the semantic diff of two workflow versions and the semver bump it implies. */
export default class Diff extends BaseCommand {
  static override summary = 'Show the semantic diff of two workflow versions and the version bump it needs.';

  static override description = `Compares two versions of a workflow by meaning, not by text: inputs, outputs, triggers, nodes and their options added, removed, renamed or changed (a node or input renamed is detected, and references to it are followed). Each change is classified major (breaking the contract: an input or output removed or renamed, an input made required, a type narrowed, a trigger removed or changed), minor (additive: a new optional input, a new output) or patch (internal only); the bump is the highest level. The full table is in docs/versioning.md.

A and B are each one of:
  FILE               a workflow file in the working tree (wf.yaml)
  FILE@REF           that file at a git commit, branch or tag (wf.yaml@main, wf.yaml@HEAD~1), read without a checkout
  WORKFLOW@VERSION   a released version, by tag WORKFLOW@x.y.z: 1.2.0, ^1.2, ~1.2.3, latest
  WORKFLOW           the workflow of that name in the working tree

--impact also lists the workflows that call B's workflow as a sub-workflow and whether their calls still fit (inputs they pass, outputs they read), and replays its recorded runs on B (as replay --verify does) to show which still end identically.

The diff is a report: the exit code is 0 whatever it finds (use \`thaiyyal version check\` to gate), 2 when A or B cannot be read.`;

  static override examples = [
    {
      description: 'Two files in the working tree',
      command: '<%= config.bin %> <%= command.id %> examples/hello.yaml workflows/hello.yaml',
    },
    {
      description: 'The released version 1.0.0 against the working tree, with the callers it affects',
      command: '<%= config.bin %> <%= command.id %> greet@1.0.0 examples/lib/greet.yaml --impact',
    },
    {
      description: 'A file at the last commit against the working tree, as JSON',
      command:
        '<%= config.bin %> <%= command.id %> examples/lib/greet.yaml@HEAD examples/lib/greet.yaml --json',
    },
  ];

  static override args = {
    a: Args.string({
      description: 'The old version: FILE, FILE@REF, WORKFLOW@VERSION or WORKFLOW.',
      required: true,
    }),
    b: Args.string({
      description: 'The new version: FILE, FILE@REF, WORKFLOW@VERSION or WORKFLOW.',
      required: true,
    }),
  };

  static override flags = {
    impact: Flags.boolean({
      description: 'Also list the workflows calling this one and whether their calls still fit.',
      default: false,
    }),
    json: jsonFlag,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Diff);
    const { diffSpecs } = await import('../app/diff.js');
    const result = await diffSpecs({ cwd: process.cwd(), a: args.a, b: args.b, impact: flags.impact });
    if (flags.json) {
      this.printJson(result);
      return;
    }
    for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
    const { renderDiff } = await import('../ui/versioning-render.js');
    this.print(renderDiff(result, process.stdout));
  }
}

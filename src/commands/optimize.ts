import { Args, Flags } from '@oclif/core';
import { BaseCommand, jsonFlag } from './base.js';

/** `thaiyyal optimize FILE…`: rewrites workflows to run faster with the same results. */
export default class Optimize extends BaseCommand {
  static override summary = 'Make workflows faster without changing their results.';

  static override description = `Rewrites each workflow the way a compiler would: constant folding, merging identical pure or read-only nodes (common-subexpression elimination), removing nodes nothing observable reads, hoisting loop-invariant work out of foreach, fusing chains of pure transforms, and dropping needs that order nothing observable so independent work runs at once. Only rewrites that keep the outputs and the set and order of external writes are applied; see docs/optimizer.md for the safety rules.

By default it reports each rewrite and why it is safe, the node count and the estimated critical path before and after (from the p50 durations of past runs in .thaiyyal/runs when there are any, else per-type estimates). --write edits the files (comments and untouched lines stay as they are), --diff prints the change as a unified diff, --check fails when rewrites are available (for CI). --explain shows each pipeline stage (simplify, restructure, parallelize); --suggest adds ranked recommendations that need the author's judgement (caching repeated GETs, batching HTTP calls, filtering before maps, tighter timeouts), with the time each would save.

Invalid workflows are reported as validate reports them and nothing is optimised.

Exit codes: 0 done · 1 --check found rewrites · 2 invalid workflow or usage error.`;

  static override examples = [
    {
      description: 'Report what can be optimised in a workflow, and why each rewrite is safe',
      command: '<%= config.bin %> <%= command.id %> workflows/hello.yaml',
    },
    {
      description: 'Show the change as a diff, then apply it',
      command:
        '<%= config.bin %> <%= command.id %> workflows/hello.yaml --diff && <%= config.bin %> <%= command.id %> workflows/hello.yaml --write',
    },
    {
      description: 'In CI: fail when a workflow could be optimised',
      command: '<%= config.bin %> <%= command.id %> workflows/ --check',
    },
    {
      description: 'Explain one pipeline stage and list ranked suggestions, as JSON',
      command:
        '<%= config.bin %> <%= command.id %> workflows/hello.yaml --explain --stage simplify --suggest --json',
    },
  ];

  static override strict = false;

  static override args = {
    paths: Args.string({ description: 'Workflow files or directories to optimise.', required: true }),
  };

  static override flags = {
    write: Flags.boolean({
      description: 'Apply the rewrites to the files (comments and untouched lines are kept).',
      default: false,
      exclusive: ['check', 'diff'],
    }),
    check: Flags.boolean({
      description: 'Change nothing; exit 1 when rewrites are available (for CI).',
      default: false,
      exclusive: ['write', 'diff'],
    }),
    diff: Flags.boolean({
      description: 'Print the rewrites as a unified diff instead of applying them.',
      default: false,
      exclusive: ['write', 'check'],
    }),
    explain: Flags.boolean({
      description: 'Show each pipeline stage, its rewrites and rounds.',
      default: false,
    }),
    stage: Flags.string({
      description: 'With --explain: only this stage (simplify, restructure, parallelize).',
      dependsOn: ['explain'],
      helpValue: 'STAGE',
    }),
    suggest: Flags.boolean({
      description: 'Add ranked recommendations that are not applied automatically, with estimated savings.',
      default: false,
    }),
    json: jsonFlag,
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Optimize);
    const mode = flags.write ? 'write' : flags.check ? 'check' : flags.diff ? 'diff' : 'report';
    const { optimizeFiles } = await import('../app/optimize.js');
    const report = await optimizeFiles({
      paths: argv as string[],
      mode,
      explain: flags.explain,
      suggest: flags.suggest,
      ...(flags.stage !== undefined ? { stage: flags.stage } : {}),
    });
    if (flags.json) this.printJson(report);
    else {
      const [{ renderOptimizeReport }, { palette }] = await Promise.all([
        import('../optimizer/report-text.js'),
        import('../ui/style.js'),
      ]);
      this.print(renderOptimizeReport(report, mode, palette(process.stdout)));
    }
    process.exitCode = mode === 'check' && report.rewrites > 0 ? 1 : 0;
  }
}

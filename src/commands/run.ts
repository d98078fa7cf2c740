import { Args, Flags } from '@oclif/core';
import { BaseCommand, jsonFlag } from './base.js';

/** `thaiyyal run FILE`: runs a workflow locally and reports progress, outputs and the event log. */
export default class Run extends BaseCommand {
  static override summary = 'Run a workflow locally.';

  static override description = `Runs the workflow in FILE on this machine, with no server. Inputs come from --inputs FILE (JSON or YAML) and --input key=value flags (flags win); values given as key=value are converted to the type the workflow declares.

While it runs, progress is shown live (one line per node on a terminal; plain lines such as "✓ fetch 120ms" in CI or when piped). At the end you get the status, the workflow's outputs, the run id, and the path of the run's event log (.thaiyyal/runs/<runId>.jsonl), which records every step.

Press Ctrl-C once to cancel the run cleanly (running nodes are cancelled and the event log is completed); press it again to exit immediately.

Exit codes: 0 succeeded · 1 the workflow failed · 2 invalid workflow, inputs or flags · 130 cancelled.`;

  static override examples = [
    {
      description: 'Run the workflow `thaiyyal init` scaffolds, with its default inputs',
      command: '<%= config.bin %> <%= command.id %> workflows/hello.yaml',
    },
    {
      description: 'Pass inputs (repeat --input for each one)',
      command: '<%= config.bin %> <%= command.id %> workflows/hello.yaml --input name=Ada --input count=2',
    },
    {
      description:
        'Read inputs from a JSON or YAML file (e.g. {"name": "Ada"}), print the machine-readable result',
      command: '<%= config.bin %> <%= command.id %> workflows/hello.yaml --inputs inputs.json --json',
    },
    {
      description: 'Run a released version (the newest tag greet@1.x.y) without checking it out',
      command: '<%= config.bin %> <%= command.id %> greet@^1 --input name=Ada',
    },
    {
      description: 'Print only the outputs, as JSON (for scripts); a failure goes to stderr',
      command: '<%= config.bin %> <%= command.id %> workflows/hello.yaml --quiet',
    },
    {
      description: 'Run the optimised plan in memory (merged duplicates, parallel reads; same results)',
      command: '<%= config.bin %> <%= command.id %> workflows/hello.yaml --optimize',
    },
  ];

  static override args = {
    file: Args.string({
      description:
        'Workflow file to run (.yaml or .yml, or an original-engine .json), or a tagged version: WORKFLOW@1.2.0, @^1.2, @latest.',
      required: true,
    }),
  };

  static override flags = {
    input: Flags.string({
      char: 'i',
      description: 'An input as key=value; repeat for several inputs.',
      multiple: true,
      // One value per --input, so the file may come before or after the flags.
      multipleNonGreedy: true,
      helpValue: 'key=value',
    }),
    inputs: Flags.string({
      description: 'A JSON or YAML file holding an object of inputs.',
      helpValue: 'FILE',
    }),
    concurrency: Flags.integer({
      description: 'Max nodes running at once (overrides the workflow and project config).',
      min: 1,
    }),
    optimize: Flags.boolean({
      description:
        'Run the optimised plan (see `thaiyyal optimize`): same outputs and writes, usually faster. The file is not changed.',
      default: false,
    }),
    json: jsonFlag,
    quiet: Flags.boolean({
      char: 'q',
      description:
        'Print only the outputs (as JSON); no progress, no summary. A failed run’s error goes to stderr.',
      default: false,
      exclusive: ['json'],
    }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Run);
    // Flag mistakes first: they need none of the engine.
    const { collectInputs } = await import('../ui/inputs.js');
    const inputs = await collectInputs(flags.input ?? [], flags.inputs);
    const { runWorkflowFile } = await import('../app/run.js');
    // `hello@1.2.0`, `hello@^1`, `hello@latest`: a tagged version, read from git objects (docs/versioning.md).
    // Loaded only then: it brings git in, and start-up matters.
    const versioned = args.file.includes('@')
      ? await (await import('../app/versions.js')).openVersionedArg(process.cwd(), args.file)
      : undefined;

    const sink =
      flags.json || flags.quiet ? undefined : await (await import('../ui/progress.js')).createProgressSink();

    const controller = new AbortController();
    const onSigint = () => {
      if (controller.signal.aborted) process.exit(130);
      process.stderr.write('\ncancelling the run… (press Ctrl-C again to exit immediately)\n');
      controller.abort();
    };
    process.on('SIGINT', onSigint);
    let result;
    try {
      result = await runWorkflowFile({
        file: versioned?.file ?? args.file,
        ...(versioned ? { source: versioned, cwd: process.cwd() } : {}),
        inputs,
        signal: controller.signal,
        ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
        ...(sink ? { sinks: [sink] } : {}),
        ...(flags.optimize ? { optimize: true } : {}),
      });
    } finally {
      process.off('SIGINT', onSigint);
      await sink?.finish();
    }

    const summary = await import('../ui/run-summary.js');
    // Import warnings of an original-engine JSON file (in --json they are part of the document).
    if (!flags.json) for (const w of result.warnings ?? []) process.stderr.write(`warning: ${w}\n`);
    if (flags.json) {
      // The --json document is exactly the RunResult contract; the log path is for humans.
      const { logFile: _logFile, ...doc } = result;
      this.printJson(doc);
    } else if (flags.quiet) {
      this.print(summary.renderQuietOutputs(result));
      // Outputs stay alone on stdout; why the run did not succeed goes to stderr.
      if (result.error) process.stderr.write(`error ${result.error.code}: ${result.error.message}\n`);
      else if (result.status !== 'succeeded') process.stderr.write(`run ${result.status}\n`);
    } else this.print(summary.renderRunSummary(result, process.stdout));
    process.exitCode = summary.exitCodeFor(result.status);
  }
}

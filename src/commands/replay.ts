import { Args, Flags } from '@oclif/core';
import { BaseCommand, jsonFlag } from './base.js';

/** `thaiyyal replay RUN`: the time-travel debugger, verification and forks of past runs. */
export default class Replay extends BaseCommand {
  static override summary = 'Step through a past run, verify it by re-executing it, or fork it from a node.';

  static override description = `Opens a past run from its event log (.thaiyyal/runs/<runId>.jsonl or .jsonl.gz) in a terminal debugger: a timeline of events with a cursor, a graph of node states at that moment, and the selected node's inputs, resolved options, output, error and attempts. Step by event (←/→) or by node (↑/↓), jump to the start, end or first failure, set breakpoints on a node id, node type, event type or a JSONata condition over the state (c continues to the next), search with /; ? shows every key. Without a terminal it prints the run's state as plain text.

--verify re-executes the workflow with every recorded effect (HTTP responses, process output, clock reads, random numbers, sub-workflow results) in place of the outside world — no network, no processes — and checks that every node ends the same way with an identical output; the first divergence is reported with its node, the path in the output, and the recorded and replayed values. With --workflow FILE the run is replayed on another version of the workflow. Exit 1 when anything diverges.

--from NODE forks: a new run that reuses the recorded results of every node not downstream of NODE and executes NODE and everything downstream of it for real; its run.started names the parent run (forkOf). --set NODE.output=JSON replaces a reused node's output; --input key=value changes an input (the recorded inputs are the default; secret inputs were recorded as *** and must be given again).

--at N --json prints the full state after event N (0-based; -1 is the last event).

RUN is a run id, a unique prefix of one, or "latest".`;

  static override examples = [
    {
      description: 'Run a workflow, then open its run in the debugger (plain text when not on a terminal)',
      command:
        '<%= config.bin %> run workflows/hello.yaml --quiet && <%= config.bin %> <%= command.id %> latest',
    },
    {
      description: 'Check that re-executing the newest run gives the same outputs',
      command:
        '<%= config.bin %> run workflows/hello.yaml --quiet && <%= config.bin %> <%= command.id %> latest --verify',
    },
    {
      description: 'Check a (changed) workflow file against a past run',
      command:
        '<%= config.bin %> run workflows/hello.yaml --quiet && <%= config.bin %> <%= command.id %> latest --verify --workflow workflows/hello.yaml',
    },
    {
      description: 'Fork: re-run from the node "announce" on, reusing the recorded results upstream',
      command:
        '<%= config.bin %> run workflows/hello.yaml --quiet && <%= config.bin %> <%= command.id %> latest --from announce',
    },
    {
      description: 'The full state after event 5, as JSON',
      command:
        '<%= config.bin %> run workflows/hello.yaml --quiet && <%= config.bin %> <%= command.id %> latest --at 5 --json',
    },
  ];

  static override args = {
    run: Args.string({ description: 'Run id, a unique prefix of one, or "latest".', required: true }),
  };

  static override flags = {
    at: Flags.integer({
      description: 'Show the state after event N (0-based; -1 is the last).',
      helpValue: 'N',
      exclusive: ['verify', 'from'],
    }),
    verify: Flags.boolean({
      description: 'Re-execute with the recorded effects and check every node output is identical.',
      default: false,
      exclusive: ['from'],
    }),
    workflow: Flags.string({
      description: 'With --verify or --from: use this workflow file instead of the recorded one.',
      helpValue: 'FILE',
    }),
    from: Flags.string({
      description: 'Fork: a new run executing this node and everything downstream of it for real.',
      helpValue: 'NODE',
    }),
    set: Flags.string({
      description: 'With --from: NODE.output=JSON replaces a reused node’s output; repeatable.',
      multiple: true,
      multipleNonGreedy: true,
      helpValue: 'NODE.output=JSON',
      dependsOn: ['from'],
    }),
    input: Flags.string({
      char: 'i',
      description: 'With --from: an input as key=value over the recorded ones; repeatable.',
      multiple: true,
      multipleNonGreedy: true,
      helpValue: 'KEY=VALUE',
      dependsOn: ['from'],
    }),
    json: jsonFlag,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Replay);
    const cwd = process.cwd();
    if (flags.workflow !== undefined && !flags.verify && flags.from === undefined) {
      const { UserError } = await import('../core/errors.js');
      throw new UserError('invalid-flags', '--workflow goes with --verify or --from', {
        suggestions: ['add --verify to check the workflow against the run, or --from NODE to fork'],
      });
    }
    const replay = await import('../app/replay/index.js');

    if (flags.verify) {
      const r = await replay.verifyRun({
        cwd,
        run: args.run,
        ...(flags.workflow !== undefined ? { workflow: flags.workflow } : {}),
      });
      if (flags.json) this.printJson(r);
      else {
        for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
        const { renderVerify } = await import('../ui/replay/text.js');
        this.print(renderVerify(r, process.stdout));
      }
      process.exitCode = r.identical ? 0 : 1;
      return;
    }

    if (flags.from !== undefined) {
      const { parseInputPairs } = await import('../ui/inputs.js');
      const inputs = parseInputPairs(flags.input ?? []);
      const sink = flags.json ? undefined : await (await import('../ui/progress.js')).createProgressSink();
      const controller = new AbortController();
      const onSigint = () => {
        if (controller.signal.aborted) process.exit(130);
        controller.abort();
      };
      process.on('SIGINT', onSigint);
      let result;
      try {
        result = await replay.forkRun({
          cwd,
          run: args.run,
          from: flags.from,
          set: flags.set ?? [],
          inputs,
          signal: controller.signal,
          ...(flags.workflow !== undefined ? { workflow: flags.workflow } : {}),
          ...(sink ? { sinks: [sink] } : {}),
        });
      } finally {
        process.off('SIGINT', onSigint);
        await sink?.finish();
      }
      const summary = await import('../ui/run-summary.js');
      if (flags.json) {
        const { logFile: _logFile, ...doc } = result;
        this.printJson(doc);
      } else {
        this.print(
          `fork of ${result.forkOf.runId} from ${result.forkOf.node}: reused ${result.reused.length} node(s), executed ${result.executed.length}\n`,
        );
        this.print(summary.renderRunSummary(result, process.stdout));
      }
      process.exitCode = summary.exitCodeFor(result.status);
      return;
    }

    if (flags.at !== undefined || flags.json) {
      const r = await replay.stateAt({ cwd, run: args.run, at: flags.at ?? -1 });
      if (flags.json) {
        this.printJson(r);
        return;
      }
      for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
      const opened = await replay.openRun({ cwd, run: args.run });
      const { renderPlain } = await import('../ui/replay/frame.js');
      this.print(renderPlain(opened.index, r.at));
      return;
    }

    const opened = await replay.openRun({ cwd, run: args.run });
    for (const w of opened.index.warnings) process.stderr.write(`warning: ${w}\n`);
    if (!process.stdout.isTTY || !process.stdin.isTTY) {
      const { renderPlain } = await import('../ui/replay/frame.js');
      this.print(renderPlain(opened.index));
      return;
    }
    const { runReplayApp } = await import('../ui/replay/App.js');
    await runReplayApp({ index: opened.index, evaluate: replay.conditionEvaluator() });
  }
}

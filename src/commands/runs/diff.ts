import { Args } from '@oclif/core';
import { BaseCommand, jsonFlag } from '../base.js';

/** `thaiyyal runs diff A B`: per node, what differs between two runs. */
export default class RunsDiff extends BaseCommand {
  static override summary = 'Compare two runs node by node: status, inputs, outputs, timing.';

  static override description = `Rebuilds both runs from their event logs and reports, per node, what differs: its status, its inputs (the resolved options of its last attempt), its output (the first path where they differ, with both values), its attempts, and its duration (always shown, as a delta). Also the workflow inputs and outputs. Nodes in one run only are listed as such.

A and B are run ids, unique prefixes of them, or "latest". Exit 0 whatever differs; use --json to script on it (\`differing\` counts the nodes that differ).`;

  static override examples = [
    {
      description: 'Compare two runs by id prefix',
      command: '<%= config.bin %> <%= command.id %> 01KAX3 01KAX4',
    },
    {
      description: 'As JSON',
      command: '<%= config.bin %> <%= command.id %> 01KAX3 latest --json',
    },
  ];

  static override args = {
    a: Args.string({ description: 'The first run (id, prefix or "latest").', required: true }),
    b: Args.string({ description: 'The second run (id, prefix or "latest").', required: true }),
  };

  static override flags = { json: jsonFlag };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(RunsDiff);
    const { diffRuns } = await import('../../app/runs.js');
    const d = await diffRuns({ cwd: process.cwd(), a: args.a, b: args.b });
    if (flags.json) {
      this.printJson(d);
      return;
    }
    for (const w of d.warnings) process.stderr.write(`warning: ${w}\n`);
    const { renderDiff } = await import('../../ui/replay/text.js');
    this.print(renderDiff(d, process.stdout));
  }
}

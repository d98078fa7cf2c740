import { Args } from '@oclif/core';
import { BaseCommand, jsonFlag } from '../base.js';

/** `thaiyyal runs show RUN`: one past run, rebuilt from its event log. */
export default class RunsShow extends BaseCommand {
  static override summary = 'Show one past run: status, and each node as a tree with timing.';

  static override description = `Rebuilds a run from its event log (.thaiyyal/runs/<runId>.jsonl) and shows its status, then its nodes in dependency order as a tree: status (✓ succeeded, ✗ failed, – skipped, ⊘ cancelled, … running, ○ never started), duration, attempts when retried, errors, and a timeline bar showing when each node ran within the run.

RUN is a run id or any unique prefix of one (see \`thaiyyal runs list\`), or "latest" for the newest run. A log cut short by a crash is shown up to its last complete event, with a warning. A log written by a newer thaiyyal is refused (exit 2).`;

  static override examples = [
    {
      description: 'The newest run',
      command: '<%= config.bin %> <%= command.id %> latest',
    },
    {
      description: 'A run by a prefix of its id',
      command: '<%= config.bin %> <%= command.id %> 01KAX3',
    },
    {
      description: 'The full state as JSON (for scripts)',
      command: '<%= config.bin %> <%= command.id %> latest --json',
    },
  ];

  static override args = {
    run: Args.string({ description: 'Run id, a unique prefix of one, or "latest".', required: true }),
  };

  static override flags = {
    json: jsonFlag,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(RunsShow);
    const { showRun } = await import('../../app/runs.js');
    const details = await showRun({ cwd: process.cwd(), run: args.run });
    if (flags.json) {
      this.printJson({
        ...details.summary,
        state: details.state,
        nodes: details.nodes,
        warnings: details.warnings,
      });
      return;
    }
    for (const w of details.warnings) process.stderr.write(`warning: ${w}\n`);
    const { renderRunDetails } = await import('../../ui/runs-render.js');
    this.print(renderRunDetails(details, process.stdout));
  }
}

import { Flags } from '@oclif/core';
import { BaseCommand, jsonFlag } from '../base.js';

/** `thaiyyal runs prune`: applies the retention policy to the run logs. */
export default class RunsPrune extends BaseCommand {
  static override summary = 'Delete old run logs by the retention policy and compress the rest.';

  static override description = `Applies runs.retention of thaiyyal.config.yaml to the run logs in .thaiyyal/runs/: deletes the logs of finished runs started more than runs.retention.days days ago, or beyond the newest runs.retention.count runs (a run is kept only if every rule given keeps it), and gzips every finished log it keeps (<runId>.jsonl.gz; every thaiyyal command reads both). Runs still running are never touched. With no runs.retention nothing is deleted.

--dry-run lists what would be deleted and compressed, and changes nothing.`;

  static override examples = [
    {
      description: 'See what the retention policy would delete',
      command: '<%= config.bin %> <%= command.id %> --dry-run',
    },
    {
      description: 'Apply it, and report as JSON',
      command: '<%= config.bin %> <%= command.id %> --json',
    },
  ];

  static override flags = {
    'dry-run': Flags.boolean({ description: 'Change nothing; list what would be done.', default: false }),
    json: jsonFlag,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(RunsPrune);
    const { pruneRuns } = await import('../../app/runs.js');
    const r = await pruneRuns({ cwd: process.cwd(), dryRun: flags['dry-run'] });
    if (flags.json) {
      this.printJson(r);
      return;
    }
    for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
    const { renderPrune } = await import('../../ui/replay/text.js');
    this.print(renderPrune(r));
  }
}

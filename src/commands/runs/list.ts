import { Flags } from '@oclif/core';
import type { RunSummaryStatus } from '../../app/runs.js';
import { BaseCommand, jsonFlag } from '../base.js';

/** `thaiyyal runs list`: the project's past runs, newest first. */
export default class RunsList extends BaseCommand {
  static override summary = 'List past runs of this project, newest first.';

  static override description = `Lists the runs recorded in the project's event logs (.thaiyyal/runs/<runId>.jsonl under the project root): run id, workflow, status, when it started and how long it took. A sub-workflow's run is marked with ↳.

A run whose log has no run.finished event is "running" while its log was written to in the last 5 minutes, and "interrupted" otherwise (the process crashed or was killed).

--since takes a duration back from now (30m, 2h, 7d, 1d12h) or an ISO date (2026-01-31, 2026-01-31T08:00:00Z).`;

  static override examples = [
    {
      description: 'All runs, newest first',
      command: '<%= config.bin %> <%= command.id %>',
    },
    {
      description: 'Failed runs of the last 7 days',
      command: '<%= config.bin %> <%= command.id %> --status failed --since 7d',
    },
    {
      description: 'Runs of one workflow (its name or file), as JSON',
      command: '<%= config.bin %> <%= command.id %> --workflow hello --json',
    },
  ];

  static override flags = {
    workflow: Flags.string({
      char: 'w',
      description: 'Only runs of this workflow (its name, or its file path as recorded).',
      helpValue: 'NAME',
    }),
    status: Flags.string({
      char: 's',
      description: 'Only runs with this status.',
      options: ['succeeded', 'failed', 'cancelled', 'running', 'interrupted'],
    }),
    since: Flags.string({
      description: 'Only runs started after this: a duration back from now (2h, 7d) or an ISO date.',
      helpValue: 'DURATION|DATE',
    }),
    json: jsonFlag,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(RunsList);
    const { listRuns } = await import('../../app/runs.js');
    const now = Date.now();
    const result = await listRuns({
      cwd: process.cwd(),
      now,
      ...(flags.workflow !== undefined ? { workflow: flags.workflow } : {}),
      ...(flags.status !== undefined ? { status: flags.status as RunSummaryStatus } : {}),
      ...(flags.since !== undefined ? { since: flags.since } : {}),
    });
    if (flags.json) {
      this.printJson(result);
      return;
    }
    for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
    const { renderRunList } = await import('../../ui/runs-render.js');
    const filtered = flags.workflow !== undefined || flags.status !== undefined || flags.since !== undefined;
    this.print(renderRunList(result.runs, { now, filtered }, process.stdout));
  }
}

import { Args } from '@oclif/core';
import { BaseCommand, jsonFlag } from './base.js';

/** `thaiyyal validate FILE…`: checks workflow files and reports every problem with its place. */
export default class Validate extends BaseCommand {
  static override summary = 'Check workflow files for errors without running them.';

  static override description = `Parses and validates each workflow: YAML syntax, the workflow schema, node types and their options, references between nodes, inputs, expressions and cycles.

Give files, directories, or both. Directories are searched recursively for *.yaml and *.yml files; node_modules, directories starting with "." and thaiyyal.config.yaml are skipped.

Every problem is printed as "path:line:col: message [code]", the format editors and CI problem matchers understand, followed by a summary line.

Exit codes: 0 all files valid · 1 some file has errors (the check failed) · 2 usage error, e.g. a path that does not exist or a directory without workflows.`;

  static override examples = [
    {
      description: 'Check one workflow',
      command: '<%= config.bin %> <%= command.id %> workflows/hello.yaml',
    },
    {
      description: 'Check every workflow under a directory',
      command: '<%= config.bin %> <%= command.id %> workflows/',
    },
    {
      description: 'Machine-readable report for tools',
      command: '<%= config.bin %> <%= command.id %> workflows/ --json',
    },
  ];

  static override strict = false;

  static override args = {
    paths: Args.string({ description: 'Workflow files or directories to check.', required: true }),
  };

  static override flags = { json: jsonFlag };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Validate);
    const { validateWorkflowPaths } = await import('../app/validate.js');
    const report = await validateWorkflowPaths(argv as string[]);
    if (flags.json) this.printJson(report);
    else {
      const { renderValidateReport } = await import('../ui/validate-render.js');
      this.print(renderValidateReport(report, process.stdout));
    }
    process.exitCode = report.valid ? 0 : 1;
  }
}

import { Args, Flags } from '@oclif/core';
import { BaseCommand, jsonFlag } from './base.js';

/** `thaiyyal init [DIR]`: scaffolds a project with a config, an example workflow and CI. */
export default class Init extends BaseCommand {
  static override summary = 'Create a thaiyyal project: config, an example workflow, package.json and CI.';

  static override description = `Writes these files into DIR (default: the current directory):

  thaiyyal.config.yaml            project config, every section commented
  workflows/hello.yaml            a small offline example with inputs and outputs
  package.json                    private; pins thaiyyal as a devDependency
  .gitignore                      ignores .thaiyyal/ (local run logs and caches) and node_modules/
  .github/workflows/thaiyyal.yml  CI: install, validate every workflow, then run hello

An existing package.json is left as it is, even with --force: add thaiyyal to its devDependencies (init tells you how). Other existing files are never overwritten unless you pass --force; without it, init names the files in the way and writes nothing.

Exit codes: 0 ok · 2 a file already exists (use --force), DIR is a file, or a usage error.`;

  static override examples = [
    { description: 'Scaffold into the current directory', command: '<%= config.bin %> <%= command.id %>' },
    {
      description: 'Scaffold into a new directory',
      command: '<%= config.bin %> <%= command.id %> my-workflows',
    },
    { description: 'Overwrite existing files', command: '<%= config.bin %> <%= command.id %> --force' },
  ];

  static override args = {
    dir: Args.string({ description: 'Directory to scaffold into (created if missing).', default: '.' }),
  };

  static override flags = {
    force: Flags.boolean({ description: 'Overwrite files that already exist.', default: false }),
    json: jsonFlag,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Init);
    const { scaffoldProject } = await import('../app/init.js');
    const result = await scaffoldProject(args.dir, { force: flags.force });
    if (flags.json) {
      this.printJson(result);
      return;
    }
    const { renderScaffoldResult } = await import('../ui/scaffold-render.js');
    this.print(renderScaffoldResult(result, process.stdout));
  }
}

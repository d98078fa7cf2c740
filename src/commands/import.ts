import { Args, Flags } from '@oclif/core';
import { BaseCommand, jsonFlag } from './base.js';

/** `thaiyyal import FILE.json`: converts a workflow of the original thaiyyal engine to workflow YAML. */
export default class Import extends BaseCommand {
  static override summary = 'Convert a workflow of the original thaiyyal engine (JSON) to workflow YAML.';

  static override description = `Reads the JSON the original thaiyyal engine ran — the bare payload {workflow_id, nodes, edges} or the wrapper {name, description, nodes, edges} — and writes a workflow YAML that gives the same node results and final output.

Node ids are kept; types become original/<type> (inferred from the data keys when "type" is missing, in the original's order); the data keys stay the node's options; edges become positional "inputs", and conditional edges (sourceHandle, or the legacy condition) "when:" conditions with the original's skip rules. The output "result" is the original's final_output. Expressions stay in the original's expression language. docs/compat.md describes every rule and every defect of the original that is fixed rather than copied.

Whatever the original silently ignored (unknown data keys, "position", "targetHandle", …) is reported as a warning naming the file and the node. Malformed JSON, unknown node types, duplicate ids, edges to unknown nodes, cycles and missing required data are errors naming the node.

Without -o the YAML goes to stdout (warnings to stderr). "thaiyyal run" and "thaiyyal validate" also take the JSON file directly.

Exit codes: 0 imported (warnings or not) · 2 the file cannot be imported, or a usage error.`;

  static override examples = [
    {
      description: 'Convert a workflow and save it beside the others',
      command:
        '<%= config.bin %> <%= command.id %> examples/original/branching.json -o workflows/branching.yaml',
    },
    {
      description: 'Print the YAML to review it first',
      command: '<%= config.bin %> <%= command.id %> examples/original/switch-routing.json',
    },
    {
      description: 'Machine-readable result (the YAML, warnings, renamed ids)',
      command: '<%= config.bin %> <%= command.id %> examples/original/array-processing.json --json',
    },
  ];

  static override args = {
    file: Args.string({ description: 'The original workflow JSON file.', required: true }),
  };

  static override flags = {
    output: Flags.string({ char: 'o', description: 'Write the YAML to this file instead of stdout.' }),
    json: jsonFlag,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Import);
    const { importWorkflowFile } = await import('../app/import.js');
    const report = await importWorkflowFile({
      file: args.file,
      ...(flags.output ? { out: flags.output } : {}),
    });
    if (flags.json) {
      this.printJson(report);
      return;
    }
    for (const w of report.warnings) process.stderr.write(`warning: ${w}\n`);
    if (report.output) {
      const warned = report.warnings.length
        ? ` (${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'})`
        : '';
      this.print(`Imported ${args.file} → ${report.output}: ${report.nodes} nodes${warned}\n`);
    } else this.print(report.yaml);
  }
}

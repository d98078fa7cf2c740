import { Args } from '@oclif/core';
import { BaseCommand, jsonFlag } from './base.js';

/** `thaiyyal nodes [TYPE]`: the node type catalogue and each type's reference. */
export default class Nodes extends BaseCommand {
  static override summary = 'List node types, or show one type’s options and an example.';

  static override description = `Without TYPE: a table of every node type with its category, its effects (pure: computes only · read: reads the outside world · write: changes it) and a one-line summary.

With TYPE: the summary, every option (name, type, whether it is required, its default and what it does) and a complete example you can paste into a workflow's "nodes:".

Options marked (JSONata) are expressions written without \${{ }}; every other string option may contain \${{ … }} templates.`;

  static override examples = [
    { description: 'All node types', command: '<%= config.bin %> <%= command.id %>' },
    {
      description: 'Options and an example of the http node',
      command: '<%= config.bin %> <%= command.id %> http',
    },
    { description: 'The catalogue as JSON', command: '<%= config.bin %> <%= command.id %> --json' },
  ];

  static override args = {
    type: Args.string({ description: 'A node type, e.g. http or transform.', required: false }),
  };

  static override flags = { json: jsonFlag };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Nodes);
    const [{ nodeTypes }, render] = await Promise.all([
      import('../nodes/registry.js'),
      import('../ui/nodes-render.js'),
    ]);
    if (args.type === undefined) {
      const all = [...nodeTypes.values()];
      if (flags.json) this.printJson(all.map(render.summarize).sort((a, b) => a.type.localeCompare(b.type)));
      else this.print(render.renderNodeTable(all));
      return;
    }
    const type = render.findNodeType(nodeTypes, args.type);
    if (flags.json) this.printJson(render.describe(type));
    else this.print(render.renderNodeDetail(type, process.stdout.columns || 100));
  }
}

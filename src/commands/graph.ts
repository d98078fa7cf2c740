import { Args, Flags } from '@oclif/core';
import { BaseCommand } from './base.js';

/** `thaiyyal graph FILE`: draws a workflow's dependency graph. */
export default class Graph extends BaseCommand {
  static override summary = "Show a workflow's dependency graph.";

  static override description = `Prints the order in which nodes can run and what each waits for. A node depends on the nodes it lists in "needs:" and on every node its options, "when:" or "foreach:" read through \${{ nodes.<id>… }}.

Formats:
  text     levels: every node in a level can run in parallel once the levels above are done
  mermaid  a "flowchart TD" to paste into Markdown (GitHub renders it)
  dot      a Graphviz digraph (pipe into \`dot -Tsvg\`)

Nodes are labelled "id (type)". A dependency that comes only from a "when:" condition is drawn dashed (mermaid, dot) or marked "(when)" (text).

Exit codes: 0 ok · 2 the workflow is invalid (its problems are listed) or a usage error.`;

  static override examples = [
    { description: 'Levels as text', command: '<%= config.bin %> <%= command.id %> workflows/hello.yaml' },
    {
      description: 'Mermaid for a README',
      command: '<%= config.bin %> <%= command.id %> workflows/hello.yaml --format mermaid',
    },
    {
      description: 'An SVG with Graphviz',
      command:
        '<%= config.bin %> <%= command.id %> workflows/hello.yaml --format dot | dot -Tsvg > graph.svg',
    },
  ];

  static override args = {
    file: Args.string({ description: 'Workflow file (.yaml or .yml).', required: true }),
  };

  static override flags = {
    format: Flags.string({
      char: 'f',
      description: 'Output format.',
      options: ['text', 'mermaid', 'dot'],
      default: 'text',
    }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Graph);
    const [{ loadWorkflow }, { expressionOptionsOf }, { renderGraph }, { UserError }] = await Promise.all([
      import('../app/load.js'),
      import('../nodes/registry.js'),
      import('../ui/graph-render.js'),
      import('../core/errors.js'),
    ]);
    const { workflow, graph, diagnostics } = await loadWorkflow(args.file);
    if (!workflow || !graph) {
      throw new UserError('invalid-workflow', `${args.file} is not a valid workflow, so it has no graph`, {
        diagnostics,
        suggestions: [`run \`thaiyyal validate ${args.file}\` after fixing the problems above`],
      });
    }
    this.print(renderGraph(flags.format as 'text' | 'mermaid' | 'dot', workflow, graph, expressionOptionsOf));
  }
}

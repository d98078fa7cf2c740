/**
 * `workflow`: runs another workflow file as a sub-run and outputs its `outputs`. The
 * engine does the running (its own event log linked by parentRunId, depth limit); this
 * node checks the path and maps the result to output-or-failure.
 */
import path from 'node:path';
import { isPlainObject, typeName } from './shared/values.js';
import { FailureCode, NodeFailure, type NodeType } from './types.js';

/** Options of `workflow`. */
export interface WorkflowOptions {
  file: string;
  inputs?: Record<string, unknown>;
}

/**
 * The `workflow` node type. Marked `write`: the sub-workflow may have any effect.
 * @example
 * notify:
 *   type: workflow
 *   file: ./notify.yaml
 *   inputs: {channel: ops, text: '${{ nodes.summary.output }}'}
 */
export const workflow: NodeType<WorkflowOptions> = {
  type: 'workflow',
  summary: 'Runs another workflow file with inputs and outputs its outputs.',
  category: 'flow',
  effects: 'write',
  optionsSchema: {
    type: 'object',
    properties: {
      file: {
        type: 'string',
        minLength: 1,
        description:
          "Path of the workflow file, relative to this workflow's directory; it must stay inside the project.",
      },
      inputs: {
        type: 'object',
        default: {},
        description: 'Inputs of the sub-workflow by name (templates resolved).',
      },
    },
    required: ['file'],
    additionalProperties: false,
  },
  example: `child:
  type: workflow
  file: ./child.yaml
  inputs:
    name: world
`,
  async execute(options, ctx) {
    const file = options.file;
    checkFile(file, ctx.workflowDir, ctx.config.root);
    const inputs = options.inputs ?? {};
    if (!isPlainObject(inputs)) {
      throw new NodeFailure(
        FailureCode.invalidOptions,
        `workflow: "inputs" must be an object, got ${typeName(inputs)}`,
      );
    }
    const sub = await ctx.runWorkflow(file, inputs);
    if (sub.status === 'succeeded') return sub.outputs;
    // Our own cancellation cancelled the sub-run: report it as such, not as a sub failure.
    ctx.signal.throwIfAborted();
    const cause = sub.error ?? { code: sub.status, message: `sub-run ${sub.status}` };
    throw new NodeFailure(
      'workflow.failed',
      `workflow ${file} ${sub.status === 'cancelled' ? 'was cancelled' : 'failed'} (run ${sub.runId}): [${cause.code}] ${cause.message}`,
      { details: { runId: sub.runId, status: sub.status, file, error: cause } },
    );
  },
};

/**
 * Rejects absolute paths and paths that climb out of the project root: a workflow from
 * one repository must not run files from elsewhere on the machine.
 */
function checkFile(file: string, workflowDir: string, root: string): void {
  if (path.isAbsolute(file)) {
    throw new NodeFailure(
      'workflow.outside-project',
      `workflow: file "${file}" must be a path relative to the calling workflow's directory`,
      { details: { file } },
    );
  }
  const rel = path.relative(path.resolve(root), path.resolve(workflowDir, file));
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
    throw new NodeFailure(
      'workflow.outside-project',
      `workflow: file "${file}" resolves outside the project root ${root}`,
      { details: { file } },
    );
  }
}

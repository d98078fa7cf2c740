/**
 * The common frame of the original engine's node types: the `original/<name>` type name,
 * the options every one of them accepts (`inputs`, `node_results`, `label`), failures coded
 * `original.<reason>`, and the positional inputs.
 */
import { countNodeExecution } from './limits.js';
import {
  NodeFailure,
  type Effect,
  type JsonSchema,
  type NodeCategory,
  type NodeContext,
  type NodeType,
} from '../../types.js';

/** Options every original node accepts besides its own `data` keys. */
export interface CommonOptions {
  /** Results of the executed upstream sources, in edge order; `inputs[0]` is "the input". */
  inputs?: unknown[];
  /** Results of the nodes an expression references as `node.<id>`. */
  node_results?: Record<string, unknown>;
  /** The original editor's label; ignored. */
  label?: unknown;
}

const COMMON_PROPERTIES: Record<string, JsonSchema> = {
  inputs: {
    type: 'array',
    default: [],
    description:
      'The positional inputs: results of the upstream nodes in edge order, e.g. ["${{ nodes.a.output }}"]. inputs[0] is the input.',
  },
  node_results: {
    type: 'object',
    description:
      'Results of the nodes the expressions reference as node.<id>, e.g. {http1: "${{ nodes.http1.output }}"}.',
  },
  label: { description: 'The label of the original editor; accepted and ignored.' },
};

export interface OriginalSpec<O> {
  /** The original type name, e.g. `group_by` (registered as `original/group_by`). */
  name: string;
  summary: string;
  category: NodeCategory;
  effects: Effect;
  /** The node's own options (the original `data` keys). */
  properties: Record<string, JsonSchema>;
  required?: string[];
  example: string;
  execute(options: O & CommonOptions, ctx: NodeContext): Promise<unknown>;
}

/**
 * Builds the NodeType of an original node: `original/<name>`, its own options plus the
 * common ones, no other keys.
 */
export function defineOriginal<O>(spec: OriginalSpec<O>): NodeType<O & CommonOptions> {
  return {
    type: `original/${spec.name}`,
    summary: spec.summary,
    category: spec.category,
    effects: spec.effects,
    optionsSchema: {
      type: 'object',
      properties: { ...spec.properties, ...COMMON_PROPERTIES },
      ...(spec.required && spec.required.length > 0 ? { required: spec.required } : {}),
      additionalProperties: false,
    },
    example: spec.example,
    // async: a synchronous throw of a node body becomes a rejection like any other failure.
    // Every execution counts against original.limits.maxNodeExecutions, as in the original.
    execute: async (options, ctx) => {
      countNodeExecution(ctx);
      return spec.execute(options, ctx);
    },
  };
}

/**
 * A failure where the original raised an error: code `original.<reason>`, the original's
 * message.
 * @example originalFailure('no-input', 'sort node needs at least 1 input')
 */
export function originalFailure(
  reason: string,
  message: string,
  details?: Record<string, unknown>,
): NodeFailure {
  return new NodeFailure(`original.${reason}`, message, details ? { details } : {});
}

/** The positional inputs (an absent or non-array `inputs` is no input). */
export function inputsOf(options: CommonOptions): unknown[] {
  return Array.isArray(options.inputs) ? options.inputs : [];
}

/**
 * inputs[0], or the original's "needs at least 1 input" error.
 * @example firstInput(options, 'sort') // throws original.no-input "sort node needs at least 1 input"
 */
export function firstInput(options: CommonOptions, what: string, message?: string): unknown {
  const inputs = inputsOf(options);
  if (inputs.length === 0)
    throw originalFailure('no-input', message ?? `${what} node needs at least 1 input`);
  return inputs[0];
}

/**
 * The JSON Schema of workflow files (format v1), built from one source of truth: the
 * structural parts here plus each node type's `optionsSchema`. The validator uses the
 * structural schema (options left open, checked per type); editors get the assembled one
 * with an `if type == T then T's options` branch per node type. Pure.
 */
import { DURATION_HINT, DURATION_PATTERN } from '../duration.js';
import { WORKFLOW_API_VERSION } from '../workflow.js';
import type { NodeTypeInfo } from '../parse/node-catalog.js';
import { ERROR_KEYWORD } from '../parse/schema-check.js';

/** A JSON Schema object. */
export type JsonSchema = { [key: string]: unknown };

/** Where the published schemas live (also their `$id`). */
export const SCHEMA_BASE_URL = 'https://thaiyyal.dev/schemas/';

/** Node ids: usable unquoted as YAML keys and (without `-`) as JSONata names. */
export const NODE_ID_PATTERN = '^[A-Za-z_][A-Za-z0-9_-]*$';
/** Input names: plain JSONata names, so `inputs.name` works in expressions. */
export const INPUT_NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_]*$';
export const WORKFLOW_NAME_PATTERN = '^[a-z0-9][a-z0-9-]*$';

/** Keys every node accepts whatever its type; all other keys of a node are options of its type. */
export const COMMON_NODE_KEYS = [
  'type',
  'description',
  'needs',
  'when',
  'foreach',
  'concurrency',
  'retry',
  'timeout',
  'onError',
  'tolerateSkipped',
  'pure',
  'idempotent',
] as const;

export type CommonNodeKey = (typeof COMMON_NODE_KEYS)[number];

const durationSchema = {
  description: `A duration: ${DURATION_HINT}.`,
  anyOf: [
    { type: 'number', minimum: 0 },
    {
      type: 'string',
      pattern: DURATION_PATTERN,
      [ERROR_KEYWORD]: `is not a valid duration; write ${DURATION_HINT}`,
    },
  ],
  [ERROR_KEYWORD]: `must be a duration: ${DURATION_HINT}`,
};

const retryPolicySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    attempts: {
      type: 'integer',
      minimum: 1,
      maximum: 100,
      description: 'Total tries including the first (1 = no retry). Default 1.',
    },
    backoff: {
      enum: ['exponential', 'linear', 'constant'],
      description: 'How the delay grows between tries. Default exponential.',
    },
    delay: { $ref: '#/$defs/duration', description: 'First delay between tries. Default 1s.' },
    maxDelay: { $ref: '#/$defs/duration', description: 'Upper bound of any delay. Default 30s.' },
    jitter: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      description: 'Share (0..1) of each delay that is randomised. Default 0.2.',
    },
    on: {
      type: 'array',
      items: { type: 'string' },
      description: 'Failure codes to retry (e.g. http.status, timeout); empty = every retryable failure.',
    },
  },
};

const retrySchema = {
  description: 'Retry policy: a number of attempts (shorthand for {attempts: N}) or the full policy.',
  anyOf: [{ type: 'integer', minimum: 1, maximum: 100 }, retryPolicySchema],
};

const templateSchema = {
  type: 'string',
  pattern: '\\$\\{\\{',
  description: 'A ${{ JSONata }} template, resolved at run time.',
};

/** The schemas of the common node keys (shared by the structural and the editor schema). */
function commonNodeProperties(typeSchema: JsonSchema): Record<CommonNodeKey, JsonSchema> {
  return {
    type: typeSchema,
    description: { type: 'string', description: 'What this node does, for humans.' },
    needs: {
      description: 'Nodes that must finish first, besides those read through nodes.<id> in templates.',
      anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, uniqueItems: true }],
    },
    when: { description: 'Run only when this ${{ }} template is truthy; otherwise the node is skipped.' },
    foreach: {
      description:
        'Run once per item of this list (or ${{ }} template yielding a list); `item` and `index` are bound.',
      anyOf: [
        { type: 'array' },
        { ...templateSchema, [ERROR_KEYWORD]: 'must be a list or a ${{ }} template that yields one' },
      ],
    },
    concurrency: { type: 'integer', minimum: 1, description: 'Max foreach items in flight at once.' },
    retry: { $ref: '#/$defs/retry' },
    timeout: { $ref: '#/$defs/duration', description: 'Time limit of one try of this node.' },
    onError: {
      description:
        'After the last failed try: fail the run (default), continue, or use {fallback: value} as output.',
      anyOf: [
        { enum: ['fail', 'continue'] },
        {
          type: 'object',
          required: ['fallback'],
          additionalProperties: false,
          properties: { fallback: { description: 'The output used instead.' } },
        },
      ],
    },
    tolerateSkipped: {
      type: 'boolean',
      description: 'Run even when a dependency was skipped (its output is then null).',
    },
    pure: {
      type: 'boolean',
      description:
        'Declare that this node has no effects on the outside world, whatever its type (thaiyyal optimize may then remove, merge or reorder it).',
    },
    idempotent: {
      type: 'boolean',
      description:
        'Declare that running this node twice with the same options has the same effect as once (thaiyyal optimize may merge identical copies).',
    },
  };
}

const inputSchema = {
  type: 'object',
  required: ['type'],
  additionalProperties: false,
  properties: {
    type: { enum: ['string', 'number', 'integer', 'boolean', 'object', 'array'] },
    description: { type: 'string' },
    default: { description: 'Used when the input is not given.' },
    required: { type: 'boolean', description: 'Refuse to run when the input is not given. Default false.' },
    enum: { type: 'array', minItems: 1, description: 'The only values allowed.' },
    secret: { type: 'boolean', description: 'Redact this input like a secret in logs and output.' },
  },
};

/**
 * The workflow schema. Without node types: the structural schema the validator compiles
 * (node options are left open and checked per type). With node types: the editor schema,
 * where `type` completes from the registry and each type's options are checked.
 */
export function buildWorkflowSchema(types?: readonly NodeTypeInfo[]): JsonSchema {
  const sorted = types ? [...types].sort((a, b) => a.type.localeCompare(b.type)) : undefined;
  const typeSchema: JsonSchema = sorted
    ? {
        type: 'string',
        enum: sorted.map((t) => t.type),
        description: 'The node type (see `thaiyyal nodes`).',
      }
    : { type: 'string', description: 'The node type (see `thaiyyal nodes`).' };
  const node: JsonSchema = {
    type: 'object',
    required: ['type'],
    properties: commonNodeProperties(typeSchema),
  };
  if (sorted) node.allOf = sorted.map(optionsBranch);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${SCHEMA_BASE_URL}workflow.schema.json`,
    title: 'thaiyyal workflow',
    description: 'A thaiyyal workflow file (format v1). See docs/workflow-format.md.',
    type: 'object',
    required: ['apiVersion', 'kind', 'name', 'nodes'],
    additionalProperties: false,
    properties: {
      apiVersion: { const: WORKFLOW_API_VERSION },
      kind: { const: 'Workflow' },
      name: {
        type: 'string',
        pattern: WORKFLOW_NAME_PATTERN,
        maxLength: 100,
        description: 'The workflow name: lowercase letters, digits and dashes.',
        [ERROR_KEYWORD]:
          'must be lowercase letters, digits and dashes, starting with a letter or digit (e.g. github-stars)',
      },
      description: { type: 'string' },
      version: {
        type: 'string',
        pattern: '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$',
        description:
          'Optional: the semver version this file declares (see docs/versioning.md). `thaiyyal version check` verifies it reflects the changes since the last tag; `thaiyyal release` updates it.',
        [ERROR_KEYWORD]: 'must be a semver version like 1.2.0 or 2.0.0-rc.1',
      },
      owners: {
        type: 'array',
        items: { type: 'string' },
        description: 'Teams or people who own this workflow.',
      },
      labels: {
        type: 'object',
        additionalProperties: { type: 'string' },
        description: 'Free-form string labels.',
      },
      inputs: {
        type: 'object',
        description: 'Inputs given with --input name=value.',
        propertyNames: {
          pattern: INPUT_NAME_PATTERN,
          [ERROR_KEYWORD]:
            'use letters, digits and _, starting with a letter or _ (so inputs.NAME works in expressions)',
        },
        additionalProperties: { $ref: '#/$defs/input' },
      },
      defaults: {
        type: 'object',
        additionalProperties: false,
        description: 'Defaults for every node of this workflow.',
        properties: {
          timeout: { $ref: '#/$defs/duration' },
          retry: { $ref: '#/$defs/retry' },
          concurrency: { type: 'integer', minimum: 1, description: 'Max nodes running at once.' },
        },
      },
      triggers: { description: 'Reserved for scheduling; kept as written.' },
      resources: { description: 'Reserved for resources and quotas; kept as written.' },
      nodes: {
        type: 'object',
        minProperties: 1,
        description: 'The nodes of the DAG, keyed by id.',
        propertyNames: {
          pattern: NODE_ID_PATTERN,
          [ERROR_KEYWORD]: 'use letters, digits, _ and -, starting with a letter or _',
        },
        additionalProperties: { $ref: '#/$defs/node' },
        [ERROR_KEYWORD]: 'must hold at least one node',
      },
      outputs: {
        type: 'object',
        description: 'Output name → value, usually a ${{ }} template over nodes.<id>.output.',
      },
    },
    $defs: {
      duration: durationSchema,
      retry: retrySchema,
      input: inputSchema,
      template: templateSchema,
      node,
    },
  };
}

/** The editor branch for one node type: its options, with common keys allowed and templates accepted. */
function optionsBranch(t: NodeTypeInfo): JsonSchema {
  const {
    properties,
    required,
    additionalProperties,
    $schema: _s,
    ...rest
  } = t.optionsSchema as unknown as JsonSchema & {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  const raw = new Set(t.expressionOptions ?? []);
  const props: Record<string, unknown> = Object.fromEntries(COMMON_NODE_KEYS.map((k) => [k, true]));
  for (const [name, schema] of Object.entries(properties ?? {})) {
    if (!(name in props)) props[name] = raw.has(name) ? schema : acceptTemplate(schema);
  }
  const then: JsonSchema = { description: t.summary, ...rest, properties: props };
  if (required && required.length > 0) then.required = required;
  then.additionalProperties = additionalProperties ?? false;
  return { if: { properties: { type: { const: t.type } }, required: ['type'] }, then };
}

/** Lets an option that is not a string also be written as a `${{ }}` template. */
function acceptTemplate(schema: JsonSchema): JsonSchema {
  const type = schema.type;
  const acceptsString =
    type === undefined || type === 'string' || (Array.isArray(type) && type.includes('string'));
  if (acceptsString && !('enum' in schema) && !('const' in schema)) return schema;
  const out: JsonSchema = { anyOf: [schema, { $ref: '#/$defs/template' }] };
  if (typeof schema.description === 'string') out.description = schema.description;
  return out;
}

/** The options schema the validator compiles for one node type: unknown options are errors unless it says otherwise. */
export function nodeOptionsValidationSchema(t: NodeTypeInfo): JsonSchema {
  const s = t.optionsSchema as JsonSchema;
  if ('additionalProperties' in s || 'unevaluatedProperties' in s) return s;
  return { ...s, unevaluatedProperties: false };
}

/**
 * The JSON Schema of the project config (`thaiyyal.config.yaml`), the single source of
 * truth for the validator and for editors. Durations are written like in workflows. Pure.
 */
import { ERROR_KEYWORD } from '../parse/schema-check.js';
import { DURATION_HINT, DURATION_PATTERN } from '../duration.js';
import { RULE_DOCS_BASE } from '../lint/rule-docs-base.js';
import { RULE_INDEX } from '../lint/rule-index.js';
import { SCHEMA_BASE_URL, type JsonSchema } from './workflow-schema.js';

const duration = (description: string): JsonSchema => ({
  description: `${description} A duration: ${DURATION_HINT}.`,
  anyOf: [
    { type: 'number', exclusiveMinimum: 0 },
    {
      type: 'string',
      pattern: DURATION_PATTERN,
      [ERROR_KEYWORD]: `is not a valid duration; write ${DURATION_HINT}`,
    },
  ],
  [ERROR_KEYWORD]: `must be a duration greater than 0: ${DURATION_HINT}`,
});

const count = (description: string, minimum = 1): JsonSchema => ({ type: 'integer', minimum, description });
const strings = (description: string): JsonSchema => ({
  type: 'array',
  items: { type: 'string', minLength: 1 },
  description,
});

const section = (description: string, properties: Record<string, JsonSchema>): JsonSchema => ({
  type: 'object',
  additionalProperties: false,
  description,
  properties,
});

/**
 * The `lint.rules` map: one property per rule id (so unknown ids get "did you mean" and
 * editors complete ids with their descriptions). The validator's findings can only be
 * turned off: their severity is fixed.
 */
function lintRules(): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const r of RULE_INDEX) {
    const levels = r.kind === 'validator' ? ['error', 'off'] : ['error', 'warning', 'info', 'off'];
    properties[r.id] = {
      enum: levels,
      description: `${r.description} Default: ${r.severity}. ${RULE_DOCS_BASE}${r.id}.md`,
    };
  }
  return {
    type: 'object',
    additionalProperties: false,
    description:
      'Rule id → severity (error, warning, info) or off. `thaiyyal lint --rules` lists the ids; see docs/rules/README.md.',
    properties,
  };
}

/**
 * The config schema. Unknown sections are errors; later capabilities add their own
 * sections here.
 */
export function buildConfigSchema(): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${SCHEMA_BASE_URL}config.schema.json`,
    title: 'thaiyyal project config',
    description: 'thaiyyal.config.yaml at the project root. See docs/config.md.',
    type: 'object',
    required: ['version'],
    additionalProperties: false,
    properties: {
      version: { const: 1, description: 'Config format version; always 1.' },
      limits: section('Limits and defaults applied to every run unless a workflow or node says otherwise.', {
        nodeTimeout: duration('Per-node timeout unless the node sets `timeout`. Default 60s.'),
        runTimeout: duration('Whole-run timeout. Default 1h.'),
        concurrency: count('Max nodes running at once. Default 16.'),
        foreachConcurrency: count('Max items of a foreach in flight unless the node says. Default 8.'),
        maxForeachItems: count('Largest fan-out of one foreach. Default 10000.'),
        maxWorkflowDepth: count('Max nesting of `workflow` nodes. Default 8.'),
      }),
      http: section('The http node.', {
        allow: strings(
          'Hosts or CIDR ranges the http node may reach although they are private, loopback or link-local (e.g. 127.0.0.1, 10.0.0.0/8, localhost, *.internal.example.com).',
        ),
        maxResponseBytes: count('Response bodies are cut at this many bytes. Default 10 MiB.'),
        maxRedirects: count('Max redirects followed. Default 5.', 0),
        timeout: duration('Request timeout unless the node sets one. Default 30s.'),
      }),
      exec: section('The exec node.', {
        maxOutputBytes: count('Max bytes kept of stdout and of stderr each. Default 10 MiB.'),
        timeout: duration('Process timeout unless the node sets one. Default 60s.'),
      }),
      secrets: section('Where `${{ secrets.NAME }}` comes from.', {
        envPrefix: {
          type: 'string',
          pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
          description:
            'secrets.NAME is read from the environment variable <envPrefix>NAME. Default THAIYYAL_SECRET_.',
          [ERROR_KEYWORD]: 'must be letters, digits and _ (an environment variable name prefix)',
        },
        files: strings('Files of NAME=value lines, relative to the project root.'),
        dirs: strings('Directories holding one file per secret (e.g. /run/secrets).'),
      }),
      env: section(
        'Environment variables workflows may read as `${{ env.NAME }}`; nothing else is visible.',
        {
          allow: strings('Names of the variables workflows may read.'),
        },
      ),
      lint: section('`thaiyyal lint`: rule severities and files to skip.', {
        rules: lintRules(),
        ignore: strings(
          'Globs, relative to the project root, of files `thaiyyal lint` skips (e.g. `fixtures/**`, `**/*.draft.yaml`).',
        ),
      }),
    },
  };
}

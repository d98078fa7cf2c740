/**
 * The JSON Schema of the project config (`thaiyyal.config.yaml`), the single source of
 * truth for the validator and for editors. Durations are written like in workflows. Pure.
 */
import { ERROR_KEYWORD } from '../parse/schema-check.js';
import { DURATION_HINT, DURATION_PATTERN } from '../duration.js';
import { RULE_DOCS_BASE } from '../lint/rule-docs-base.js';
import { RULE_INDEX } from '../lint/rule-index.js';
import { ORIGINAL_LIMIT_DEFAULTS } from '../original-limits.js';
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

const OWNER_PATTERN = '^(@[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9_.-]+)?|[^\\s@]+@[^\\s@]+\\.[^\\s@]+)$';
const owners = (description: string): JsonSchema => ({
  type: 'array',
  items: {
    type: 'string',
    pattern: OWNER_PATTERN,
    [ERROR_KEYWORD]: 'is not an owner; write @user, @org/team or an email address',
  },
  description,
});

/** The `governance:` section: who must approve changes (docs/governance.md). */
function governance(): JsonSchema {
  const approvals = (level: string, dflt: number) =>
    count(`Approvals needed from the workflow's owners for a ${level} change. Default ${dflt}.`, 0);
  return section('`thaiyyal approvals`: who must approve changes to workflows. See docs/governance.md.', {
    approvals: section(
      'Approvals needed from the owners of a changed workflow, per bump level of its change.',
      {
        major: approvals('major (breaking)', 2),
        minor: approvals('minor (additive, or a new workflow)', 1),
        patch: approvals('patch (internal)', 1),
        none: approvals('non-semantic (formatting, comments)', 0),
      },
    ),
    security: section(
      'Security-sensitive changes (a new exec command, a new HTTP host, a new secret) and changes to CODEOWNERS or this config.',
      {
        owners: owners(
          "Who must approve them: @user, @org/team or emails. Empty (the default): the workflow's owners stand in.",
        ),
        approvals: count('Approvals needed from them. Default 1.', 0),
      },
    ),
    selfApproval: {
      type: 'boolean',
      description: "Whether the author's own approval counts. Default false.",
    },
    dismissStaleApprovals: {
      type: 'boolean',
      description:
        'Approvals given before the last push (GitHub) or the last content change (git) do not count. Default true.',
    },
    blockOnChangesRequested: {
      type: 'boolean',
      description:
        'A reviewer (owner, or with write access) whose latest review requests changes blocks the merge. Default true.',
    },
    unowned: {
      enum: ['any-reviewer', 'block'],
      description:
        'A workflow with no owner (no CODEOWNERS match, no `owners:`): approvals from any reviewer count, or it is blocked. Default any-reviewer.',
    },
    teams: {
      type: 'object',
      description:
        'Team → members (@login or email), for teams the forge cannot resolve (git mode) or to pin them. Example: {"@acme/security": ["@ada", "grace@acme.dev"]}.',
      propertyNames: {
        pattern: '^@[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9_.-]+$',
        [ERROR_KEYWORD]: 'is not a team; write @org/team',
      },
      additionalProperties: owners('Members of the team.'),
    },
  });
}

/**
 * `original.limits`: the original engine's limits (reference §5.3) under the names of its Go
 * config (`MaxNodes` → `maxNodes`). Counts accept 0 for "no limit".
 */
function originalLimits(): JsonSchema {
  const d = ORIGINAL_LIMIT_DEFAULTS;
  const limit = (what: string, dflt: number) => count(`${what} Default ${dflt}; 0 = no limit.`, 0);
  return section(
    'Limits of the original engine, enforced on imported workflows and `original/*` node types. See docs/config.md.',
    {
      maxExecutionTime: duration('Whole run of an original workflow (MaxExecutionTime). Default 5m.'),
      maxNodeExecutionTime: duration('One node of an original workflow (MaxNodeExecutionTime). Default 30s.'),
      maxIterations: limit('Loop iterations (MaxIterations).', d.maxIterations),
      maxNodeExecutions: limit(
        'Node executions per run, loop bodies included (MaxNodeExecutions).',
        d.maxNodeExecutions,
      ),
      maxNodes: limit('Nodes of one workflow (MaxNodes).', d.maxNodes),
      maxEdges: limit('Edges of one workflow (MaxEdges).', d.maxEdges),
      maxPayloadSize: limit('Bytes of an original workflow file (MaxPayloadSize).', d.maxPayloadSize),
      maxStringLength: limit('Length of a string stored in a variable (MaxStringLength).', d.maxStringLength),
      maxArrayLength: limit('Elements of an array stored in a variable (MaxArrayLength).', d.maxArrayLength),
      maxVariables: limit('Workflow variables (MaxVariables).', d.maxVariables),
      maxContextDepth: limit(
        'Nesting depth of a value stored in a variable (MaxContextDepth).',
        d.maxContextDepth,
      ),
      maxHttpCallsPerExec: limit('HTTP calls per run (MaxHTTPCallsPerExec).', d.maxHttpCallsPerExec),
      maxResponseSize: limit('Bytes of one HTTP response body (MaxResponseSize).', d.maxResponseSize),
      maxCacheSize: limit(
        'Entries of the run cache; the least recently used goes first (MaxCacheSize).',
        d.maxCacheSize,
      ),
      allowHttp: {
        type: 'boolean',
        description: 'Whether the original http node may call out at all (AllowHTTP). Default true.',
      },
    },
  );
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
      runs: section(
        'Local run history in `.thaiyyal/runs/` (`thaiyyal runs prune`). See docs/commands/runs.md.',
        {
          compress: {
            type: 'boolean',
            description:
              "Gzip a run's log (`<runId>.jsonl.gz`) as soon as the run finishes. Default true; false keeps finished logs plain JSON lines until `thaiyyal runs prune` compresses them.",
          },
          retention: section(
            'Which finished runs `thaiyyal runs prune` keeps. A run is kept only if every rule given keeps it.',
            {
              days: count('Keep runs started within this many days.'),
              count: count('Keep at most this many runs (the newest).'),
            },
          ),
        },
      ),
      governance: governance(),
      original: section(
        'Workflows of the original thaiyyal engine (`thaiyyal import`, `original/*` node types).',
        {
          limits: originalLimits(),
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

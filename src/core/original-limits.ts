/**
 * The limits of the original thaiyyal engine (reference §5.3), with the defaults of its
 * `types.DefaultConfig()`. One place for the numbers: the config parser, the importer
 * (workflow-wide limits at import time) and the `original/*` node types (run-time limits)
 * all read them from here. Pure.
 */

/** `original.limits` of the project config, durations in ms. A count of 0 means "no limit". */
export interface OriginalLimits {
  /** Whole run (original `MaxExecutionTime`, 5 min). */
  maxExecutionTimeMs: number;
  /** One node (original `MaxNodeExecutionTime`, 30 s; the original never enforced it). */
  maxNodeExecutionTimeMs: number;
  /** Loop iterations (original `MaxIterations`, 1000). */
  maxIterations: number;
  /** Node executions per run, loop bodies included (original `MaxNodeExecutions`, 10000). */
  maxNodeExecutions: number;
  /** Nodes of one workflow (original `MaxNodes`, 1000). */
  maxNodes: number;
  /** Edges of one workflow (original `MaxEdges`, 10000). */
  maxEdges: number;
  /** Bytes of the workflow JSON (original `MaxPayloadSize`, 1 MiB). */
  maxPayloadSize: number;
  /** Length of a string value stored in state (original `MaxStringLength`, 1 MiB). */
  maxStringLength: number;
  /** Elements of an array value stored in state (original `MaxArrayLength`, 10000). */
  maxArrayLength: number;
  /** Workflow variables (original `MaxVariables`, 1000). */
  maxVariables: number;
  /** Nesting depth of a value stored in state (original `MaxContextDepth`, 32). */
  maxContextDepth: number;
  /** HTTP calls per run (original `MaxHTTPCallsPerExec`, 100). */
  maxHttpCallsPerExec: number;
  /** Bytes of one HTTP response body (original `MaxResponseSize`, 10 MiB). */
  maxResponseSize: number;
  /** Entries of the run's cache (original `MaxCacheSize`, 1000; the original never enforced it). */
  maxCacheSize: number;
  /** Whether the http node may call out at all (original `AllowHTTP`). */
  allowHttp: boolean;
}

/**
 * The defaults: `types.DefaultConfig()` of the original, except `allowHttp`, which is true
 * like the original's server (`cmd/server` turned it on): here the http node is SSRF-safe
 * on its own (`http.allow` in the config).
 */
export const ORIGINAL_LIMIT_DEFAULTS: Readonly<OriginalLimits> = Object.freeze({
  maxExecutionTimeMs: 5 * 60_000,
  maxNodeExecutionTimeMs: 30_000,
  maxIterations: 1000,
  maxNodeExecutions: 10_000,
  maxNodes: 1000,
  maxEdges: 10_000,
  maxPayloadSize: 1024 * 1024,
  maxStringLength: 1024 * 1024,
  maxArrayLength: 10_000,
  maxVariables: 1000,
  maxContextDepth: 32,
  maxHttpCallsPerExec: 100,
  maxResponseSize: 10 * 1024 * 1024,
  maxCacheSize: 1000,
  allowHttp: true,
});

/** The config key of each limit, as written under `original.limits` in thaiyyal.config.yaml. */
export const ORIGINAL_LIMIT_SETTINGS: Readonly<Record<keyof OriginalLimits, string>> = Object.freeze({
  maxExecutionTimeMs: 'maxExecutionTime',
  maxNodeExecutionTimeMs: 'maxNodeExecutionTime',
  maxIterations: 'maxIterations',
  maxNodeExecutions: 'maxNodeExecutions',
  maxNodes: 'maxNodes',
  maxEdges: 'maxEdges',
  maxPayloadSize: 'maxPayloadSize',
  maxStringLength: 'maxStringLength',
  maxArrayLength: 'maxArrayLength',
  maxVariables: 'maxVariables',
  maxContextDepth: 'maxContextDepth',
  maxHttpCallsPerExec: 'maxHttpCallsPerExec',
  maxResponseSize: 'maxResponseSize',
  maxCacheSize: 'maxCacheSize',
  allowHttp: 'allowHttp',
});

/**
 * How a message names the setting that raises a limit.
 * @example limitSetting('maxVariables') // 'original.limits.maxVariables in thaiyyal.config.yaml'
 */
export function limitSetting(limit: keyof OriginalLimits): string {
  return `original.limits.${ORIGINAL_LIMIT_SETTINGS[limit]} in thaiyyal.config.yaml`;
}

/**
 * The original limits of a config (any object with an optional `original.limits`), over the defaults.
 * @example originalLimitsOf({}).maxVariables // 1000
 */
export function originalLimitsOf(config: {
  original?: { limits?: Partial<OriginalLimits> };
}): OriginalLimits {
  return { ...ORIGINAL_LIMIT_DEFAULTS, ...(config.original?.limits ?? {}) };
}

/**
 * The run limits to run an imported original workflow with: the whole-run and per-node
 * timeouts become at most `maxExecutionTime` and `maxNodeExecutionTime`.
 * @example applyOriginalRunLimits(config).limits.runTimeoutMs // 300000 with the defaults
 */
export function applyOriginalRunLimits<
  C extends {
    limits: { runTimeoutMs: number; nodeTimeoutMs: number };
    original?: { limits?: Partial<OriginalLimits> };
  },
>(config: C): C {
  const o = originalLimitsOf(config);
  return {
    ...config,
    limits: {
      ...config.limits,
      runTimeoutMs: Math.min(config.limits.runTimeoutMs, o.maxExecutionTimeMs),
      nodeTimeoutMs: Math.min(config.limits.nodeTimeoutMs, o.maxNodeExecutionTimeMs),
      timeoutSettings: {
        ...(o.maxExecutionTimeMs < config.limits.runTimeoutMs
          ? { run: 'original.limits.maxExecutionTime' }
          : {}),
        ...(o.maxNodeExecutionTimeMs < config.limits.nodeTimeoutMs
          ? { node: 'original.limits.maxNodeExecutionTime' }
          : {}),
      },
    },
  };
}

/**
 * The project config (`thaiyyal.config.yaml` at the repository root), resolved with defaults.
 * Later capabilities add sections; each section has its own JSON Schema in `schemas/`.
 */
import { ORIGINAL_LIMIT_DEFAULTS, type OriginalLimits } from './original-limits.js';
import { DEFAULT_GOVERNANCE, type GovernancePolicy } from './governance/policy.js';

/** Limits and defaults applied to every run unless a workflow or node says otherwise. */
export interface RunLimits {
  /** Default per-node timeout in ms (a node's `timeout` overrides it). */
  nodeTimeoutMs: number;
  /** Whole-run timeout in ms. */
  runTimeoutMs: number;
  /**
   * The settings that set the two timeouts when they are not `limits.*` (an original-engine
   * workflow's `original.limits.*`), so a timeout message names what to raise.
   */
  timeoutSettings?: { run?: string; node?: string };
  /** Max nodes running at once. */
  concurrency: number;
  /** Max items of a foreach in flight at once when the node does not say. */
  foreachConcurrency: number;
  /** Max items a single foreach may fan out to. */
  maxForeachItems: number;
  /** Max depth of nested `workflow` node calls. */
  maxWorkflowDepth: number;
}

export interface HttpConfig {
  /**
   * Hosts or CIDR ranges the http node may reach even though they are private, loopback or
   * link-local (e.g. `127.0.0.1`, `10.0.0.0/8`, `localhost`, `*.internal.example.com`).
   */
  allow: string[];
  /** Max response body bytes kept. */
  maxResponseBytes: number;
  maxRedirects: number;
  timeoutMs: number;
}

export interface ExecConfig {
  /** Max bytes kept of stdout and of stderr each. */
  maxOutputBytes: number;
  timeoutMs: number;
}

/** Where `secrets.NAME` comes from. */
export interface SecretsConfig {
  /** Read `secrets.NAME` from environment variable `${envPrefix}NAME` (default prefix `THAIYYAL_SECRET_`). */
  envPrefix: string;
  /** Files of `NAME=value` lines (dotenv style), relative to the project root. */
  files: string[];
  /** Read `secrets.NAME` from the file `<dir>/NAME` (Docker/Kubernetes style). */
  dirs: string[];
}

/** The `lint:` section. */
export interface LintConfig {
  /** Rule id → severity, or `off`. */
  rules: Record<string, 'error' | 'warning' | 'info' | 'off'>;
  /** Globs (relative to the project root) of files `thaiyyal lint` skips. */
  ignore: string[];
}

/** The `runs:` section: local run history. */
export interface RunsConfig {
  /** Gzip a run's log as soon as it finishes. */
  compress: boolean;
  /** What `thaiyyal runs prune` keeps; an absent rule keeps everything. */
  retention: { days?: number; count?: number };
}

export interface ProjectConfig {
  version: 1;
  /** Absolute path of the config file, or undefined when defaults are used. */
  file?: string;
  /** Directory the config lives in (the project root). */
  root: string;
  limits: RunLimits;
  http: HttpConfig;
  exec: ExecConfig;
  secrets: SecretsConfig;
  /** Environment variables workflows may read as `env.NAME`; nothing else is visible. */
  env: { allow: string[] };
  lint: LintConfig;
  /** The `runs:` section: local run history (compression, retention). */
  runs: RunsConfig;
  /** The `governance:` section: who must approve changes to workflows (docs/governance.md). */
  governance: GovernancePolicy;
  /** Workflows of the original thaiyyal engine (`original/*` node types, `thaiyyal import`). */
  original: { limits: OriginalLimits };
}

/** The defaults used when there is no config file, or for what it leaves out. */
export const DEFAULT_CONFIG: Omit<ProjectConfig, 'root'> = {
  version: 1,
  limits: {
    nodeTimeoutMs: 60_000,
    runTimeoutMs: 3_600_000,
    concurrency: 16,
    foreachConcurrency: 8,
    maxForeachItems: 10_000,
    maxWorkflowDepth: 8,
  },
  http: { allow: [], maxResponseBytes: 10 * 1024 * 1024, maxRedirects: 5, timeoutMs: 30_000 },
  exec: { maxOutputBytes: 10 * 1024 * 1024, timeoutMs: 60_000 },
  secrets: { envPrefix: 'THAIYYAL_SECRET_', files: [], dirs: [] },
  env: { allow: [] },
  lint: { rules: {}, ignore: [] },
  runs: { compress: true, retention: {} },
  governance: DEFAULT_GOVERNANCE,
  original: { limits: { ...ORIGINAL_LIMIT_DEFAULTS } },
};

/**
 * Parses `thaiyyal.config.yaml` into a {@link ProjectConfig}: validated against the config
 * schema, durations turned into ms, merged over {@link DEFAULT_CONFIG}. Pure.
 */
import type { ValidateFunction } from './parse/schema-check.js';
import { DEFAULT_CONFIG, type ProjectConfig } from './config.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { parseDuration } from './duration.js';
import { checkSchema, compileSchema, valueAt } from './parse/schema-check.js';
import { describePath, parseYamlSource } from './parse/yaml-source.js';
import { buildConfigSchema } from './schema/config-schema.js';

let validator: ValidateFunction | undefined;

const DURATION_KEYS = [
  ['limits', 'nodeTimeout'],
  ['limits', 'runTimeout'],
  ['http', 'timeout'],
  ['exec', 'timeout'],
  ['original', 'limits', 'maxExecutionTime'],
  ['original', 'limits', 'maxNodeExecutionTime'],
] as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const ms = (v: unknown, fallback: number): number =>
  v === undefined ? fallback : (parseDuration(v as string | number) ?? fallback);
const num = (v: unknown, fallback: number): number => (typeof v === 'number' ? v : fallback);
const list = (v: unknown, fallback: string[]): string[] =>
  Array.isArray(v) ? [...(v as string[])] : [...fallback];

/** The `governance:` section (already schema-checked) merged over the defaults. */
function parseGovernance(g: Obj): ProjectConfig['governance'] {
  const d = DEFAULT_CONFIG.governance;
  const approvals = isObj(g.approvals) ? g.approvals : {};
  const security = isObj(g.security) ? g.security : {};
  const bool = (v: unknown, fallback: boolean) => (typeof v === 'boolean' ? v : fallback);
  const teams: Record<string, string[]> = {};
  for (const [team, members] of Object.entries(isObj(g.teams) ? g.teams : d.teams))
    teams[team] = list(members, []);
  return {
    approvals: {
      major: num(approvals.major, d.approvals.major),
      minor: num(approvals.minor, d.approvals.minor),
      patch: num(approvals.patch, d.approvals.patch),
      none: num(approvals.none, d.approvals.none),
    },
    security: {
      owners: list(security.owners, d.security.owners),
      approvals: num(security.approvals, d.security.approvals),
    },
    selfApproval: bool(g.selfApproval, d.selfApproval),
    dismissStaleApprovals: bool(g.dismissStaleApprovals, d.dismissStaleApprovals),
    blockOnChangesRequested: bool(g.blockOnChangesRequested, d.blockOnChangesRequested),
    unowned: g.unowned === 'block' || g.unowned === 'any-reviewer' ? g.unowned : d.unowned,
    teams,
  };
}

/** The `original.limits` section (already schema-checked) merged over the original engine's defaults. */
function parseOriginalLimits(o: Obj): ProjectConfig['original']['limits'] {
  const d = DEFAULT_CONFIG.original.limits;
  return {
    maxExecutionTimeMs: ms(o.maxExecutionTime, d.maxExecutionTimeMs),
    maxNodeExecutionTimeMs: ms(o.maxNodeExecutionTime, d.maxNodeExecutionTimeMs),
    maxIterations: num(o.maxIterations, d.maxIterations),
    maxNodeExecutions: num(o.maxNodeExecutions, d.maxNodeExecutions),
    maxNodes: num(o.maxNodes, d.maxNodes),
    maxEdges: num(o.maxEdges, d.maxEdges),
    maxPayloadSize: num(o.maxPayloadSize, d.maxPayloadSize),
    maxStringLength: num(o.maxStringLength, d.maxStringLength),
    maxArrayLength: num(o.maxArrayLength, d.maxArrayLength),
    maxVariables: num(o.maxVariables, d.maxVariables),
    maxContextDepth: num(o.maxContextDepth, d.maxContextDepth),
    maxHttpCallsPerExec: num(o.maxHttpCallsPerExec, d.maxHttpCallsPerExec),
    maxResponseSize: num(o.maxResponseSize, d.maxResponseSize),
    maxCacheSize: num(o.maxCacheSize, d.maxCacheSize),
    allowHttp: typeof o.allowHttp === 'boolean' ? o.allowHttp : d.allowHttp,
  };
}

/**
 * Parses config text. `file` labels diagnostics and is kept as `config.file`; `root` is
 * the project root (the directory holding the file).
 * @example parseConfig('version: 1\nhttp: {timeout: 10s}\n', '/p/thaiyyal.config.yaml', '/p').config?.http.timeoutMs // 10000
 */
export function parseConfig(
  text: string,
  file: string,
  root: string,
): { config?: ProjectConfig; diagnostics: Diagnostic[] } {
  const src = parseYamlSource(text, file);
  const diagnostics = [...src.diagnostics];
  if (src.value === undefined) return { diagnostics: sortDiagnostics(diagnostics) };
  if (src.empty || !isObj(src.value)) {
    diagnostics.push({
      code: 'config',
      severity: 'error',
      message: `the config ${src.empty ? 'is empty' : 'is not a map'}; it must at least say \`version: 1\``,
      file,
      range: src.map.rangeOf([]),
    });
    return { diagnostics };
  }
  const doc = src.value;
  validator ??= compileSchema(buildConfigSchema(), 'the project config');
  diagnostics.push(
    ...checkSchema(validator, doc, {
      file,
      map: src.map,
      basePath: [],
      code: 'schema',
      subject: (p) => (p.length === 0 ? 'the config' : `"${describePath(p)}"`),
    }),
  );
  // The schema cannot tell "0s" from "1s"; a zero timeout would fail every run.
  for (const path of DURATION_KEYS) {
    const v = valueAt(doc, path);
    if (v !== undefined && parseDuration(v as string | number) === 0) {
      diagnostics.push({
        code: 'schema',
        severity: 'error',
        message: `${describePath(path)} must be greater than 0 (got ${JSON.stringify(v)})`,
        file,
        range: src.map.rangeOf(path),
      });
    }
  }
  if (hasErrors(diagnostics)) return { diagnostics: sortDiagnostics(diagnostics) };

  const d = DEFAULT_CONFIG;
  const limits = isObj(doc.limits) ? doc.limits : {};
  const http = isObj(doc.http) ? doc.http : {};
  const exec = isObj(doc.exec) ? doc.exec : {};
  const secrets = isObj(doc.secrets) ? doc.secrets : {};
  const env = isObj(doc.env) ? doc.env : {};
  const config: ProjectConfig = {
    version: 1,
    file,
    root,
    limits: {
      nodeTimeoutMs: ms(limits.nodeTimeout, d.limits.nodeTimeoutMs),
      runTimeoutMs: ms(limits.runTimeout, d.limits.runTimeoutMs),
      concurrency: num(limits.concurrency, d.limits.concurrency),
      foreachConcurrency: num(limits.foreachConcurrency, d.limits.foreachConcurrency),
      maxForeachItems: num(limits.maxForeachItems, d.limits.maxForeachItems),
      maxWorkflowDepth: num(limits.maxWorkflowDepth, d.limits.maxWorkflowDepth),
    },
    lint: {
      rules: {
        ...((isObj(doc.lint) && isObj(doc.lint.rules)
          ? doc.lint.rules
          : {}) as ProjectConfig['lint']['rules']),
      },
      ignore: list(isObj(doc.lint) ? doc.lint.ignore : undefined, d.lint.ignore),
    },
    http: {
      allow: list(http.allow, d.http.allow),
      maxResponseBytes: num(http.maxResponseBytes, d.http.maxResponseBytes),
      maxRedirects: num(http.maxRedirects, d.http.maxRedirects),
      timeoutMs: ms(http.timeout, d.http.timeoutMs),
    },
    exec: {
      maxOutputBytes: num(exec.maxOutputBytes, d.exec.maxOutputBytes),
      timeoutMs: ms(exec.timeout, d.exec.timeoutMs),
    },
    secrets: {
      envPrefix: typeof secrets.envPrefix === 'string' ? secrets.envPrefix : d.secrets.envPrefix,
      files: list(secrets.files, d.secrets.files),
      dirs: list(secrets.dirs, d.secrets.dirs),
    },
    env: { allow: list(env.allow, d.env.allow) },
    runs: runsSection(doc.runs),
    governance: parseGovernance(isObj(doc.governance) ? doc.governance : {}),
    original: {
      limits: parseOriginalLimits(
        isObj(doc.original) && isObj(doc.original.limits) ? doc.original.limits : {},
      ),
    },
  };
  return { config, diagnostics: sortDiagnostics(diagnostics) };
}

/** The `runs:` section (already schema-checked: counts are integers ≥ 1). */
function runsSection(v: unknown): ProjectConfig['runs'] {
  const runs = isObj(v) ? v : {};
  const retention = isObj(runs.retention) ? runs.retention : {};
  return {
    compress: runs.compress !== false,
    retention: {
      ...(typeof retention.days === 'number' ? { days: retention.days } : {}),
      ...(typeof retention.count === 'number' ? { count: retention.count } : {}),
    },
  };
}

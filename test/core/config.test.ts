/** parseConfig: defaults merged, durations, and errors with codes and places. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config.js';
import { parseConfig } from '../../src/core/config-parse.js';

const parse = (text: string) => parseConfig(text, '/p/thaiyyal.config.yaml', '/p');
const found = (text: string) =>
  parse(text).diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.col}`);

describe('parseConfig', () => {
  it('gives the defaults for a minimal file', () => {
    const { config, diagnostics } = parse('version: 1\n');
    expect(diagnostics).toEqual([]);
    expect(config).toEqual({ ...DEFAULT_CONFIG, file: '/p/thaiyyal.config.yaml', root: '/p' });
  });

  it('merges every section over the defaults, durations in ms', () => {
    const { config } = parse(`version: 1
limits: {nodeTimeout: 10s, runTimeout: 1h30m, concurrency: 4, foreachConcurrency: 2, maxForeachItems: 100, maxWorkflowDepth: 3}
http: {allow: [127.0.0.1, '*.corp'], maxResponseBytes: 1024, maxRedirects: 0, timeout: 5000}
exec: {maxOutputBytes: 2048, timeout: 2m}
secrets: {envPrefix: APP_, files: [.env], dirs: [/run/secrets]}
env: {allow: [CI]}
`);
    expect(config).toMatchObject({
      limits: {
        nodeTimeoutMs: 10_000,
        runTimeoutMs: 5_400_000,
        concurrency: 4,
        foreachConcurrency: 2,
        maxForeachItems: 100,
        maxWorkflowDepth: 3,
      },
      http: { allow: ['127.0.0.1', '*.corp'], maxResponseBytes: 1024, maxRedirects: 0, timeoutMs: 5000 },
      exec: { maxOutputBytes: 2048, timeoutMs: 120_000 },
      secrets: { envPrefix: 'APP_', files: ['.env'], dirs: ['/run/secrets'] },
      env: { allow: ['CI'] },
    });
  });

  it('keeps defaults for what a section leaves out, and does not share arrays with DEFAULT_CONFIG', () => {
    const { config } = parse('version: 1\nhttp: {timeout: 1s}\n');
    expect(config!.http).toEqual({ ...DEFAULT_CONFIG.http, timeoutMs: 1000 });
    expect(config!.http.allow).not.toBe(DEFAULT_CONFIG.http.allow);
  });

  const bad: [string, string, string[]][] = [
    ['YAML syntax', 'version: 1\nhttp: {allow: [a\n', ['yaml-syntax@3:1']],
    ['empty file', '', ['config@1:1']],
    ['missing version', 'http: {}\n', ['schema@1:1']],
    ['wrong version', 'version: 2\n', ['schema@1:10']],
    ['unknown section', 'version: 1\nlinter: {}\n', ['unknown-key@2:1']],
    ['unknown key in a section', 'version: 1\nhttp:\n  timeoutMs: 100\n', ['unknown-key@3:3']],
    ['bad duration', 'version: 1\nexec: {timeout: soon}\n', ['schema@2:17']],
    ['zero timeout', 'version: 1\nlimits: {runTimeout: 0s}\n', ['schema@2:22']],
    ['wrong type', 'version: 1\nenv: {allow: CI}\n', ['schema@2:14']],
  ];
  for (const [name, text, expected] of bad)
    it(`rejects: ${name}`, () => expect(found(text)).toEqual(expected));

  it('suggests the key meant', () => {
    expect(parse('version: 1\nhttp:\n  timeoutMs: 100\n').diagnostics[0]!.message).toContain(
      'did you mean "timeout"?',
    );
  });
});

describe('parseConfig: original.limits (the original engine, reference §5.3)', () => {
  it('defaults to the original types.DefaultConfig', () => {
    expect(parse('version: 1\n').config!.original.limits).toEqual({
      maxExecutionTimeMs: 300_000,
      maxNodeExecutionTimeMs: 30_000,
      maxIterations: 1000,
      maxNodeExecutions: 10_000,
      maxNodes: 1000,
      maxEdges: 10_000,
      maxPayloadSize: 1_048_576,
      maxStringLength: 1_048_576,
      maxArrayLength: 10_000,
      maxVariables: 1000,
      maxContextDepth: 32,
      maxHttpCallsPerExec: 100,
      maxResponseSize: 10_485_760,
      maxCacheSize: 1000,
      allowHttp: true,
    });
  });

  it('merges what the file sets; durations in ms; 0 means no limit', () => {
    const { config, diagnostics } = parse(`version: 1
original:
  limits:
    maxExecutionTime: 1m
    maxNodeExecutionTime: 10s
    maxIterations: 100
    maxNodeExecutions: 0
    maxVariables: 50
    allowHttp: false
`);
    expect(diagnostics).toEqual([]);
    expect(config!.original.limits).toMatchObject({
      maxExecutionTimeMs: 60_000,
      maxNodeExecutionTimeMs: 10_000,
      maxIterations: 100,
      maxNodeExecutions: 0,
      maxVariables: 50,
      allowHttp: false,
      maxNodes: 1000,
    });
  });

  const bad: [string, string, string[]][] = [
    ['unknown limit', 'version: 1\noriginal:\n  limits:\n    maxNode: 5\n', ['unknown-key@4:5']],
    ['negative count', 'version: 1\noriginal:\n  limits:\n    maxNodes: -1\n', ['schema@4:15']],
    ['zero duration', 'version: 1\noriginal:\n  limits:\n    maxExecutionTime: 0s\n', ['schema@4:23']],
    ['not a boolean', 'version: 1\noriginal:\n  limits:\n    allowHttp: yes please\n', ['schema@4:16']],
    ['unknown key', 'version: 1\noriginal:\n  limit: {}\n', ['unknown-key@3:3']],
  ];
  for (const [name, text, expected] of bad)
    it(`rejects: ${name}`, () => expect(found(text)).toEqual(expected));

  it('names the key meant', () => {
    expect(parse('version: 1\noriginal:\n  limits:\n    maxNode: 5\n').diagnostics[0]!.message).toContain(
      'did you mean "maxNodes"?',
    );
  });
});

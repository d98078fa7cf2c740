/**
 * Whole workflows with the `original/*` state, control and resilience types, through the
 * real app and engine (runWorkflowFile): state shared across nodes of a run, native
 * policies that really retry (a flaky upstream served by a real HTTP server), catch and time
 * out, branches that really run concurrently, and the original limits from the config.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkflowFile } from '../../../../src/app/run.js';
import { startTestServer, type TestServer } from '../../../helpers/http-server.js';

let dir: string;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  dir = mkdtempSync(join(tmpdir(), 'thaiyyal-original-state-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function runYaml(name: string, yaml: string, config = '') {
  const project = join(dir, name);
  const { mkdirSync } = await import('node:fs');
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, 'thaiyyal.config.yaml'), `version: 1\nhttp: {allow: [127.0.0.1]}\n${config}`);
  const file = join(project, 'wf.yaml');
  writeFileSync(file, `apiVersion: thaiyyal.dev/v1\nkind: Workflow\nname: ${name}\n${yaml}`);
  return runWorkflowFile({ file, cwd: project, noLog: true });
}

describe('run state across nodes', () => {
  it('a variable set in one node is read in a later one; the counter counts over several nodes', async () => {
    const r = await runYaml(
      'state',
      `nodes:
  total: {type: original/number, value: 42}
  remember:
    type: original/variable
    var_name: total
    var_op: set
    inputs: ['\${{ nodes.total.output }}']
  recall:
    type: original/variable
    var_name: total
    var_op: get
    needs: remember
  first: {type: original/counter, counter_op: increment, initial_value: 10}
  second: {type: original/counter, counter_op: increment, initial_value: 10, needs: first}
  third: {type: original/counter, counter_op: increment, delta: 5, needs: second}
  sum1: {type: original/accumulator, accum_op: sum, inputs: [1]}
  sum2: {type: original/accumulator, accum_op: sum, inputs: [2], needs: sum1}
  put: {type: original/cache, cache_op: set, cache_key: k, inputs: ['\${{ nodes.recall.output.value }}']}
  got: {type: original/cache, cache_op: get, cache_key: k, needs: put}
outputs:
  recall: \${{ nodes.recall.output }}
  counter: \${{ nodes.third.output }}
  sum: \${{ nodes.sum2.output }}
  cached: \${{ nodes.got.output }}
`,
    );
    expect(r.error).toBeUndefined();
    expect(r.outputs).toEqual({
      recall: { var_name: 'total', operation: 'get', value: 42 },
      counter: { operation: 'increment', value: 17 },
      sum: { operation: 'sum', value: 3 },
      cached: { operation: 'get', key: 'k', found: true, value: 42 },
    });
  });

  it('original expressions read variables.<name> and context.<name> (variables override constants)', async () => {
    const r = await runYaml(
      'expr-state',
      `nodes:
  consts:
    type: original/context_constant
    context_values:
      - {name: threshold, value: 100, type: number}
      - {name: unit, value: kg, type: string}
      - {name: since, value: 1700000000, type: epoch_second}
  vars:
    type: original/context_variable
    context_values: [{name: threshold, value: '10', type: number}]
  limit:
    type: original/variable
    var_name: max
    var_op: set
    inputs: [15]
  check:
    type: original/condition
    condition: 'input > context.threshold && input < variables.max'
    inputs: [12]
    needs: [consts, vars, limit]
  dated:
    type: original/condition
    condition: 'year(context.since) == 2023 && context.since < now()'
    inputs: [0]
    needs: consts
  label:
    type: original/expression
    expression: 'context.unit'
    inputs: [0]
    needs: consts
outputs:
  met: \${{ nodes.check.output.condition_met }}
  dated: \${{ nodes.dated.output.condition_met }}
  unit: \${{ nodes.label.output }}
`,
    );
    expect(r.error).toBeUndefined();
    // epoch_second is a time for expressions, as the original's time.Time.
    expect(r.outputs).toEqual({ met: true, dated: true, unit: 'kg' });
  });

  it('state does not leak from one run into the next', async () => {
    const wf = `nodes:
  get: {type: original/variable, var_name: leaked, var_op: get}
  set: {type: original/variable, var_name: leaked, var_op: set, inputs: [1], needs: get}
`;
    for (let i = 0; i < 2; i++) {
      const r = await runYaml('no-leak', wf);
      expect(r.status).toBe('failed');
      expect(r.error?.message).toContain("variable 'leaked' not found");
    }
  });
});

describe('resilience through native policies', () => {
  it("the scope shows a node's attempts and error (what the compat nodes read)", async () => {
    const r = await runYaml(
      'scope',
      `nodes:
  flaky:
    type: fail
    code: boom
    message: it broke
    retry: {attempts: 2, delay: 1ms, jitter: 0, on: [boom]}
    onError: continue
  fine: {type: original/number, value: 1}
outputs:
  flaky: \${{ nodes.flaky }}
  fineAttempts: \${{ nodes.fine.attempts }}
`,
    );
    expect(r.outputs).toEqual({
      flaky: { output: null, status: 'failed', attempts: 2, error: { code: 'boom', message: 'it broke' } },
      fineAttempts: 1,
    });
  });

  it('retry: the engine really retries a flaky upstream; the compat node reports the attempts', async () => {
    const r = await runYaml(
      'retry-ok',
      `nodes:
  fetch:
    type: http
    url: ${server.url}/flaky?key=retry-ok&fail=2
    retry: {attempts: 3, backoff: exponential, delay: 10ms, jitter: 0}
    onError: continue
  settle:
    type: original/retry
    max_attempts: 3
    inputs: ['\${{ nodes.fetch.output.body }}']
    upstream: '\${{ nodes.fetch }}'
outputs:
  result: \${{ nodes.settle.output }}
`,
    );
    expect(r.error).toBeUndefined();
    expect(r.outputs['result']).toEqual({ value: { ok: true, attempts: 3 }, attempts: 3, success: true });
    expect(server.requests.filter((q) => q.url.includes('key=retry-ok'))).toHaveLength(3);
  });

  it('retry: after the last attempt the run fails with the original message', async () => {
    const r = await runYaml(
      'retry-exhausted',
      `nodes:
  fetch:
    type: http
    url: ${server.url}/flaky?key=retry-bad&fail=9
    retry: {attempts: 2, delay: 10ms, jitter: 0}
    onError: continue
  settle:
    type: original/retry
    max_attempts: 2
    inputs: ['\${{ nodes.fetch.output }}']
    upstream: '\${{ nodes.fetch }}'
`,
    );
    expect(r.status).toBe('failed');
    expect(r.error?.code).toBe('original.retry-exhausted');
    expect(r.error?.message).toMatch(/^node "settle" failed: max retry attempts \(2\) reached: .*503/);
    expect(server.requests.filter((q) => q.url.includes('key=retry-bad'))).toHaveLength(2);
  });

  it('try_catch: a real failure upstream is caught and the fallback flows on', async () => {
    const r = await runYaml(
      'try-catch',
      `nodes:
  risky:
    type: fail
    message: disk on fire
    onError: continue
  safe:
    type: original/try_catch
    fallback_value: {rows: []}
    error_output_path: errors
    inputs: ['\${{ nodes.risky.output }}']
    upstream: '\${{ nodes.risky }}'
  rows:
    type: original/extract
    field: value
    inputs: ['\${{ nodes.safe.output }}']
outputs:
  caught: \${{ nodes.safe.output }}
  rows: \${{ nodes.rows.output }}
`,
    );
    expect(r.error).toBeUndefined();
    expect(r.outputs).toEqual({
      caught: {
        value: { rows: [] },
        error_caught: true,
        error_message: 'disk on fire',
        error_output_path: 'errors',
      },
      rows: { field: 'value', value: { rows: [] } },
    });
  });

  it('timeout: the engine really interrupts the upstream; the compat node flags it', async () => {
    const r = await runYaml(
      'timeout',
      `nodes:
  slow:
    type: delay
    duration: 5s
    timeout: 50ms
    onError: continue
  limited:
    type: original/timeout
    timeout_duration: 50ms
    timeout_action: continue_with_partial
    inputs: ['\${{ nodes.slow.output }}']
    upstream: '\${{ nodes.slow }}'
outputs:
  result: \${{ nodes.limited.output }}
`,
    );
    expect(r.error).toBeUndefined();
    expect(r.outputs['result']).toEqual({
      value: null,
      timeout_duration: '50ms',
      execution_time: '50ms',
      timed_out: true,
      timeout_exceeded: true,
      partial_result: true,
    });
  });

  it('parallel: the branches it joins really run at the same time', async () => {
    const started = Date.now();
    const r = await runYaml(
      'parallel',
      `nodes:
  a: {type: original/delay, duration: 300ms, inputs: [A]}
  b: {type: original/delay, duration: 300ms, inputs: [B]}
  both:
    type: original/parallel
    max_concurrency: 2
    inputs: ['\${{ nodes.a.output.value }}', '\${{ nodes.b.output.value }}']
outputs:
  result: \${{ nodes.both.output }}
`,
    );
    expect(r.error).toBeUndefined();
    expect(r.outputs['result']).toEqual({ results: ['A', 'B'], count: 2, concurrency: 2 });
    // Both 300 ms waits overlap: sequential would take at least 600 ms.
    expect(Date.now() - started).toBeLessThan(590);
  });
});

describe('original limits from the project config', () => {
  it('maxNodeExecutions: the run fails naming the limit and the setting', async () => {
    const r = await runYaml(
      'max-exec',
      `nodes:
  a: {type: original/counter, counter_op: increment}
  b: {type: original/counter, counter_op: increment, needs: a}
  c: {type: original/counter, counter_op: increment, needs: b}
`,
      'original:\n  limits:\n    maxNodeExecutions: 2\n',
    );
    expect(r.status).toBe('failed');
    expect(r.error?.code).toBe('original.limit');
    expect(r.error?.message).toBe(
      'node "c" failed: maximum node executions exceeded: 3 (limit: 2); raise original.limits.maxNodeExecutions in thaiyyal.config.yaml',
    );
  });

  it('maxVariables and maxStringLength', async () => {
    const vars = await runYaml(
      'max-vars',
      `nodes:
  a: {type: original/variable, var_name: a, var_op: set, inputs: [1]}
  b: {type: original/variable, var_name: b, var_op: set, inputs: [2], needs: a}
`,
      'original:\n  limits:\n    maxVariables: 1\n',
    );
    expect(vars.error?.message).toBe(
      'node "b" failed: maximum variables exceeded: 2 (limit: 1); raise original.limits.maxVariables in thaiyyal.config.yaml',
    );
    const str = await runYaml(
      'max-string',
      `nodes:
  a: {type: original/variable, var_name: a, var_op: set, inputs: [abcdefghijk]}
`,
      'original:\n  limits:\n    maxStringLength: 10\n',
    );
    expect(str.error?.message).toBe(
      'node "a" failed: string too long: 11 bytes (limit: 10); raise original.limits.maxStringLength in thaiyyal.config.yaml',
    );
  });

  it('maxNodeExecutionTime and maxExecutionTime bound a run of original nodes', async () => {
    const node = await runYaml(
      'max-node-time',
      `nodes:
  wait: {type: original/delay, duration: 5s, inputs: [x]}
`,
      'original:\n  limits:\n    maxNodeExecutionTime: 50ms\n',
    );
    expect(node.status).toBe('failed');
    expect(node.error?.code).toBe('original.limit');
    expect(node.error?.message).toBe(
      'node "wait" failed: delay of 5s exceeds the node execution time limit (50 ms); raise original.limits.maxNodeExecutionTime in thaiyyal.config.yaml',
    );
    const run = await runYaml(
      'max-run-time',
      `nodes:
  wait: {type: original/delay, duration: 5s, inputs: [x]}
`,
      'original:\n  limits:\n    maxExecutionTime: 80ms\n    maxNodeExecutionTime: 10s\n',
    );
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('run.timeout');
    expect(run.error?.message).toBe(
      'run timed out after 80ms (original.limits.maxExecutionTime in thaiyyal.config.yaml)',
    );
  });

  it('a node the engine times out under maxNodeExecutionTime names that setting', async () => {
    const run = await runYaml(
      'max-node-time',
      `nodes:
  one: {type: original/number, value: 1}
  slow: {type: exec, command: sleep, args: ['5']}
`,
      'original:\n  limits:\n    maxNodeExecutionTime: 100ms\n',
    );
    expect(run.status).toBe('failed');
    expect(run.nodes['slow']?.error?.message).toBe(
      'node "slow" timed out after 100ms (attempt 1); raise original.limits.maxNodeExecutionTime in thaiyyal.config.yaml',
    );
  });
});

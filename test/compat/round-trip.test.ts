/**
 * Round trips: workflows built like the original engine's examples, imported from JSON and
 * run by the real engine with the real `original/*` node types. Node results and the final
 * output are the original's.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkflowFile, type RunResult } from '../../src/app/run.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'thaiyyal-compat-'));
  // The http round trip calls a server on 127.0.0.1, which the SSRF policy blocks unless allowed.
  await writeFile(join(dir, 'thaiyyal.config.yaml'), 'version: 1\nhttp:\n  allow: [127.0.0.1]\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Payload {
  nodes: { id: string; type?: string; data: Record<string, unknown> }[];
  edges: { source: string; target: string; sourceHandle?: string; condition?: string }[];
  name?: string;
}

let n = 0;
async function run(payload: Payload): Promise<RunResult> {
  const file = join(dir, `wf-${++n}.json`);
  await writeFile(file, JSON.stringify(payload));
  return runWorkflowFile({ file, noLog: true });
}
const e = (source: string, target: string, sourceHandle?: string) => ({
  source,
  target,
  ...(sourceHandle !== undefined ? { sourceHandle } : {}),
});
const out = (r: RunResult, id: string) => r.nodes[id]?.output;
const status = (r: RunResult, id: string) => r.nodes[id]?.status;

describe('conditional branching', () => {
  const payload = (age: number): Payload => ({
    nodes: [
      { id: 'age', data: { value: age } },
      {
        id: 'check',
        type: 'condition',
        data: { condition: '>=18', true_path: 'adult', false_path: 'minor' },
      },
      { id: 'adult', data: { text: 'Adult' } },
      { id: 'minor', data: { text: 'Minor' } },
      { id: 'merge', type: 'text_operation', data: { text_op: 'concat', separator: '+' } },
    ],
    edges: [
      e('age', 'check'),
      e('check', 'adult', 'true'),
      { source: 'check', target: 'minor', condition: 'false' },
      e('adult', 'merge'),
      e('minor', 'merge'),
    ],
  });

  it('takes the true branch; the other is skipped; only executed sources feed inputs', async () => {
    const r = await run(payload(21));
    expect(r.status).toBe('succeeded');
    expect(out(r, 'check')).toEqual({
      value: 21,
      condition_met: true,
      condition: '>=18',
      path: 'true',
      true_path: true,
      false_path: false,
    });
    expect(out(r, 'adult')).toBe('Adult');
    expect(status(r, 'minor')).toBe('skipped');
    expect(out(r, 'merge')).toBe('Adult');
    expect(r.outputs).toEqual({ result: 'Adult' });
  });

  it('takes the false branch (legacy `condition` edge field)', async () => {
    const r = await run(payload(12));
    expect(status(r, 'adult')).toBe('skipped');
    expect(out(r, 'minor')).toBe('Minor');
    expect(r.outputs).toEqual({ result: 'Minor' });
  });
});

describe('switch routing', () => {
  const payload = (score: number): Payload => ({
    nodes: [
      { id: 'score', data: { value: score } },
      {
        id: 'grade',
        type: 'switch',
        data: {
          cases: [
            { when: '>=90', output_path: 'excellent' },
            { when: '>=70', output_path: 'good' },
            { is_default: true, output_path: 'retry' },
          ],
        },
      },
      { id: 'praise', data: { text: 'Outstanding' } },
      { id: 'ok', data: { text: 'Well done' } },
      { id: 'again', data: { text: 'Try again' } },
    ],
    edges: [
      e('score', 'grade'),
      e('grade', 'praise', 'excellent'),
      e('grade', 'ok', 'good'),
      e('grade', 'again', 'retry'),
    ],
  });

  it('routes to the first matching case', async () => {
    const r = await run(payload(75));
    expect(out(r, 'grade')).toEqual({
      value: 75,
      matched: true,
      case: '>=70',
      output_path: 'good',
      case_index: 1,
    });
    expect([status(r, 'praise'), status(r, 'ok'), status(r, 'again')]).toEqual([
      'skipped',
      'succeeded',
      'skipped',
    ]);
    expect(r.outputs).toEqual({ result: 'Well done' });
  });

  it('routes to the default case', async () => {
    const r = await run(payload(10));
    expect(out(r, 'grade')).toMatchObject({ matched: false, case: 'default', output_path: 'retry' });
    expect(r.outputs).toEqual({ result: 'Try again' });
  });
});

describe('text and arithmetic chains', () => {
  it('text: titlecase then concat of all string inputs in edge order', async () => {
    const r = await run({
      nodes: [
        { id: 't1', data: { text: 'hello world' } },
        { id: 't2', data: { text: 'again' } },
        { id: 'title', type: 'text_operation', data: { text_op: 'titlecase' } },
        { id: 'join', type: 'text_operation', data: { text_op: 'concat', separator: ' - ' } },
      ],
      edges: [e('t1', 'title'), e('title', 'join'), e('t2', 'join')],
    });
    expect(out(r, 'title')).toBe('Hello World');
    expect(out(r, 'join')).toBe('Hello World - again');
    expect(r.outputs).toEqual({ result: 'Hello World - again' });
  });

  it('arithmetic: positional operands in edge order, then an expression', async () => {
    const r = await run({
      nodes: [
        { id: 'a', data: { value: 10 } },
        { id: 'b', data: { value: 4 } },
        { id: 'sub', type: 'operation', data: { op: 'subtract' } },
        { id: 'three', data: { value: 3 } },
        { id: 'mul', type: 'operation', data: { op: 'multiply' } },
        { id: 'calc', type: 'expression', data: { expression: 'input / 4 + pow(2, 3) - node.a' } },
      ],
      edges: [e('b', 'sub'), e('a', 'sub'), e('sub', 'mul'), e('three', 'mul'), e('mul', 'calc')],
    });
    expect(out(r, 'sub')).toBe(-6);
    expect(out(r, 'mul')).toBe(-18);
    expect(out(r, 'calc')).toBe(-18 / 4 + 8 - 10);
    expect(r.outputs).toEqual({ result: -6.5 });
  });

  it('a division by zero fails the run with the original message; the results so far are kept', async () => {
    const r = await run({
      nodes: [
        { id: 'a', data: { value: 1 } },
        { id: 'z', data: { value: 0 } },
        { id: 'div', type: 'operation', data: { op: 'divide' } },
      ],
      edges: [e('a', 'div'), e('z', 'div')],
    });
    expect(r.status).toBe('failed');
    expect(r.nodes['div']!.error?.message).toMatch(/division by zero/);
    expect(out(r, 'a')).toBe(1);
  });
});

describe('array processing', () => {
  it('range → filter → expression over the filtered items', async () => {
    const r = await run({
      nodes: [
        { id: 'nums', type: 'range', data: { start: 1, end: 10 } },
        { id: 'evens', type: 'filter', data: { condition: 'item % 2 == 0' } },
        { id: 'total', type: 'expression', data: { expression: 'sum(map(input.filtered, item * item))' } },
      ],
      edges: [e('nums', 'evens'), e('evens', 'total')],
    });
    expect(out(r, 'nums')).toEqual({
      range: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      count: 10,
      start: 1,
      end: 10,
      step: 1,
    });
    expect(out(r, 'evens')).toEqual({
      filtered: [2, 4, 6, 8, 10],
      input_count: 10,
      output_count: 5,
      skipped_count: 5,
      error_count: 0,
      condition: 'item % 2 == 0',
      is_array: true,
    });
    expect(r.outputs).toEqual({ result: 220 });
  });

  it('sort, unique and reverse on an array from an expression', async () => {
    const r = await run({
      nodes: [
        { id: 'csv', data: { text: 'b,a,c,a' } },
        { id: 'src', type: 'expression', data: { expression: "input.split(',')" } },
        { id: 'uniq', type: 'unique', data: {} },
        { id: 'rev', type: 'reverse', data: {} },
      ],
      edges: [e('csv', 'src'), e('src', 'uniq'), e('src', 'rev')],
    });
    expect(out(r, 'src')).toEqual(['b', 'a', 'c', 'a']);
    expect(out(r, 'uniq')).toEqual({ unique: ['b', 'a', 'c'], input_count: 4, output_count: 3, removed: 1 });
    expect(out(r, 'rev')).toEqual({ reversed: ['a', 'c', 'a', 'b'], count: 4 });
    // Two terminal nodes ran: the last in the original's order (csv, src, uniq, rev) wins.
    expect(r.outputs['result']).toEqual(out(r, 'rev'));
  });
});

describe('parse and format', () => {
  it('parses JSON text and formats it back', async () => {
    const r = await run({
      nodes: [
        { id: 'raw', data: { text: '{"b": 1, "a": [1, 2]}' } },
        { id: 'parsed', type: 'parse', data: { input_type: 'JSON' } },
        { id: 'json', type: 'format', data: { output_type: 'JSON' } },
      ],
      edges: [e('raw', 'parsed'), e('parsed', 'json')],
    });
    expect(out(r, 'parsed')).toEqual({ b: 1, a: [1, 2] });
    expect(r.outputs).toEqual({ result: '{"a":[1,2],"b":1}' });
  });

  it('parses CSV into typed rows', async () => {
    const r = await run({
      nodes: [
        { id: 'raw', data: { text: 'name,n,ok\nada,1,true\nbo,2.5,false' } },
        { id: 'rows', type: 'parse', data: { input_type: 'CSV' } },
      ],
      edges: [e('raw', 'rows')],
    });
    expect(r.outputs).toEqual({
      result: [
        { name: 'ada', n: 1, ok: true },
        { name: 'bo', n: 2.5, ok: false },
      ],
    });
  });
});

describe('state nodes', () => {
  it('variables: set, then read by a variable get and by an expression', async () => {
    const r = await run({
      nodes: [
        { id: 'a_num', data: { value: 21 } },
        { id: 'b_set', type: 'variable', data: { var_name: 'x', var_op: 'set' } },
        { id: 'c_get', type: 'variable', data: { var_name: 'x', var_op: 'get' } },
        { id: 'd_double', type: 'expression', data: { expression: 'variables.x * 2' } },
      ],
      edges: [e('a_num', 'b_set'), e('b_set', 'c_get'), e('b_set', 'd_double')],
    });
    expect(out(r, 'b_set')).toEqual({ var_name: 'x', operation: 'set', value: 21 });
    expect(out(r, 'c_get')).toEqual({ var_name: 'x', operation: 'get', value: 21 });
    expect(out(r, 'd_double')).toBe(42);
    expect(r.outputs).toEqual({ result: 42 });
  });

  it('counter and accumulator keep one value per run, in the original order', async () => {
    const r = await run({
      nodes: [
        { id: 'c1', type: 'counter', data: { counter_op: 'increment' } },
        { id: 'c2', type: 'counter', data: { counter_op: 'increment', delta: 5 } },
        { id: 'n', data: { value: 4 } },
        { id: 'acc1', type: 'accumulator', data: { accum_op: 'sum' } },
        { id: 'acc2', type: 'accumulator', data: { accum_op: 'sum' } },
      ],
      edges: [e('n', 'acc1'), e('n', 'acc2')],
    });
    expect(out(r, 'c1')).toEqual({ operation: 'increment', value: 1 });
    expect(out(r, 'c2')).toEqual({ operation: 'increment', value: 6 });
    expect(out(r, 'acc1')).toEqual({ operation: 'sum', value: 4 });
    expect(out(r, 'acc2')).toEqual({ operation: 'sum', value: 8 });
  });
});

describe('context variables and constants', () => {
  it('expressions read context values set by orphan context nodes that run first', async () => {
    const r = await run({
      nodes: [
        {
          id: 'ctx_a',
          type: 'context_constant',
          data: { context_values: [{ name: 'max', value: 100, type: 'number' }] },
        },
        {
          id: 'ctx_b',
          type: 'context_variable',
          data: { context_values: [{ name: 'threshold', value: 50, type: 'number' }] },
        },
        { id: 'n', data: { value: 75 } },
        {
          id: 'check',
          type: 'condition',
          data: { condition: 'input > context.threshold && input < context.max' },
        },
        { id: 'hi', data: { text: 'in range' } },
      ],
      edges: [e('n', 'check'), e('check', 'hi', 'true')],
    });
    expect(out(r, 'ctx_a')).toEqual({ type: 'const', constants: { max: 100 } });
    expect(out(r, 'ctx_b')).toEqual({ type: 'variable', variables: { threshold: 50 } });
    expect(out(r, 'check')).toMatchObject({ condition_met: true, path: 'true' });
    // hi is the terminal non-context node that ran; the context nodes are terminal too but only count last.
    expect(r.outputs).toEqual({ result: 'in range' });
  });
});

describe('error handling', () => {
  it('try_catch catches the failure of the node that feeds it', async () => {
    const r = await run({
      nodes: [
        { id: 'a', data: { value: 1 } },
        { id: 'z', data: { value: 0 } },
        { id: 'div', type: 'operation', data: { op: 'divide' } },
        { id: 'safe', type: 'try_catch', data: { fallback_value: -1 } },
      ],
      edges: [e('a', 'div'), e('z', 'div'), e('div', 'safe')],
    });
    expect(r.status).toBe('succeeded');
    expect(out(r, 'safe')).toMatchObject({ value: -1, error_caught: true });
    expect(String((out(r, 'safe') as { error_message: string }).error_message)).toMatch(/division by zero/);
    expect(r.outputs).toEqual({ result: out(r, 'safe') });
  });
});

describe('ids the workflow format does not allow', () => {
  it('are reported under the original ids', async () => {
    const r = await run({
      nodes: [
        { id: '1', data: { value: 2 } },
        { id: '2', type: 'expression', data: { expression: 'input * 10' } },
      ],
      edges: [e('1', '2')],
    });
    expect(Object.keys(r.nodes).sort()).toEqual(['1', '2']);
    expect(out(r, '2')).toBe(20);
    expect(r.outputs).toEqual({ result: 20 });
    expect(r.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/node "1": renamed to "n1"/)]));
  });
});

describe('resilience nodes really retry and time out', () => {
  it('retry: the engine retries the upstream http node until it succeeds (a real server on 127.0.0.1)', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      if (hits <= 2) {
        res.writeHead(503).end('busy');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok": true}');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    try {
      const payload = (attempts: number): Payload => ({
        nodes: [
          { id: 'call', data: { url: `http://127.0.0.1:${port}/data` } },
          {
            id: 'again',
            type: 'retry',
            data: { max_attempts: attempts, initial_delay: '5ms', backoff_strategy: 'constant' },
          },
        ],
        edges: [e('call', 'again')],
      });
      const ok = await run(payload(3));
      expect(hits).toBe(3);
      expect(ok.status).toBe('succeeded');
      expect(ok.nodes['call']!.attempts).toBe(3);
      expect(ok.outputs).toEqual({ result: { value: { ok: true }, attempts: 3, success: true } });
      hits = 0;
      const failed = await run(payload(2));
      expect(failed.status).toBe('failed');
      expect(failed.nodes['again']!.error?.code).toBe('original.retry-exhausted');
      expect(failed.nodes['again']!.error?.message).toMatch(/^max retry attempts \(2\) reached: /);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });

  it('retry: a healthy upstream gives {value, attempts, success}', async () => {
    const r = await run({
      nodes: [
        { id: 'n', data: { value: 7 } },
        { id: 'again', type: 'retry', data: { max_attempts: 3 } },
      ],
      edges: [e('n', 'again')],
    });
    expect(r.outputs).toEqual({ result: { value: 7, attempts: 1, success: true } });
  });

  it('timeout: the upstream is interrupted; continue_with_partial flags the result', async () => {
    const r = await run({
      nodes: [
        { id: 'n', data: { value: 7 } },
        { id: 'slow', type: 'delay', data: { duration: '5s' } },
        { id: 'limit', type: 'timeout', data: { timeout: '50ms', timeout_action: 'continue_with_partial' } },
      ],
      edges: [e('n', 'slow'), e('slow', 'limit')],
    });
    expect(r.status).toBe('succeeded');
    expect(out(r, 'limit')).toMatchObject({ timed_out: true, partial_result: true });
    expect(r.nodes['slow']!.durationMs).toBeLessThan(4000);
  });
});

describe('expressions that reference other nodes, and merges of array results', () => {
  it('node.<id> in a condition reads a node that is not upstream', async () => {
    const r = await run({
      nodes: [
        { id: 'limit', data: { value: 10 } },
        { id: 'n', data: { value: 12 } },
        { id: 'over', type: 'condition', data: { condition: 'input > node.limit' } },
      ],
      edges: [e('n', 'over')],
    });
    expect(out(r, 'over')).toMatchObject({ condition_met: true, path: 'true' });
  });

  it('an array result from the branch that ran reaches inputs[0] whole', async () => {
    const r = await run({
      nodes: [
        { id: 't', data: { text: 'a,b' } },
        { id: 'c', type: 'condition', data: { condition: 'true' } },
        { id: 'split', type: 'expression', data: { expression: "input.value.split(',')" } },
        { id: 'other', data: { text: 'x' } },
        { id: 'show', type: 'visualization', data: { mode: 'json' } },
      ],
      edges: [
        e('t', 'c'),
        e('c', 'split', 'true'),
        e('c', 'other', 'false'),
        e('split', 'show'),
        e('other', 'show'),
      ],
    });
    expect(out(r, 'split')).toEqual(['a', 'b']);
    expect(status(r, 'other')).toBe('skipped');
    expect(r.outputs).toEqual({ result: ['a', 'b'] });
  });
});

describe('text the original kept literally', () => {
  it('a "${{" in data stays text, with a warning', async () => {
    const r = await run({
      nodes: [{ id: 't', data: { text: 'Hi ${{ inputs.name }} }} {{ x }}' } }],
      edges: [],
    });
    expect(r.outputs).toEqual({ result: 'Hi ${{ inputs.name }} }} {{ x }}' });
    expect(r.warnings).toEqual([
      expect.stringContaining(
        'node "t" (text_input): data "text" contains "${{", which the original kept as text',
      ),
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { applyEvent, initialState } from '../../src/engine/state.js';
import { NodeFailure, type NodeType } from '../../src/nodes/types.js';
import { execute, makeWorkflow } from '../helpers/workflow.js';
import type { RunEvent } from '../../src/engine/events.js';

const value: NodeType<{ value?: unknown }> = {
  type: 'value',
  summary: 'returns its value option',
  category: 'data',
  effects: 'pure',
  optionsSchema: {},
  example: '',
  execute: async (o) => o.value ?? null,
};
const peak = { now: 0, max: 0 };
const sleep: NodeType<{ ms: number; value?: unknown }> = {
  type: 'sleep',
  summary: 'sleeps then returns value; tracks how many sleep at once',
  category: 'control',
  effects: 'pure',
  optionsSchema: {},
  example: '',
  execute: async (o, ctx) => {
    peak.max = Math.max(peak.max, ++peak.now);
    try {
      await ctx.sleep(o.ms);
    } finally {
      peak.now--;
    }
    return o.value ?? o.ms;
  },
};
const flaky: NodeType<{ failUntil: number; code?: string; retryable?: boolean }> = {
  type: 'flaky',
  summary: 'fails until attempt N',
  category: 'io',
  effects: 'read',
  optionsSchema: {},
  example: '',
  execute: async (o, ctx) => {
    if (ctx.attempt < o.failUntil) {
      throw new NodeFailure(o.code ?? 'flaky.down', `down on attempt ${ctx.attempt}`, {
        retryable: o.retryable ?? true,
      });
    }
    return { attempt: ctx.attempt };
  },
};
const hang: NodeType = {
  type: 'hang',
  summary: 'never settles and ignores its signal',
  category: 'io',
  effects: 'read',
  optionsSchema: {},
  example: '',
  execute: () => new Promise(() => {}),
};
const mapExpr: NodeType<{ items: unknown[] }> = {
  type: 'mapx',
  summary: 'maps items with a raw expression',
  category: 'data',
  effects: 'pure',
  optionsSchema: {},
  expressionOptions: ['expression'],
  example: '',
  execute: async (o, ctx) =>
    Promise.all(o.items.map((item, index) => ctx.evaluate('expression', { item, index }))),
};
const types = { value, sleep, flaky, hang, mapx: mapExpr } as unknown as Record<string, NodeType<never>>;

const of = (events: RunEvent[], type: RunEvent['type'], nodeId?: string) =>
  events.filter((e) => e.type === type && (nodeId === undefined || ('nodeId' in e && e.nodeId === nodeId)));
const fold = (events: RunEvent[]) => events.reduce(applyEvent, initialState());

describe('executePlan', () => {
  it('resolves templates along dependencies and computes outputs', async () => {
    const wf = makeWorkflow(
      {
        a: { type: 'value', value: '${{ inputs.n * 2 }}' },
        b: { type: 'value', value: { sum: '${{ nodes.a.output + 1 }}', text: 'a is ${{ nodes.a.output }}' } },
      },
      { result: '${{ nodes.b.output }}' },
    );
    const { result, events } = await execute(wf, types, { inputs: { n: 20 } });
    expect(result.status).toBe('succeeded');
    expect(result.outputs).toEqual({ result: { sum: 41, text: 'a is 40' } });
    expect(events[0]!.type).toBe('run.started');
    expect(events.at(-1)!.type).toBe('run.finished');
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    expect(fold(events).nodes['b']).toMatchObject({ status: 'succeeded', attempts: 1 });
  });

  it('starts every ready node at once, up to the concurrency limit', async () => {
    const wf = makeWorkflow({
      a: { type: 'sleep', ms: 30 },
      b: { type: 'sleep', ms: 30 },
      c: { type: 'sleep', ms: 30 },
    });
    const parallel = await execute(wf, types);
    const firstDone = parallel.events.findIndex((e) => e.type === 'node.succeeded');
    expect(of(parallel.events.slice(0, firstDone), 'node.started')).toHaveLength(3);

    const serial = await execute(wf, types, { concurrency: 1 });
    const order = serial.events
      .filter((e) => e.type === 'node.started' || e.type === 'node.succeeded')
      .map((e) => e.type);
    expect(order).toEqual([
      'node.started',
      'node.succeeded',
      'node.started',
      'node.succeeded',
      'node.started',
      'node.succeeded',
    ]);
  });

  it('skips on a false `when` and propagates skips unless tolerated', async () => {
    const wf = makeWorkflow(
      {
        gate: { type: 'value', value: true, when: '${{ inputs.go }}' },
        after: { type: 'value', value: '${{ nodes.gate.output }}' },
        tolerant: { type: 'value', value: '${{ nodes.gate.output = null }}', tolerateSkipped: true },
      },
      { tolerant: '${{ nodes.tolerant.output }}' },
    );
    const { result, events } = await execute(wf, types, { inputs: { go: false } });
    expect(result.status).toBe('succeeded');
    expect(
      of(events, 'node.skipped').map((e) => ['nodeId' in e && e.nodeId, 'reason' in e && e.reason]),
    ).toEqual([
      ['gate', 'when'],
      ['after', 'dependency-skipped'],
    ]);
    expect(result.outputs).toEqual({ tolerant: true });
  });

  it('fans out with foreach, keeping item order and the concurrency cap', async () => {
    const wf = makeWorkflow(
      {
        each: {
          type: 'sleep',
          ms: '${{ 40 - index * 10 }}',
          value: '${{ item * 10 }}',
          foreach: '${{ inputs.xs }}',
          concurrency: 2,
        },
      },
      { out: '${{ nodes.each.output }}' },
    );
    peak.max = 0;
    const { result, events } = await execute(wf, types, { inputs: { xs: [1, 2, 3, 4] } });
    expect(result.outputs).toEqual({ out: [10, 20, 30, 40] });
    const starts = of(events, 'node.started', 'each');
    expect(starts.map((e) => ('index' in e ? e.index : -1))).toEqual([0, 1, 2, 3]);
    expect(peak.max).toBe(2);
  });

  it('evaluates raw expression options with item/index bindings as fields and variables', async () => {
    const wf = makeWorkflow(
      { m: { type: 'mapx', items: '${{ inputs.xs }}', expression: 'item * 2 + index + $index' } },
      { out: '${{ nodes.m.output }}' },
    );
    const { result } = await execute(wf, types, { inputs: { xs: [1, 2, 3] } });
    expect(result.outputs).toEqual({ out: [2, 6, 10] });
  });

  it('retries retryable failures with backoff and records each retry', async () => {
    const retry = {
      attempts: 4,
      backoff: 'exponential' as const,
      delayMs: 4,
      maxDelayMs: 100,
      jitter: 0,
      on: [],
    };
    const wf = makeWorkflow({ f: { type: 'flaky', failUntil: 3, retry } }, { out: '${{ nodes.f.output }}' });
    const { result, events } = await execute(wf, types);
    expect(result.outputs).toEqual({ out: { attempt: 3 } });
    const retries = of(events, 'node.retrying');
    expect(retries.map((e) => ('delayMs' in e ? e.delayMs : 0))).toEqual([4, 8]);
    expect(fold(events).nodes['f']!.attempts).toBe(3);
  });

  it('retries only the listed error codes when `on` is set', async () => {
    const retry = {
      attempts: 3,
      backoff: 'constant' as const,
      delayMs: 1,
      maxDelayMs: 1,
      jitter: 0,
      on: ['other'],
    };
    const wf = makeWorkflow({ f: { type: 'flaky', failUntil: 2, retry } });
    const { result, events } = await execute(wf, types);
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'flaky.down' });
    expect(of(events, 'node.retrying')).toHaveLength(0);
  });

  it('times out a node that ignores its signal, and retries timeouts', async () => {
    const retry = { attempts: 2, backoff: 'constant' as const, delayMs: 1, maxDelayMs: 1, jitter: 0, on: [] };
    const wf = makeWorkflow({ h: { type: 'hang', timeoutMs: 30, retry } });
    const { result, events } = await execute(wf, types);
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('timeout');
    expect(of(events, 'node.started', 'h')).toHaveLength(2);
  });

  it('keeps going after a failure: independent branches finish, dependents are skipped, partial outputs kept', async () => {
    const wf = makeWorkflow(
      {
        bad: { type: 'flaky', failUntil: 99, retryable: false },
        after: { type: 'value', value: '${{ nodes.bad.output }}' },
        other: { type: 'sleep', ms: 20, value: 'done' },
      },
      { other: '${{ nodes.other.output }}', after: '${{ nodes.after.output }}' },
    );
    const { result, events } = await execute(wf, types);
    expect(result.status).toBe('failed');
    expect(result.error).toEqual({ code: 'flaky.down', message: 'node "bad" failed: down on attempt 1' });
    expect(result.outputs).toEqual({ other: 'done' });
    const state = fold(events);
    expect(state.nodes['after']).toMatchObject({ status: 'skipped', skipReason: 'dependency-failed' });
    expect(state.nodes['other']).toMatchObject({ status: 'succeeded', output: 'done' });
  });

  it('onError continue and fallback let downstream run', async () => {
    const wf = makeWorkflow(
      {
        soft: { type: 'flaky', failUntil: 99, onError: { action: 'continue' } },
        fb: { type: 'flaky', failUntil: 99, onError: { action: 'fallback', value: { attempt: 0 } } },
        use: {
          type: 'value',
          value: { soft: '${{ nodes.soft.output }}', fb: '${{ nodes.fb.output.attempt }}' },
        },
      },
      { use: '${{ nodes.use.output }}' },
    );
    const { result, events } = await execute(wf, types);
    expect(result.status).toBe('succeeded');
    expect(result.outputs).toEqual({ use: { soft: null, fb: 0 } });
    expect(fold(events).nodes['fb']).toMatchObject({ status: 'failed', output: { attempt: 0 } });
  });

  it('cancels in-flight and pending nodes when the signal aborts', async () => {
    const wf = makeWorkflow({
      slow: { type: 'sleep', ms: 10_000 },
      stuck: { type: 'hang' },
      later: { type: 'value', value: '${{ nodes.slow.output }}' },
    });
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 30);
    const { result, events } = await execute(wf, types, { signal: ctl.signal });
    expect(result.status).toBe('cancelled');
    const state = fold(events);
    expect(Object.values(state.nodes).map((n) => n.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(events.at(-1)).toMatchObject({ type: 'run.finished', status: 'cancelled' });
  });

  it('fails the run when the run timeout passes', async () => {
    const wf = makeWorkflow({ stuck: { type: 'hang' } });
    const { result } = await execute(wf, types, {
      config: {
        limits: { ...(await import('../../src/core/config.js')).DEFAULT_CONFIG.limits, runTimeoutMs: 30 },
      },
    });
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('run.timeout');
  });

  it('redacts secrets from every event and from outputs', async () => {
    const wf = makeWorkflow(
      {
        a: { type: 'value', value: 'Bearer ${{ secrets.TOKEN }}' },
        bad: { type: 'flaky', failUntil: 99, onError: { action: 'continue' } },
      },
      { auth: '${{ nodes.a.output }}' },
    );
    const { result, events } = await execute(wf, types, { secrets: { TOKEN: 's3cr3t-value' } });
    expect(result.outputs).toEqual({ auth: 'Bearer ***' });
    expect(JSON.stringify(events)).not.toContain('s3cr3t-value');
  });

  it('reports expression errors as node failures with code "expression"', async () => {
    const wf = makeWorkflow({ a: { type: 'value', value: '${{ $number("x") }}' } });
    const { result } = await execute(wf, types);
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('expression');
    expect(result.error?.message).toContain('$number("x")');
  });
});

describe('runaway expressions', () => {
  it('stops infinite recursion by depth, as a node failure with code "expression"', async () => {
    const wf = makeWorkflow({
      loop: { type: 'value', value: '${{ ($f := function($x) { 1 + $f($x) }; $f(1)) }}' },
    });
    const { result } = await execute(wf, types);
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('expression');
    expect(result.error?.message).toMatch(/nests deeper than/);
  });

  it('stops a tail-recursive loop by time, using the injected clock', async () => {
    let t = 0;
    const wf = makeWorkflow({
      spin: { type: 'value', value: '${{ ($f := function($x) { $f($x + 1) }; $f(1)) }}' },
    });
    // A clock that advances 1 s per reading makes the 10 s budget run out after a few checks.
    const { result } = await execute(wf, types, { services: { now: () => (t += 1000) } });
    expect(result.status).toBe('failed');
    expect(result.error?.message).toMatch(/ran longer than 10000 ms/);
  });
});

describe('redaction', () => {
  it('masks secrets used as object keys', async () => {
    const wf = makeWorkflow(
      { a: { type: 'value', value: '${{ {secrets.TOKEN: 1} }}' } },
      { a: '${{ nodes.a.output }}' },
    );
    const { result, events } = await execute(wf, types, { secrets: { TOKEN: 'key-secret-value' } });
    expect(result.outputs).toEqual({ a: { '***': 1 } });
    expect(JSON.stringify(events)).not.toContain('key-secret-value');
  });
});

/**
 * Recording and replaying nodes' effects in the engine (src/engine/effects.ts): every call
 * through ctx.now / random / http / process / runWorkflow becomes a `node.effect` event, and a
 * replay answers the same calls from those events without touching the world.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EffectRecorder, EffectReplayer, RecordedEffect } from '../../src/engine/effects.js';
import type { RunEvent } from '../../src/engine/events.js';
import { NodeFailure, type NodeType } from '../../src/nodes/types.js';
import { execute, makeWorkflow } from '../helpers/workflow.js';

const recorder = (maxBodyChars = 1000): EffectRecorder => ({
  mode: 'record',
  maxBodyChars,
  sha256: (t) => createHash('sha256').update(t).digest('hex'),
});

/** Reads the clock and randomness twice, then fetches and runs a process. */
const worldly: NodeType<{ url: string; retryable?: boolean }> = {
  type: 'worldly',
  summary: 'touches every effect',
  category: 'io',
  effects: 'read',
  optionsSchema: {},
  example: '',
  execute: async (o, ctx) => {
    const t = [ctx.now(), ctx.now()];
    const r = [ctx.random(), ctx.random()];
    const res = await ctx.http.request(
      {
        method: 'GET',
        url: o.url,
        headers: {},
        timeoutMs: 1000,
        maxResponseBytes: 1e6,
        maxRedirects: 0,
        responseType: 'auto',
      },
      ctx.signal,
    );
    const p = await ctx.process.run(
      {
        command: 'echo',
        args: ['hi'],
        shell: false,
        cwd: '/tmp',
        env: {},
        timeoutMs: 1000,
        maxOutputBytes: 1e6,
      },
      ctx.signal,
    );
    return { t, r, body: res.body, out: p.stdout };
  },
};
const types = { worldly } as unknown as Record<string, NodeType<never>>;

let clock = 1_000;
let hits = 0;
const world = {
  now: () => clock++,
  random: () => 0.25,
  http: () => ({
    request: async (req: { url: string }) => {
      hits++;
      return {
        status: 200,
        headers: { a: 'b' },
        body: { url: req.url, big: 'x'.repeat(50) },
        url: req.url,
        truncated: false,
      };
    },
  }),
  process: () => ({
    run: async () => {
      hits++;
      return { exitCode: 0, stdout: 'hi\n', stderr: '', truncated: false };
    },
  }),
};

function recordingOf(events: RunEvent[]): Map<string, RecordedEffect> {
  const m = new Map<string, RecordedEffect>();
  for (const e of events) {
    if (e.type !== 'node.effect') continue;
    m.set(`${e.nodeId}/${e.index ?? ''}/${e.n}`, {
      kind: e.kind,
      ...(e.request ? { request: e.request } : {}),
      ...(e.error ? { error: e.error } : {}),
      ...('result' in e ? { result: e.result } : {}),
    });
  }
  return m;
}
const replayer = (m: Map<string, RecordedEffect>): EffectReplayer => ({
  mode: 'replay',
  take: (id, index, n) => m.get(`${id}/${index ?? ''}/${n}`),
});

describe('recording effects', () => {
  it('records clock, random, http and process calls, numbered per node', async () => {
    const wf = makeWorkflow({ w: { type: 'worldly', url: 'http://h/x' } });
    const { events, result } = await execute(wf, types, { services: { ...world, effects: recorder() } });
    expect(result.status).toBe('succeeded');
    const fx = events.filter((e) => e.type === 'node.effect');
    expect(fx.map((e) => [e.kind, e.n])).toEqual([
      ['clock', 0],
      ['clock', 1],
      ['random', 2],
      ['random', 3],
      ['http', 4],
      ['process', 5],
    ]);
    expect(fx[0]).toMatchObject({ nodeId: 'w', attempt: 1, result: expect.any(Number) as number });
    expect(fx[4]).toMatchObject({ request: { method: 'GET', url: 'http://h/x' }, result: { status: 200 } });
    expect(events.some((e) => e.type === 'node.options' && e.options['url'] === 'http://h/x')).toBe(true);
  });

  it('without an effects mode nothing extra is logged', async () => {
    const wf = makeWorkflow({ w: { type: 'worldly', url: 'http://h/x' } });
    const { events } = await execute(wf, types, { services: world });
    expect(events.some((e) => e.type === 'node.effect' || e.type === 'node.options')).toBe(false);
  });

  it('cuts a body over the cap to a prefix with its sha256 and size; such an answer cannot be replayed', async () => {
    const wf = makeWorkflow({ w: { type: 'worldly', url: 'http://h/x' } });
    const { events } = await execute(wf, types, { services: { ...world, effects: recorder(20) } });
    const http = events.find((e) => e.type === 'node.effect' && e.kind === 'http') as Extract<
      RunEvent,
      { type: 'node.effect' }
    >;
    const full = JSON.stringify({ url: 'http://h/x', big: 'x'.repeat(50) });
    expect(http.result).toMatchObject({
      bodyPrefix: full.slice(0, 20),
      bodyCut: { chars: full.length, sha256: createHash('sha256').update(full).digest('hex') },
    });
    expect(http.result).not.toHaveProperty('body');
    const { result, events: again } = await execute(wf, types, {
      services: { ...world, effects: replayer(recordingOf(events)) },
    });
    expect(result.status).toBe('failed');
    const failed = again.find((e) => e.type === 'node.failed') as Extract<RunEvent, { type: 'node.failed' }>;
    expect(failed.error.code).toBe('replay.incomplete-effect');
  });

  it('redacts secrets in effects like everywhere else', async () => {
    const wf = makeWorkflow({ w: { type: 'worldly', url: '${{ "http://h/?k=" & secrets.KEY }}' } });
    const { events } = await execute(wf, types, {
      secrets: { KEY: 'sup3rsecret' },
      services: { ...world, effects: recorder() },
    });
    expect(JSON.stringify(events)).not.toContain('sup3rsecret');
    expect(JSON.stringify(events.filter((e) => e.type === 'node.effect'))).toContain('k=***');
  });
});

describe('replaying effects', () => {
  it('answers every call from the recording: same output, the world untouched', async () => {
    const wf = makeWorkflow({ w: { type: 'worldly', url: 'http://h/x' } });
    const rec = await execute(wf, types, { services: { ...world, effects: recorder() } });
    const before = hits;
    clock = 99_999;
    const out = await execute(wf, types, {
      services: {
        ...world,
        http: () => {
          throw new Error('the replay must not fetch');
        },
        effects: replayer(recordingOf(rec.events)),
      },
    });
    expect(hits).toBe(before);
    const output = (evs: RunEvent[]) =>
      (evs.find((e) => e.type === 'node.succeeded') as Extract<RunEvent, { type: 'node.succeeded' }>).output;
    expect(output(out.events)).toEqual(output(rec.events));
  });

  it('replays recorded failures (and the retries they caused) and refuses calls the recording lacks', async () => {
    let fail = 1;
    const failing = {
      ...world,
      http: () => ({
        request: async () => {
          if (fail-- > 0) throw new NodeFailure('http.status', 'answered 503', { retryable: true });
          return { status: 200, headers: {}, body: 'ok', url: 'u', truncated: false };
        },
      }),
    };
    const wf = makeWorkflow({
      w: {
        type: 'worldly',
        url: 'http://h/x',
        retry: { attempts: 2, backoff: 'constant', delayMs: 1, maxDelayMs: 1, jitter: 0, on: [] },
      },
    });
    const rec = await execute(wf, types, { services: { ...failing, effects: recorder() } });
    expect(rec.result.status).toBe('succeeded');
    expect(rec.events.filter((e) => e.type === 'node.retrying')).toHaveLength(1);
    const again = await execute(wf, types, {
      services: { ...world, effects: replayer(recordingOf(rec.events)) },
    });
    expect(again.result.status).toBe('succeeded');
    expect(again.events.filter((e) => e.type === 'node.retrying')).toHaveLength(1);

    const empty = await execute(wf, types, { services: { ...world, effects: replayer(new Map()) } });
    const failed = empty.events.find((e) => e.type === 'node.failed') as Extract<
      RunEvent,
      { type: 'node.failed' }
    >;
    expect(failed.error.code).toBe('replay.no-effect');
    expect(failed.error.message).toContain('clock call');
  });
});

describe('EventEncoder', () => {
  it('writes node.options and node.effect byte for byte as JSON.stringify does', async () => {
    const { EventEncoder } = await import('../../src/adapters/event-encoder.js');
    const wf = makeWorkflow({ w: { type: 'worldly', url: 'http://h/"quoted"\u00e9' } });
    const { events } = await execute(wf, types, { services: { ...world, effects: recorder() } });
    const opts = events.filter((e) => e.type === 'node.options' || e.type === 'node.effect');
    expect(opts.length).toBeGreaterThan(1);
    const chunks: Buffer[] = [];
    const encoder = new EventEncoder((b) => chunks.push(Buffer.from(b)));
    for (const e of opts) encoder.encode(e);
    encoder.flush();
    expect(Buffer.concat(chunks).toString('utf8')).toBe(opts.map((e) => `${JSON.stringify(e)}\n`).join(''));
  });
});

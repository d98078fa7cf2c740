/** The replay debugger's pure model: indexing, cursor moves, breakpoints, search, state at N. */
import { describe, expect, it } from 'vitest';
import { conditionEvaluator } from '../../../src/app/replay/index.js';
import {
  CHECKPOINT,
  continueTo,
  describeEvent,
  indexRunLog,
  move,
  nodeViewAt,
  parseBreakpoint,
  search,
  stateAfter,
  statusesAfter,
  typeAt,
  eventAt,
} from '../../../src/app/replay/model.js';
import { UserError } from '../../../src/core/errors.js';
import { EVENT_LOG_VERSION, type EventBody, type RunEvent } from '../../../src/engine/events.js';

/** A log as bytes from event bodies (seq, ts, runId filled in). */
function log(bodies: EventBody[]): Uint8Array {
  const text = bodies
    .map(
      (b, seq) =>
        JSON.stringify({ v: EVENT_LOG_VERSION, seq, ts: 1000 + seq, runId: 'R1', ...b } as RunEvent) + '\n',
    )
    .join('');
  return new TextEncoder().encode(text);
}

const PLAN = {
  nodes: ['fetch', 'parse', 'save'],
  types: ['http', 'transform', 'exec'],
  deps: [[], [0], [1]],
};
const BODIES: EventBody[] = [
  { type: 'run.started', workflow: 'w', file: 'w.yaml', inputs: { n: 1 }, plan: PLAN },
  { type: 'node.scheduled', nodeId: 'fetch' },
  { type: 'node.started', nodeId: 'fetch', attempt: 1 },
  { type: 'node.options', nodeId: 'fetch', attempt: 1, options: { url: 'http://x' } },
  { type: 'node.effect', nodeId: 'fetch', attempt: 1, kind: 'http', n: 0, result: { status: 200 } },
  { type: 'node.succeeded', nodeId: 'fetch', output: { items: [1, 2] }, attempts: 1, durationMs: 5 },
  { type: 'node.scheduled', nodeId: 'parse' },
  { type: 'node.started', nodeId: 'parse', attempt: 1 },
  { type: 'node.log', nodeId: 'parse', level: 'info', message: 'parsing needle' },
  {
    type: 'node.failed',
    nodeId: 'parse',
    error: { code: 'expression', message: 'bad' },
    attempts: 1,
    durationMs: 1,
    handled: false,
  },
  { type: 'node.skipped', nodeId: 'save', reason: 'dependency-failed' },
  {
    type: 'run.finished',
    status: 'failed',
    outputs: {},
    error: { code: 'expression', message: 'x' },
    durationMs: 12,
  },
];
const ix = indexRunLog(log(BODIES), 'R1.jsonl', EVENT_LOG_VERSION);

describe('indexRunLog', () => {
  it('indexes types and nodes without parsing bodies', () => {
    expect(ix.count).toBe(BODIES.length);
    expect(typeAt(ix, 4)).toBe('node.effect');
    expect(describeEvent(ix, 5)).toEqual({ seq: 5, type: 'node.succeeded', nodeId: 'fetch', tsOffsetMs: 5 });
    expect(ix.plan.map((p) => p.id)).toEqual(['fetch', 'parse', 'save']);
    expect(ix.plan[2]).toEqual({ id: 'save', type: 'exec', deps: ['parse'] });
  });

  it('reads a v1 log, whose run.started lists the plan as {id, type, deps} objects', () => {
    const v1 = new TextDecoder()
      .decode(log(BODIES))
      .replaceAll(`{"v":${EVENT_LOG_VERSION},`, '{"v":1,')
      .replace(
        JSON.stringify(PLAN),
        JSON.stringify([
          { id: 'fetch', type: 'http', deps: [] },
          { id: 'parse', type: 'transform', deps: ['fetch'] },
          { id: 'save', type: 'exec', deps: ['parse'] },
        ]),
      );
    const old = indexRunLog(new TextEncoder().encode(v1), 'v1.jsonl', EVENT_LOG_VERSION);
    expect(old.plan).toEqual(ix.plan);
    expect(old.started.plan).toEqual(PLAN);
    expect(eventAt(old, 0)).toMatchObject({ v: 1, type: 'run.started', plan: PLAN });
    expect(old.count).toBe(ix.count);
  });

  it('drops an incomplete last line with a warning; refuses newer versions and garbage', () => {
    const bytes = log(BODIES);
    const cut = bytes.subarray(0, bytes.length - 20);
    const t = indexRunLog(cut, 'cut.jsonl', EVENT_LOG_VERSION);
    expect(t.count).toBe(BODIES.length - 1);
    expect(t.warnings[0]).toMatch(/dropped an incomplete last line/);
    const newer = new TextEncoder().encode(
      new TextDecoder().decode(bytes).replace(`{"v":${EVENT_LOG_VERSION},"seq":3,`, '{"v":9,"seq":3,'),
    );
    expect(() => indexRunLog(newer, 'n.jsonl', EVENT_LOG_VERSION)).toThrow(
      /newer thaiyyal \(event log format v9/,
    );
    expect(() => indexRunLog(new TextEncoder().encode('nope\n{}\n'), 'g.jsonl', 1)).toThrow(UserError);
    expect(() => indexRunLog(new Uint8Array(), 'e.jsonl', 1)).toThrow(/empty/);
  });

  it('indexes 100,000 events with status checkpoints', () => {
    const n = 100_000;
    const plan = {
      nodes: Array.from({ length: 1000 }, (_, i) => `n${i}`),
      types: Array.from({ length: 1000 }, () => 'transform'),
      deps: Array.from({ length: 1000 }, () => []),
    };
    const bodies: EventBody[] = [{ type: 'run.started', workflow: 'big', file: 'b.yaml', inputs: {}, plan }];
    for (let i = 1; i < n; i++) {
      const id = `n${Math.floor(i / 100) % 1000}`;
      bodies.push(
        i % 100 === 99
          ? { type: 'node.succeeded', nodeId: id, output: i, attempts: 1, durationMs: 0 }
          : { type: 'node.started', nodeId: id, attempt: 1 },
      );
    }
    const big = indexRunLog(log(bodies), 'big.jsonl', EVENT_LOG_VERSION);
    expect(big.count).toBe(n);
    expect(big.checkpoints.length).toBe(Math.ceil(n / CHECKPOINT));
    const at = 50_000;
    const fromCheckpoint = statusesAfter(big, at);
    const folded = stateAfter(big, at);
    expect(fromCheckpoint.filter((s) => s === 'succeeded').length).toBe(
      Object.values(folded.nodes).filter((x) => x.status === 'succeeded').length,
    );
    expect(nodeViewAt(big, 'n10', n - 1)?.output).toBe(1099);
  });
});

describe('the cursor', () => {
  it('steps by event and by node; jumps to start, end and first failure', () => {
    expect(move(ix, 0, 'next')).toBe(1);
    expect(move(ix, 0, 'prev')).toBe(0);
    expect(move(ix, 0, 'nextNode')).toBe(5);
    expect(move(ix, 5, 'nextNode')).toBe(9);
    expect(move(ix, 9, 'prevNode')).toBe(5);
    expect(move(ix, 3, 'end')).toBe(ix.count - 1);
    expect(move(ix, 7, 'start')).toBe(0);
    expect(move(ix, 0, 'firstFailure')).toBe(9);
  });

  it('shows each node at the cursor: inputs, options, output, error, attempts', () => {
    expect(statusesAfter(ix, 4)).toEqual(['running', 'pending', 'pending']);
    expect(statusesAfter(ix, 10)).toEqual(['succeeded', 'failed', 'skipped']);
    const fetch = nodeViewAt(ix, 'fetch', 5)!;
    expect(fetch).toMatchObject({
      status: 'succeeded',
      options: { url: 'http://x' },
      output: { items: [1, 2] },
      attempts: 1,
      effects: 1,
    });
    const parse = nodeViewAt(ix, 'parse', 9)!;
    expect(parse).toMatchObject({
      status: 'failed',
      inputs: { fetch: { items: [1, 2] } },
      error: { code: 'expression' },
    });
    expect(parse.logs).toEqual([{ level: 'info', message: 'parsing needle' }]);
    expect(nodeViewAt(ix, 'parse', 4)).toMatchObject({ status: 'pending', inputs: { fetch: undefined } });
    expect(stateAfter(ix, 5).nodes['fetch']?.options).toEqual({ url: 'http://x' });
  });

  it('breakpoints on node id, node type, event type and a JSONata condition; both directions', async () => {
    const evaluate = conditionEvaluator();
    expect(parseBreakpoint(ix, 'parse')).toEqual({ kind: 'node', value: 'parse' });
    expect(parseBreakpoint(ix, 'node.log')).toEqual({ kind: 'event', value: 'node.log' });
    expect(parseBreakpoint(ix, 'exec')).toEqual({ kind: 'type', value: 'exec' });
    expect(() => parseBreakpoint(ix, 'nothing')).toThrow(/not a node id/);
    expect(await continueTo(ix, 0, [parseBreakpoint(ix, 'parse')], 1, evaluate)).toBe(6);
    expect(await continueTo(ix, 0, [{ kind: 'type', value: 'exec' }], 1, evaluate)).toBe(10);
    expect(await continueTo(ix, 0, [{ kind: 'event', value: 'node.effect' }], 1, evaluate)).toBe(4);
    const cond = { kind: 'when' as const, value: 'nodes.fetch.output.items[1] = 2' };
    expect(await continueTo(ix, 0, [cond], 1, evaluate)).toBe(5);
    expect(
      await continueTo(ix, 11, [{ kind: 'when', value: 'nodes.parse.status = "running"' }], -1, evaluate),
    ).toBe(8);
    expect(await continueTo(ix, 0, [{ kind: 'node', value: 'none' }], 1, evaluate)).toBe(ix.count - 1);
    await expect(continueTo(ix, 0, [{ kind: 'when', value: '(' }], 1, evaluate)).rejects.toThrow(
      /breakpoint when/,
    );
  });

  it('searches the events’ text, wrapping around', () => {
    expect(search(ix, 0, 'NEEDLE')).toBe(8);
    expect(search(ix, 8, 'needle')).toBe(8);
    expect(search(ix, 0, 'http://x', -1)).toBe(3);
    expect(search(ix, 0, 'absent')).toBeUndefined();
  });
});

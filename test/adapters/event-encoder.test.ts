/** The byte-level event encoder: every line is JSON.stringify(event) + "\n", whatever the shape. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventEncoder } from '../../src/adapters/event-encoder.js';
import { EVENT_LOG_VERSION, type RunEvent } from '../../src/engine/events.js';

/** Encodes events with a buffer of `size` bytes and returns the text the sink received. */
function encode(events: unknown[], size?: number): { text: string; chunks: number } {
  const chunks: Buffer[] = [];
  const encoder = new EventEncoder((bytes) => chunks.push(Buffer.from(bytes)), size);
  for (const e of events) encoder.encode(e as RunEvent);
  encoder.flush();
  return { text: Buffer.concat(chunks).toString('utf8'), chunks: chunks.length };
}
const jsonl = (events: unknown[]) => events.map((e) => `${JSON.stringify(e)}\n`).join('');

const ulid = '01J0000000000000000000000A';
const nat = fc.oneof(fc.nat(), fc.nat({ max: 9 }), fc.constantFrom(2 ** 31 - 1, 2 ** 31, 2 ** 53 - 1));
/** Numbers the fast form must refuse as well as accept. */
const anyNumber = fc.oneof(nat, fc.double(), fc.integer({ min: -1000, max: -1 }), fc.constant(-0));
const id = fc.oneof(
  fc.string(),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,20}$/),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
);
const common = fc.record({
  v: fc.oneof(fc.constant(EVENT_LOG_VERSION), fc.constant(1), fc.constant(3)),
  seq: anyNumber,
  ts: fc.oneof(fc.constant(1_795_679_620_548), anyNumber),
  runId: fc.oneof(fc.constant(ulid), fc.constant('R1'), fc.string()),
});
const hot = fc.oneof(
  fc.record({ type: fc.constant('node.scheduled'), nodeId: id }),
  fc.record({ type: fc.constant('node.started'), nodeId: id, attempt: anyNumber }),
  fc.record(
    {
      type: fc.constant('node.started'),
      nodeId: id,
      attempt: nat,
      index: fc.option(fc.nat(), { nil: undefined }),
    },
    { requiredKeys: ['type', 'nodeId', 'attempt'] },
  ),
  fc.record({
    type: fc.constant('node.options'),
    nodeId: id,
    attempt: anyNumber,
    options: fc.oneof(
      fc.dictionary(fc.string(), fc.jsonValue()),
      fc.constant(undefined),
      fc.constant(() => 1),
    ),
  }),
  fc.record({
    type: fc.constant('node.succeeded'),
    nodeId: id,
    output: fc.oneof(fc.jsonValue(), anyNumber, fc.constant(undefined), fc.constant(Symbol('s'))),
    attempts: anyNumber,
    durationMs: anyNumber,
  }),
  fc.record({
    type: fc.constant('node.skipped'),
    nodeId: id,
    reason: fc.constantFrom('when', 'dependency-failed'),
  }),
);
const planEntry = fc.oneof(
  fc.record({
    id,
    type: fc.constantFrom('transform', 'http', 'tÿpe"'),
    deps: fc.array(id, { maxLength: 4 }),
  }),
  fc.jsonValue(),
  fc.record({ id, type: fc.string(), deps: fc.array(fc.jsonValue(), { maxLength: 2 }), extra: fc.nat() }),
  fc.constant(undefined),
);
const runStarted = fc.record(
  {
    type: fc.constant('run.started'),
    workflow: fc.string(),
    file: fc.string(),
    inputs: fc.dictionary(fc.string(), fc.jsonValue()),
    plan: fc.oneof(
      fc.record({
        nodes: fc.array(id, { maxLength: 30 }),
        types: fc.array(fc.constantFrom('transform', 'http', 'tÿpe"'), { maxLength: 30 }),
        deps: fc.array(fc.array(fc.nat({ max: 30 }), { maxLength: 4 }), { maxLength: 30 }),
      }),
      fc.array(planEntry, { maxLength: 30 }),
      fc.jsonValue(),
    ),
    parentRunId: fc.option(fc.string(), { nil: undefined }),
    forkOf: fc.record({ runId: fc.string(), node: id }),
  },
  { requiredKeys: ['type', 'workflow', 'file', 'inputs', 'plan'] },
);
const event = fc
  .tuple(common, fc.oneof({ weight: 4, arbitrary: hot }, { weight: 1, arbitrary: runStarted }))
  .map(([c, body]) => ({ ...c, ...body }));

describe('EventEncoder', () => {
  it('writes JSON.stringify(event) + "\\n" for any mix of events, whatever the buffer size', () => {
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 40 }),
        fc.constantFrom(undefined, 1024, 1500),
        (events, size) => {
          expect(encode(events, size).text).toBe(jsonl(events));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('writes the hot events of a real run in the engine key order, byte for byte', () => {
    const events: RunEvent[] = [];
    const runId = ulid;
    let seq = 0;
    // Three events per millisecond, as in a real run.
    const c = () => ({
      v: EVENT_LOG_VERSION,
      seq: seq++,
      ts: 1_795_679_620_548 + Math.floor(seq / 3),
      runId,
    });
    const plan = {
      nodes: Array.from({ length: 3000 }, (_, i) => `n${i}`),
      types: Array.from({ length: 3000 }, () => 'transform'),
      deps: Array.from({ length: 3000 }, (_, i) => (i ? [i - 1] : [])),
    };
    events.push({ ...c(), type: 'run.started', workflow: 'w', file: 'w.yaml', inputs: {}, plan });
    for (let i = 0; i < 3000; i++) {
      const nodeId = `n${i}`;
      events.push({ ...c(), type: 'node.scheduled', nodeId });
      events.push({ ...c(), type: 'node.started', nodeId, attempt: 1 });
      const output = [i, i * 1.5, `text ${i} "é"`, { a: [i] }, null, -i][i % 6];
      events.push({ ...c(), type: 'node.succeeded', nodeId, output, attempts: 1, durationMs: i % 7 });
    }
    events.push({ ...c(), type: 'run.finished', status: 'succeeded', outputs: { x: 1 }, durationMs: 12 });
    const { text, chunks } = encode(events, 64 * 1024);
    expect(text).toBe(jsonl(events));
    expect(chunks).toBeGreaterThan(4);
  });

  it('writes integers at every digit and half boundary exactly', () => {
    const values = [0, 9, 10, 99, 2 ** 31 - 1, 2 ** 31, 999_999_999, 1e9, 1e9 + 1, 2 ** 53 - 1, 2 ** 53 - 2];
    for (let k = 1; k < 9_007_199; k = k * 3 + 1) values.push(k * 1e9 - 1, k * 1e9, k * 1e9 + 1);
    const events = values.map((n, i) => ({
      v: EVENT_LOG_VERSION,
      seq: i,
      ts: n,
      runId: 'R',
      type: 'node.scheduled',
      nodeId: 'a',
    }));
    expect(encode(events).text).toBe(jsonl(events));
  });

  it('keeps room for the rest of a line after an output that fills the buffer', () => {
    const events = [];
    for (let n = 200; n < 400; n++) {
      events.push({
        v: EVENT_LOG_VERSION,
        seq: n,
        ts: 5,
        runId: 'R',
        type: 'node.succeeded',
        nodeId: 'a',
        output: '€'.repeat(n),
        attempts: 1,
        durationMs: 2,
      });
      events.push({
        v: EVENT_LOG_VERSION,
        seq: n,
        ts: 5,
        runId: 'R',
        type: 'node.log',
        nodeId: 'a',
        level: 'info',
        message: '€'.repeat(n),
      });
    }
    expect(encode(events, 1024).text).toBe(jsonl(events));
  });

  it('hands a line longer than its buffer to the sink without cutting characters', () => {
    const big = {
      v: EVENT_LOG_VERSION,
      seq: 0,
      ts: 1,
      runId: 'R',
      type: 'node.log',
      nodeId: 'n',
      level: 'info',
      message: '€'.repeat(5000),
    };
    const longId = {
      v: EVENT_LOG_VERSION,
      seq: 1,
      ts: 1,
      runId: 'R',
      type: 'node.started',
      nodeId: 'é'.repeat(3000),
      attempt: 1,
    };
    expect(encode([big, longId, big], 1024).text).toBe(jsonl([big, longId, big]));
  });
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createFileSink } from '../../src/adapters/event-log.js';
import { EVENT_LOG_VERSION, type RunEvent } from '../../src/engine/events.js';

const base = (seq: number) => ({
  v: EVENT_LOG_VERSION,
  seq,
  ts: 1_700_000_000_000 + seq,
  runId: '01J0000000000000000000000A',
});

describe('createFileSink', () => {
  it('writes one event per line and everything by close()', async () => {
    const root = mkdtempSync(join(tmpdir(), 'thaiyyal-log-'));
    const sink = createFileSink(root, 'r1');
    const events: RunEvent[] = [];
    for (let i = 0; i < 1500; i++) events.push({ ...base(i), type: 'node.scheduled', nodeId: `n${i}` });
    events.push({ ...base(1500), type: 'node.log', nodeId: 'n1', level: 'info', message: 'héllo "world"\n' });
    for (const e of events) sink.write(e);
    await sink.close?.();
    const text = readFileSync(sink.path, 'utf8');
    expect(text).toBe(events.map((e) => `${JSON.stringify(e)}\n`).join(''));
  });

  it('has written every event by the next event-loop turn, so a crash loses at most one turn', async () => {
    const root = mkdtempSync(join(tmpdir(), 'thaiyyal-log-'));
    const sink = createFileSink(root, 'r2');
    sink.write({ ...base(0), type: 'node.scheduled', nodeId: 'a' });
    sink.write({ ...base(1), type: 'node.started', nodeId: 'a', attempt: 1 });
    expect(readFileSync(sink.path, 'utf8')).toBe('');
    await turn();
    const lines = readFileSync(sink.path, 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[1]!)).toMatchObject({ seq: 1, type: 'node.started', attempt: 1 });
    await sink.close?.();
  });

  it('writes a run.started whose plan is larger than its buffer in one piece', async () => {
    const root = mkdtempSync(join(tmpdir(), 'thaiyyal-log-'));
    const sink = createFileSink(root, 'r3');
    const plan = {
      nodes: Array.from({ length: 5000 }, (_, i) => `node_${i}`),
      types: Array.from({ length: 5000 }, () => 'transform'),
      deps: Array.from({ length: 5000 }, (_, i) => (i ? [i - 1] : [])),
    };
    const started: RunEvent = {
      ...base(0),
      type: 'run.started',
      workflow: 'big',
      file: 'big.yaml',
      inputs: { who: 'wörld' },
      plan,
    };
    sink.write(started);
    sink.write({ ...base(1), type: 'node.scheduled', nodeId: 'node_0' });
    await sink.close?.();
    const text = readFileSync(sink.path, 'utf8');
    expect(text.length).toBeGreaterThan(128 * 1024);
    expect(text).toBe(
      `${JSON.stringify(started)}\n${JSON.stringify({ ...base(1), type: 'node.scheduled', nodeId: 'node_0' })}\n`,
    );
  });
});

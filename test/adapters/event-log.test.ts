import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFileSink, serializeEvent } from '../../src/adapters/event-log.js';
import type { RunEvent } from '../../src/engine/events.js';

const base = (seq: number) => ({
  v: 1 as const,
  seq,
  ts: 1_700_000_000_000 + seq,
  runId: '01J0000000000000000000000A',
});

describe('serializeEvent', () => {
  it('is byte-for-byte JSON.stringify for the hand-written events, whatever the ids and outputs', () => {
    fc.assert(
      fc.property(fc.string(), fc.jsonValue(), fc.nat(), fc.nat(), (nodeId, output, attempt, durationMs) => {
        const events: RunEvent[] = [
          { ...base(0), type: 'node.scheduled', nodeId },
          { ...base(1), type: 'node.started', nodeId, attempt },
          { ...base(2), type: 'node.started', nodeId, attempt, index: 3 },
          { ...base(3), type: 'node.succeeded', nodeId, output, attempts: attempt, durationMs },
          { ...base(4), type: 'node.skipped', nodeId, reason: 'when' },
        ];
        for (const e of events) expect(serializeEvent(e)).toBe(JSON.stringify(e));
      }),
    );
  });
});

describe('createFileSink', () => {
  it('writes one event per line and everything by close()', async () => {
    const root = mkdtempSync(join(tmpdir(), 'thaiyyal-log-'));
    const sink = createFileSink(root, 'r1');
    for (let i = 0; i < 1500; i++) sink.write({ ...base(i), type: 'node.scheduled', nodeId: `n${i}` });
    await sink.close?.();
    const lines = readFileSync(sink.path, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1500);
    expect(JSON.parse(lines[1499]!)).toMatchObject({ seq: 1499, nodeId: 'n1499' });
  });
});

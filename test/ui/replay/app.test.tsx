/** The replay TUI driven by keys through ink-testing-library, at 80 × 24. */
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { conditionEvaluator } from '../../../src/app/replay/index.js';
import { indexRunLog } from '../../../src/app/replay/model.js';
import { EVENT_LOG_VERSION, type EventBody, type RunEvent } from '../../../src/engine/events.js';
import { ReplayApp } from '../../../src/ui/replay/App.js';
import { renderFrame, renderPlain } from '../../../src/ui/replay/frame.js';

const PLAN = {
  nodes: ['fetch', 'parse', 'save'],
  types: ['http', 'transform', 'exec'],
  deps: [[], [0], [1]],
};
const BODIES: EventBody[] = [
  { type: 'run.started', workflow: 'shop', file: 'w.yaml', inputs: {}, plan: PLAN },
  { type: 'node.scheduled', nodeId: 'fetch' },
  { type: 'node.started', nodeId: 'fetch', attempt: 1 },
  { type: 'node.options', nodeId: 'fetch', attempt: 1, options: { url: 'http://shop/items' } },
  {
    type: 'node.succeeded',
    nodeId: 'fetch',
    output: { items: ['apple', 'pear'] },
    attempts: 1,
    durationMs: 5,
  },
  { type: 'node.scheduled', nodeId: 'parse' },
  { type: 'node.started', nodeId: 'parse', attempt: 1 },
  { type: 'node.log', nodeId: 'parse', level: 'warn', message: 'odd needle' },
  {
    type: 'node.failed',
    nodeId: 'parse',
    error: { code: 'expression', message: 'no such field' },
    attempts: 1,
    durationMs: 1,
    handled: false,
  },
  { type: 'node.skipped', nodeId: 'save', reason: 'dependency-failed' },
  { type: 'run.finished', status: 'failed', outputs: {}, durationMs: 12 },
];
const bytes = new TextEncoder().encode(
  BODIES.map(
    (b, seq) =>
      JSON.stringify({
        v: EVENT_LOG_VERSION,
        seq,
        ts: 1000 + seq,
        runId: '01KAXAAAAAAAAAAAAAAAAAAAAA',
        ...b,
      } as RunEvent) + '\n',
  ).join(''),
);
const index = indexRunLog(bytes, 'log', EVENT_LOG_VERSION);

const tick = () => new Promise((r) => setTimeout(r, 30));
async function press(stdin: { write(s: string): void }, ...keys: string[]) {
  for (const k of keys) {
    stdin.write(k);
    await tick();
  }
}

afterEach(() => cleanup());

describe('ReplayApp', () => {
  it('fits 80×24, steps by event and node, shows the node at the cursor', async () => {
    const app = render(<ReplayApp index={index} evaluate={conditionEvaluator()} width={80} height={24} />);
    await tick();
    let frame = app.lastFrame()!;
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
    expect(frame).toContain('event 0/10 · run.started');

    await press(app.stdin, '\u001B[B'); // ↓: next node finished
    frame = app.lastFrame()!;
    expect(frame).toContain('event 4/10 · node.succeeded fetch');
    expect(frame).toContain('✓ fetch (http) · succeeded · attempts 1 · 5ms');
    expect(frame).toContain('opt {"url":"http://shop/items"}');
    expect(frame).toContain('out {"items":["apple","pear"]}');

    await press(app.stdin, 'l', 'l'); // → twice
    expect(app.lastFrame()).toContain('event 6/10 · node.started parse');
    expect(app.lastFrame()).toContain('in  fetch: {"items":["apple","pear"]}');
    await press(app.stdin, 'h');
    expect(app.lastFrame()).toContain('event 5/10');
    await press(app.stdin, 'G');
    expect(app.lastFrame()).toContain('event 10/10 · run.finished');
    await press(app.stdin, 'g');
    expect(app.lastFrame()).toContain('event 0/10');
  });

  it('jumps to the first failure; breakpoints; search; help overlay; quits', async () => {
    const app = render(<ReplayApp index={index} evaluate={conditionEvaluator()} width={80} height={24} />);
    await tick();
    await press(app.stdin, 'f');
    expect(app.lastFrame()).toContain('event 8/10 · node.failed parse');
    expect(app.lastFrame()).toContain('err expression: no such field');
    expect(app.lastFrame()).toContain('log warn: odd needle');

    await press(app.stdin, 'g', 'b', ...'type:exec', '\r');
    expect(app.lastFrame()).toContain('breakpoint type:exec');
    await press(app.stdin, 'c');
    await tick();
    expect(app.lastFrame()).toContain('event 9/10 · node.skipped save');

    await press(app.stdin, 'x', 'g', 'b', ...'when:nodes.fetch.status = "succeeded"', '\r', 'c');
    await tick();
    expect(app.lastFrame()).toContain('event 4/10');

    await press(app.stdin, 'b', ...'bogus', '\r');
    expect(app.lastFrame()).toContain('"bogus" is not a node id');

    await press(app.stdin, '/', ...'needle', '\r');
    expect(app.lastFrame()).toContain('event 7/10 · node.log parse');

    await press(app.stdin, '?');
    expect(app.lastFrame()).toContain('thaiyyal replay — keys');
    await press(app.stdin, 'z');
    expect(app.lastFrame()).not.toContain('thaiyyal replay — keys');

    await press(app.stdin, '\t');
    expect(app.lastFrame()).toContain('›○ save (exec) ← parse');
    await press(app.stdin, 'q');
  });
});

describe('frames', () => {
  it('the graph of node states at the cursor', () => {
    const frame = renderFrame(index, { cursor: 9, breakpoints: [], help: false }, 80, 24)
      .map((l) => l.text)
      .join('\n');
    expect(frame).toContain('✓ fetch (http)');
    expect(frame).toContain('✗ parse (transform) ← fetch');
    expect(frame).toContain('– save (exec) ← parse');
  });

  it('plain text for no TTY', () => {
    const text = renderPlain(index);
    expect(text).toContain('✗ parse (transform) failed 1ms\n      expression: no such field');
    expect(text).toContain('✓ fetch (http) succeeded 5ms\n      output {"items":["apple","pear"]}');
  });
});

// Replay benchmarks (issue 6), run by bench/run.js (`--only=replay`):
// - recording overhead: the same 10,000-node run (each node with a resolved option, so every node
//   writes a `node.options` event) with effect recording on vs off, both writing the event log;
// - opening a 100,000-event run in the debugger model: read + index the log and lay out the first
//   and last screens, plus the heap it holds (bodies are parsed lazily).
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseWorkflow } from '../dist/core/validate.js';
import { compilePlan } from '../dist/engine/plan.js';
import { executePlan } from '../dist/engine/execute.js';
import { getNodeType, nodeTypes } from '../dist/nodes/registry.js';
import { createFileSink } from '../dist/adapters/event-log.js';
import { readRunLogBytes } from '../dist/adapters/run-log.js';
import { indexRunLog } from '../dist/app/replay/model.js';
import { EVENT_LOG_VERSION } from '../dist/engine/events.js';
import { renderFrame } from '../dist/ui/replay/frame.js';

/** 10,000 transform nodes; node i's `value` template reads one or two earlier nodes. */
function optionDag(n) {
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  let yaml = 'apiVersion: thaiyyal.dev/v1\nkind: Workflow\nname: option-dag\nnodes:\n';
  for (let i = 0; i < n; i++) {
    const value =
      i === 0
        ? '1'
        : `"\${{ (nodes.n${Math.floor(rand() * i)}.output + nodes.n${Math.floor(rand() * i)}.output) % 1000 }}"`;
    yaml += `  n${i}:\n    type: transform\n    value: ${value}\n`;
  }
  return yaml;
}

/** A synthetic log of `n` events over 10,000 nodes, laid out as the writer lays it out. */
function bigLog(file, n) {
  const plan = {
    nodes: Array.from({ length: 10_000 }, (_, i) => `n${i}`),
    types: Array.from({ length: 10_000 }, () => 'transform'),
    deps: Array.from({ length: 10_000 }, (_, i) => (i ? [i - 1] : [])),
  };
  const lines = [
    JSON.stringify({
      v: 2,
      seq: 0,
      ts: 0,
      runId: 'R',
      type: 'run.started',
      workflow: 'big',
      file: 'big.yaml',
      inputs: {},
      plan,
    }),
  ];
  for (let i = 1; i < n; i++) {
    const nodeId = `n${Math.floor(i / 10) % 10_000}`;
    const body =
      i % 10 === 9
        ? {
            type: 'node.succeeded',
            nodeId,
            output: { value: i, text: 'x'.repeat(100) },
            attempts: 1,
            durationMs: 0,
          }
        : i % 10 === 1
          ? { type: 'node.options', nodeId, attempt: 1, options: { value: i } }
          : { type: 'node.started', nodeId, attempt: 1 };
    lines.push(JSON.stringify({ v: 2, seq: i, ts: i, runId: 'R', ...body }));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

export async function benchReplay({ record, ab, rounds, pairRounds, tmp, config }) {
  const { workflow, graph, diagnostics } = parseWorkflow(optionDag(10_000), 'options.yaml', nodeTypes);
  if (!workflow || !graph) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  const recorder = {
    mode: 'record',
    maxBodyChars: 256 * 1024,
    sha256: (t) => createHash('sha256').update(t).digest('hex'),
  };
  const run = async (effects) => {
    const plan = compilePlan(workflow, graph, getNodeType, config);
    const runId = `bench-${Math.random().toString(36).slice(2)}`;
    const file = createFileSink(tmp, runId);
    const r = await executePlan(
      plan,
      { runId, file: 'options.yaml', workflowDir: tmp, inputs: {}, secrets: {}, env: {}, concurrency: 16 },
      {
        config,
        sink: file,
        now: Date.now,
        random: Math.random,
        http: () => {
          throw new Error('no http');
        },
        process: () => {
          throw new Error('no process');
        },
        runWorkflow: () => Promise.reject(new Error('no sub-workflows')),
        ...(effects ? { effects } : {}),
      },
    );
    await file.close();
    if (r.status !== 'succeeded') throw new Error(`bench run ${r.status}: ${JSON.stringify(r.error)}`);
  };
  const [on, off, ratio] = await ab(
    () => run(recorder),
    () => run(undefined),
    pairRounds,
  );
  record('recording on vs off (10,000 nodes with options)', on, off, 1.05, 'ratio', { ratio });

  const file = join(tmp, '01BENCHREPLAY0000000000000.jsonl');
  bigLog(file, 100_000);
  const times = [];
  let heapMb = 0;
  for (let i = 0; i < Math.max(3, rounds); i++) {
    globalThis.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const t = performance.now();
    const ix = indexRunLog(readRunLogBytes(file), file, EVENT_LOG_VERSION);
    renderFrame(ix, { cursor: 0, breakpoints: [], help: false }, 80, 24);
    renderFrame(ix, { cursor: ix.count - 1, breakpoints: [], help: false }, 80, 24);
    times.push(performance.now() - t);
    heapMb = Math.max(heapMb, (process.memoryUsage().heapUsed - heap0) / 2 ** 20);
    if (ix.count !== 100_000) throw new Error(`indexed ${ix.count} events`);
  }
  const ms = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
  record('replay: open a 100,000-event run (ms)', ms, undefined, 1000, 'ms', { heapMb: Math.round(heapMb) });
}

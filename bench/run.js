#!/usr/bin/env node
// `npm run bench`: performance figures as ratios against baselines measured in the same run,
// so they hold on a noisy machine. Prints a table and writes bench/results.json.
// Targets come from the foundation issue; see docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import jsonata from 'jsonata';
import { parseWorkflow } from '../dist/core/validate.js';
import { compilePlan } from '../dist/engine/plan.js';
import { executePlan } from '../dist/engine/execute.js';
import { getNodeType, nodeTypes } from '../dist/nodes/registry.js';
import { DEFAULT_CONFIG } from '../dist/core/config.js';
import { createFileSink } from '../dist/adapters/event-log.js';
import { createProcessRunner } from '../dist/adapters/process.js';
import { runDag } from './fixtures/dag-runner.mjs';
import * as gen from './workflows.js';
import { benchLint } from './lint.js';
import { benchOptimize } from './optimize.js';
import { benchReplay } from './replay.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const quick = process.argv.includes('--quick');
// `--only engine,exec` runs a subset: engine · rss · parallel · exec · startup · lint · optimize · replay
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const want = (name) => !onlyArg || onlyArg.slice(7).split(',').includes(name);
const rounds = quick ? 3 : 7;
// The 5% figures (event log, recording) on a VM whose rounds vary by ±10% take more rounds.
const pairRounds = quick ? 3 : 15;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const tmp = mkdtempSync(join(tmpdir(), 'thaiyyal-bench-'));
const config = { ...DEFAULT_CONFIG, root: tmp };
const results = [];

/**
 * One figure. `extra.ratio`, when given, is the ratio as measured (the median of paired rounds,
 * see ab()); otherwise it is value / baseline.
 */
function record(name, value, baseline, target, unit = 'ratio', extra = {}) {
  const { ratio: measured, ...rest } = extra;
  const ratio = measured ?? (baseline ? value / baseline : value);
  const pass = ratio <= target;
  results.push({
    name,
    value: round(value),
    baseline: baseline ? round(baseline) : undefined,
    ratio: round(ratio),
    target,
    unit,
    pass,
    ...rest,
  });
}
const round = (x) => Math.round(x * 100) / 100;

function load(text) {
  const { workflow, graph, diagnostics } = parseWorkflow(text, 'bench.yaml', nodeTypes);
  if (!workflow || !graph) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return { workflow, graph };
}

async function engineRun({ workflow, graph }, { log = false, concurrency = 16 } = {}) {
  const plan = compilePlan(workflow, graph, getNodeType, config);
  const runId = `bench-${Math.random().toString(36).slice(2)}`;
  const file = log ? createFileSink(tmp, runId) : undefined;
  const sink = { write: (e) => file?.write(e) };
  let proc;
  const r = await executePlan(
    plan,
    { runId, file: 'bench.yaml', workflowDir: tmp, inputs: {}, secrets: {}, env: {}, concurrency },
    {
      config,
      sink,
      now: Date.now,
      random: Math.random,
      http: () => {
        throw new Error('no http');
      },
      process: () => (proc ??= createProcessRunner()),
      runWorkflow: () => Promise.reject(new Error('no sub-workflows')),
    },
  );
  await file?.close();
  if (r.status !== 'succeeded') throw new Error(`bench run ${r.status}: ${JSON.stringify(r.error)}`);
  return r;
}

/**
 * A/B alternation: returns `[median a, median b, ratio]` in ms. The order flips every round (a b,
 * b a, …) and, with `--expose-gc` (`npm run bench` passes it), each run starts from a collected
 * heap, so neither side pays for the other's garbage. `ratio` is the median of the rounds' a/b:
 * each round's two runs see the same machine, so drift (a VM slowing down for a while) cancels,
 * where a ratio of medians lets it pick sides.
 */
async function ab(a, b, n = rounds) {
  const ta = [];
  const tb = [];
  const time = async (fn, into) => {
    globalThis.gc?.();
    const t = performance.now();
    await fn();
    into.push(performance.now() - t);
  };
  await a();
  await b();
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      await time(a, ta);
      await time(b, tb);
    } else {
      await time(b, tb);
      await time(a, ta);
    }
  }
  return [median(ta), median(tb), median(ta.map((x, i) => x / tb[i]))];
}

function timeProcess(cmd, args, opts = {}) {
  const t = performance.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}
function abProcess(a, b, n = quick ? 8 : 20) {
  for (let i = 0; i < 3; i++) {
    timeProcess(...a);
    timeProcess(...b);
  }
  const ta = [];
  const tb = [];
  for (let i = 0; i < n; i++) {
    ta.push(timeProcess(...a));
    tb.push(timeProcess(...b));
  }
  return [median(ta), median(tb)];
}

// 2. Parallelism: 200 `delay 50ms` nodes, critical path 10 nodes.
if (want('parallel')) {
  const wf = load(gen.delayDag(200, 10, 50));
  const t = performance.now();
  await engineRun(wf, { concurrency: 200 });
  const ms = performance.now() - t;
  record('200 delay-50ms nodes vs critical path (10×50ms)', ms, 500, 1.15);
}

// 3. 20-node exec DAG of `true` vs a hand-written runner spawning the same processes.
if (want('exec')) {
  const dag = gen.execDag20();
  const wf = load(dag.yaml);
  const [engine, baseline, ratio] = await ab(
    () => engineRun(wf, { concurrency: 8 }),
    () => runDag(dag.deps, 'true', 8),
  );
  record('20-node exec DAG vs hand-written runner', engine, baseline, 1.5, 'ratio', { ratio });
}

// 4. Start-up, whole processes.
if (want('startup')) {
  const bin = join(root, 'bin', 'run.js');
  const bare = join(here, 'fixtures', 'bare-oclif', 'bin', 'run.js');
  const [mine, base] = abProcess(
    [process.execPath, [bin, '--version']],
    [process.execPath, [bare, '--version']],
  );
  record('thaiyyal --version vs bare oclif CLI', mine, base, 1.15);
  const small = join(tmp, 'small.yaml');
  writeFileSync(small, gen.transformChain(3));
  const [run, node] = abProcess(
    [process.execPath, [bin, 'run', small, '--quiet'], { cwd: tmp }],
    [process.execPath, ['-e', '0']],
  );
  record('thaiyyal run (3 transforms) vs node -e 0', run, node, 3);
}

// The 10,000-node runs come after the process-level benchmarks: their heap would slow every
// fork() of the exec benchmark and add GC noise to the parallelism one.
// 1. Engine overhead: 10,000 trivial transform nodes vs a hand-written JSONata loop.
const big = gen.transformDag(10_000);
if (want('engine')) {
  const bigWf = load(big.yaml);
  // Both sides compile each expression once: the engine keeps compiled expressions in its
  // cache across rounds, so the hand loop compiles up front and times evaluation only.
  const compiled = big.order.map(({ id, expression }) => ({ id, expr: jsonata(expression) }));
  const loop = async () => {
    const nodes = {};
    const input = { inputs: {}, nodes };
    for (const { id, expr } of compiled) {
      nodes[id] = { output: await expr.evaluate(input) };
    }
  };
  const [engine, baseline, ratio] = await ab(() => engineRun(bigWf), loop, quick ? 3 : 5);
  record('engine: 10,000 transform nodes vs hand loop', engine, baseline, 3, 'ratio', { ratio });
  const [on, off, logRatio] = await ab(
    () => engineRun(bigWf, { log: true }),
    () => engineRun(bigWf),
    pairRounds,
  );
  record('event log on vs off (10,000 nodes)', on, off, 1.05, 'ratio', { ratio: logRatio });
}
// Peak RSS of a process that parses, validates and runs the 10,000-node workflow.
if (want('rss')) {
  const file = join(tmp, 'big.yaml');
  writeFileSync(file, big.yaml);
  // The V8 flags the CLI runs with are on bin/run.js's shebang line (`env -S node --flag…`).
  const shebang = readFileSync(join(here, '..', 'bin', 'run.js'), 'utf8').split('\n')[0];
  const v8Flags = shebang.split(/\s+/).filter((a) => a.startsWith('--'));
  const r = spawnSync(process.execPath, [...v8Flags, join(here, 'rss-child.js'), file], {
    encoding: 'utf8',
    cwd: tmp,
  });
  if (r.status !== 0) throw new Error(r.stderr);
  const mb = JSON.parse(r.stderr.trim().split('\n').at(-1)).maxRssMb;
  record('peak RSS, 10,000-node run (MB)', mb, undefined, 250, 'MB');
}

// 5. Lint (issue 4): 1,000 files wall, marginal ms/file, one 500-line file vs --version.
if (want('lint')) await benchLint({ record, rounds: quick ? 3 : 7 });

// 6. Optimiser (issue 5): run --optimize vs run on a corpus, and optimize on 1,000 nodes.
if (want('optimize')) await benchOptimize({ record, rounds: quick ? 3 : 5, quick });

// 7. Replay (issue 6): recording on vs off on 10,000 nodes; opening a 100,000-event run in the debugger.
if (want('replay')) await benchReplay({ record, ab, rounds: quick ? 3 : 7, pairRounds, tmp, config });

rmSync(tmp, { recursive: true, force: true });
const pad = (s, n) => String(s).padEnd(n);
console.log(
  `${pad('benchmark', 52)} ${pad('value', 10)} ${pad('baseline', 10)} ${pad('ratio', 7)} ${pad('target', 7)} ok`,
);
for (const r of results) {
  console.log(
    `${pad(r.name, 52)} ${pad(r.value, 10)} ${pad(r.baseline ?? '-', 10)} ${pad(r.ratio, 7)} ${pad(`≤${r.target}`, 7)} ${r.pass ? '✓' : '✗'}`,
  );
}
const out = { version: 1, date: new Date().toISOString(), node: process.version, quick, results };
writeFileSync(join(here, 'results.json'), `${JSON.stringify(out, null, 2)}\n`);
console.log(
  `\nwrote bench/results.json (${results.filter((r) => r.pass).length}/${results.length} within target)`,
);

#!/usr/bin/env node
// Lint benchmark (issue 4): whole `thaiyyal lint` processes against `thaiyyal --version`
// measured in the same run. Run alone (`node bench/lint.js [--quick]`) or from bench/run.js
// through `benchLint({record, rounds})`.
//
// - 1,000 realistic workflow files (10–40 lines, varied node types) linted in ≤ 2 s wall;
// - marginal cost per file, (t1000 − t100) / 900, ≤ 2 ms;
// - one 500-line file ≤ 1.5× `thaiyyal --version`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'bin', 'run.js');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Node snippets (YAML lines at node level), each valid on its own or reading earlier nodes. */
const NODES = [
  (id) => [`  ${id}:`, '    type: http', '    timeout: 10s', `    url: https://api.example.com/items/${id}`],
  (id, prev) => [
    `  ${id}:`,
    '    type: transform',
    `    expression: ${prev ? `$count(nodes.${prev}.output) + 1` : '1 + 2'}`,
  ],
  (id) => [`  ${id}:`, '    type: log', `    message: 'Step ${id} for \${{ inputs.name }}'`],
  (id) => [`  ${id}:`, '    type: exec', '    timeout: 5s', '    command: echo', `    args: [${id}]`],
  (id) => [`  ${id}:`, '    type: delay', '    duration: 10ms'],
  (id) => [`  ${id}:`, '    type: condition', `    if: \${{ inputs.name = '${id}' }}`],
  (id) => [
    `  ${id}:`,
    '    type: map',
    '    items: ${{ inputs.list }}',
    `    expression: $item * ${id.length}`,
  ],
  (id) => [
    `  ${id}:`,
    '    type: filter',
    '    items: ${{ inputs.list }}',
    `    predicate: $item > ${id.length}`,
  ],
  (id) => [
    `  ${id}:`,
    '    type: reduce',
    '    items: ${{ inputs.list }}',
    `    expression: $acc + $item + ${id.length}`,
    '    initial: 0',
  ],
];

/** A deterministic workflow of about `lines` lines. */
export function workflowText(i, lines) {
  let seed = i + 1;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const out = [
    'apiVersion: thaiyyal.dev/v1',
    'kind: Workflow',
    `name: wf-${i}`,
    `description: Benchmark workflow ${i}.`,
    'inputs:',
    '  name: { type: string, default: ada, description: Who. }',
    '  list: { type: array, default: [1, 2, 3], description: Numbers. }',
    'nodes:',
  ];
  let prev;
  for (let n = 0; n === 0 || out.length < lines - 2; n++) {
    const id = `step${n}`;
    out.push(...NODES[Math.floor(rand() * NODES.length)](id, prev));
    prev = id;
  }
  out.push('outputs:', `  last: \${{ nodes.${prev ?? 'step0'}.output }}`);
  return `${out.join('\n')}\n`;
}

function makeDir(root, name, count) {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const sub = join(dir, `team${i % 10}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `wf-${i}.yaml`), workflowText(i, 10 + ((i * 7) % 31)));
  }
  return dir;
}

function timeProcess(args, cwd) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`thaiyyal ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Alternates the commands `n` times (after one warm-up each) and returns their medians in ms. */
function alternate(cmds, cwd, n) {
  for (const c of cmds) timeProcess(c, cwd);
  const times = cmds.map(() => []);
  for (let i = 0; i < n; i++) cmds.forEach((c, j) => times[j].push(timeProcess(c, cwd)));
  return times.map(median);
}

/**
 * Runs the lint benchmarks and records them with bench/run.js's
 * `record(name, value, baseline, target, unit)`.
 */
export async function benchLint({ record, rounds = 7 }) {
  const root = mkdtempSync(join(tmpdir(), 'thaiyyal-bench-lint-'));
  try {
    writeFileSync(join(root, 'thaiyyal.config.yaml'), 'version: 1\n');
    mkdirSync(join(root, '.git'));
    const d1000 = makeDir(root, 'w1000', 1000);
    const d100 = makeDir(root, 'w100', 100);
    writeFileSync(join(root, 'big.yaml'), workflowText(7, 500));
    const [t1000, t100, tBig, tVersion] = alternate(
      [
        ['lint', d1000, '--format', 'compact'],
        ['lint', d100, '--format', 'compact'],
        ['lint', 'big.yaml', '--format', 'compact'],
        ['--version'],
      ],
      root,
      rounds,
    );
    record('lint 1,000 files: wall ms', t1000, undefined, 2000, 'ms', {
      filesPerSecond: Math.round(1000 / (t1000 / 1000)),
      versionMs: Math.round(tVersion),
    });
    record('lint marginal ms/file ((t1000 - t100) / 900)', (t1000 - t100) / 900, undefined, 2, 'ms');
    record('lint one 500-line file vs thaiyyal --version', tBig, tVersion, 1.5);
    return { t1000, t100, tBig, tVersion };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = [];
  const record = (name, value, baseline, target, unit = 'ratio', extra = {}) => {
    const ratio = baseline ? value / baseline : value;
    results.push({
      name,
      value: Math.round(value * 100) / 100,
      baseline,
      ratio: Math.round(ratio * 100) / 100,
      target,
      unit,
      pass: ratio <= target,
      ...extra,
    });
  };
  const raw = await benchLint({ record, rounds: process.argv.includes('--quick') ? 3 : 7 });
  console.log(JSON.stringify({ raw, results }, null, 2));
}

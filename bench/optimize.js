// `npm run bench -- --only=optimize`: the optimiser (issue 5).
// 1. A corpus of realistic workflows (bench/corpus/optimize/*.yaml: repeated lookups,
//    sequential fan-outs, dead branches, constant configuration) run as written and optimised
//    (`run --optimize`) against a local HTTP server with 20–80 ms latencies: median wall-time
//    ratio optimised/original ≤ 0.7 (≥ 30% faster), with zero differences in outputs or writes.
// 2. `optimize` itself on a 1,000-node workflow: ≤ 50 ms, and its ratio to parsing and
//    validating the same workflow (the baseline, measured in the same run).
import { createServer } from 'node:http';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { performance } from 'node:perf_hooks';
import { runWorkflowFile } from '../dist/app/run.js';
import { optimizerContext } from '../dist/app/optimize.js';
import { DEFAULT_CONFIG } from '../dist/core/config.js';
import { parseWorkflow } from '../dist/core/validate.js';
import { nodeTypes } from '../dist/nodes/registry.js';
import { optimizeWorkflow } from '../dist/optimizer/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const corpusDir = join(here, 'corpus', 'optimize');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A small deterministic hash, for latencies and values. */
function hash(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** The bench API: every path answers after 20–80 ms (fixed per path) with JSON derived from it; POSTs are recorded. */
async function startApi() {
  const writes = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const key = url.pathname + url.search;
    const ms = 20 + (hash(url.pathname) % 61);
    if (req.method !== 'GET') writes.push(`${req.method} ${key}`);
    setTimeout(() => {
      const h = hash(key);
      const body = JSON.stringify({
        path: url.pathname,
        value: h % 100,
        items: Array.from({ length: 1 + (h % 5) }, (_, i) => ({
          id: `${url.pathname}#${i}`,
          n: (h >> i) % 10,
        })),
      });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    }, ms);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    writes,
    close: () => new Promise((r) => server.close(r)),
  };
}

/** A 1,000-node workflow with the redundancy of real ones. */
export function optimizeDag(n = 1000) {
  const lines = [
    'apiVersion: thaiyyal.dev/v1',
    'kind: Workflow',
    'name: big-optimize',
    'inputs:',
    '  baseUrl: {type: string, default: "https://api.example.com"}',
    'nodes:',
  ];
  const outputs = [];
  for (let i = 0; i < n; i++) {
    const id = `n${i}`;
    const prev = i > 0 ? `n${i - 1 - (i % 7) * (i > 7 ? 1 : 0)}` : undefined;
    switch (i % 10) {
      case 0:
        lines.push(`  ${id}: {type: transform, expression: '"cfg-${i % 50}"'}`);
        break;
      case 1:
      case 2:
        lines.push(`  ${id}: {type: http, url: '\${{ inputs.baseUrl }}/items/${i % 40}'}`);
        break;
      case 3:
        lines.push(`  ${id}: {type: http, url: '\${{ inputs.baseUrl }}/other/${i}', needs: ${prev}}`);
        break;
      case 4:
      case 5:
        lines.push(`  ${id}: {type: transform, expression: 'nodes.${prev}.output ? 1 : 0'}`);
        break;
      case 6:
        lines.push(`  ${id}: {type: transform, expression: '$count(nodes.n${i - 4}.output.body)'}`);
        break;
      case 7:
        lines.push(`  ${id}: {type: log, message: 'v=\${{ nodes.n${i - 1}.output }}'}`);
        break;
      default:
        lines.push(`  ${id}: {type: transform, expression: '${i % 3} + ${i % 5}'}`);
    }
    if (i % 10 === 6) outputs.push(`  o${i}: \${{ nodes.${id}.output }}`);
  }
  lines.push('outputs:', ...outputs);
  return `${lines.join('\n')}\n`;
}

export async function benchOptimize({ record, rounds, quick }) {
  const api = await startApi();
  const config = { ...DEFAULT_CONFIG, root: here, http: { ...DEFAULT_CONFIG.http, allow: ['127.0.0.1'] } };
  const files = readdirSync(corpusDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  const ratios = [];
  let differences = 0;
  const n = quick ? 3 : rounds;
  for (const f of files) {
    const file = join(corpusDir, f);
    const run = async (optimize) => {
      const from = api.writes.length;
      const t = performance.now();
      const r = await runWorkflowFile({ file, inputs: { baseUrl: api.url }, config, noLog: true, optimize });
      const ms = performance.now() - t;
      if (r.status !== 'succeeded')
        throw new Error(`${f}${optimize ? ' (optimised)' : ''}: ${r.error?.message}`);
      return { ms, outputs: r.outputs, writes: api.writes.slice(from).sort() };
    };
    const plain = [];
    const opt = [];
    await run(false);
    await run(true);
    for (let i = 0; i < n; i++) {
      const a = await run(false);
      const b = await run(true);
      plain.push(a.ms);
      opt.push(b.ms);
      if (!isDeepStrictEqual(a.outputs, b.outputs) || !isDeepStrictEqual(a.writes, b.writes)) differences++;
    }
    ratios.push(median(opt) / median(plain));
  }
  await api.close();
  record(
    `optimize: run --optimize / run, median of ${files.length} workflows`,
    median(ratios),
    undefined,
    0.7,
  );
  record('optimize: output or write differences', differences, undefined, 0, 'count');

  // The optimiser itself on 1,000 nodes, vs parsing and validating the same text.
  const text = optimizeDag(1000);
  const parse = () => parseWorkflow(text, 'big.yaml', nodeTypes);
  const { workflow } = parse();
  if (!workflow) throw new Error('the 1,000-node optimiser workflow does not validate');
  const ctx = optimizerContext(config);
  const tp = [];
  const to = [];
  for (let i = 0; i < 3; i++) {
    parse();
    await optimizeWorkflow(workflow, ctx);
  }
  for (let i = 0; i < (quick ? 5 : 11); i++) {
    let t = performance.now();
    parse();
    tp.push(performance.now() - t);
    t = performance.now();
    await optimizeWorkflow(workflow, ctx);
    to.push(performance.now() - t);
  }
  record('optimize: 1,000-node workflow (ms)', median(to), undefined, 50, 'ms', {
    parseMs: Math.round(median(tp) * 100) / 100,
  });
  record('optimize vs parse+validate, 1,000 nodes', median(to), median(tp), 1.5);
}

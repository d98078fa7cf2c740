/**
 * Differential property test of the optimiser: random workflows mixing pure nodes, reads
 * (GET), writes (POST, log), duplicates, fan-outs, needs and `when`, with random inputs, run
 * for real — once as written and once optimised (`run --optimize`) — against a real HTTP
 * server on 127.0.0.1 that records every request. The optimised run must give the same status
 * and outputs, make the same set of writes, keep every write that the workflow orders after
 * another write after it, and read nothing the original did not read.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkflowFile } from '../../src/app/run.js';
import { DEFAULT_CONFIG, type ProjectConfig } from '../../src/core/config.js';
import { parseWorkflow } from '../../src/core/validate.js';
import { nodeTypes } from '../../src/nodes/registry.js';
import { project } from '../helpers/project.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';

type Kind = 'const' | 'calc' | 'input' | 'get' | 'dup' | 'post' | 'log' | 'fanout' | 'chain';

interface Gen {
  kind: Kind;
  parent: number;
  k: number;
  needs: number | null;
  when: boolean;
}

const genNode: fc.Arbitrary<Gen> = fc.record({
  kind: fc.constantFrom<Kind>(
    'const',
    'calc',
    'input',
    'get',
    'get',
    'dup',
    'dup',
    'post',
    'log',
    'fanout',
    'chain',
  ),
  parent: fc.nat({ max: 20 }),
  k: fc.integer({ min: 0, max: 2 }),
  needs: fc.option(fc.nat({ max: 20 }), { freq: 3 }),
  when: fc.integer({ min: 0, max: 9 }).map((x) => x < 2),
});

/** A JSONata number read from any node's output (0 when there is none, e.g. after a skip). */
function acc(id: string, kind: Kind): string {
  const v =
    kind === 'get' || kind === 'post'
      ? `$number(nodes.${id}.output.body.query.${kind === 'post' ? 'v' : 'k'})`
      : kind === 'log'
        ? `$number($substringAfter(nodes.${id}.output.message, "="))`
        : kind === 'fanout'
          ? `$sum(nodes.${id}.output.body.query.k.$number($))`
          : `nodes.${id}.output`;
  return `($v := ${v}; $type($v) = "number" ? $v : 0)`;
}

function build(gens: Gen[], outs: number[], base: string): { yaml: string; kinds: Kind[] } {
  const nodes: Record<string, Record<string, unknown>> = {};
  const kinds: Kind[] = [];
  gens.forEach((g, i) => {
    const id = `n${i}`;
    let p = i > 0 ? g.parent % i : -1;
    // Copies of writes are the interesting case for merging: copy the latest POST half the time.
    const lastPost = kinds.lastIndexOf('post');
    if (g.kind === 'dup' && g.k === 0 && lastPost >= 0) p = lastPost;
    const pa = p >= 0 ? acc(`n${p}`, kinds[p]!) : 'inputs.a';
    let kind = g.kind;
    let spec: Record<string, unknown>;
    if (kind === 'dup' && p >= 0) {
      spec = structuredClone(nodes[`n${p}`]!);
      kind = kinds[p]!;
      // A copied POST stays identical: merging it would lose a write (the multiset check sees it).
    } else {
      if (kind === 'dup') kind = 'const';
      spec =
        kind === 'const'
          ? { type: 'transform', expression: `${g.k} * 10` }
          : kind === 'input'
            ? { type: 'transform', expression: `inputs.a + ${g.k}` }
            : kind === 'calc'
              ? { type: 'transform', expression: `${pa} + ${g.k}` }
              : kind === 'chain'
                ? { type: 'transform', expression: `${pa} * 2` }
                : kind === 'get'
                  ? { type: 'http', url: `${base}/echo?k=\${{ ${pa} + ${g.k} }}` }
                  : kind === 'post'
                    ? { type: 'http', method: 'POST', url: `${base}/echo?w=${id}&v=\${{ ${pa} }}` }
                    : kind === 'log'
                      ? { type: 'log', message: `v=\${{ ${pa} }}` }
                      : {
                          type: 'http',
                          url: `${base}/echo?k=\${{ item }}`,
                          foreach: Array.from({ length: 3 + g.k * 4 }, (_, j) => j + g.k),
                        };
      if (kind === 'chain') kind = 'calc';
    }
    if (g.kind !== 'dup') {
      if (g.needs !== null && i > 0) spec['needs'] = `n${g.needs % i}`;
      if (g.when) spec['when'] = '${{ inputs.flag }}';
    }
    nodes[id] = spec;
    kinds.push(kind);
  });
  const outputs: Record<string, string> = {};
  for (const o of new Set(outs.map((o) => o % gens.length)))
    outputs[`o${o}`] = `\${{ ${acc(`n${o}`, kinds[o]!)} }}`;
  const doc = {
    apiVersion: 'thaiyyal.dev/v1',
    kind: 'Workflow',
    name: 'prop',
    inputs: { a: { type: 'integer', default: 1 }, flag: { type: 'boolean', default: true } },
    nodes,
    outputs,
  };
  return { yaml: stringify(doc), kinds };
}

describe('optimiser differential property', () => {
  let server: TestServer;
  let dir: string;
  let config: ProjectConfig;
  beforeAll(async () => {
    server = await startTestServer();
    dir = project({});
    config = {
      ...DEFAULT_CONFIG,
      root: dir,
      http: { ...DEFAULT_CONFIG.http, allow: ['127.0.0.1'] },
    };
  });
  afterAll(() => server.close());

  it('optimised runs give the same outputs and writes as the original', async () => {
    let n = 0;
    let optimisedSomething = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(genNode, { minLength: 2, maxLength: 9 }),
        fc.array(fc.nat({ max: 20 }), { maxLength: 4 }),
        fc.integer({ min: -5, max: 5 }),
        fc.boolean(),
        async (gens, outs, a, flag) => {
          const { yaml } = build(gens, outs, server.url);
          const file = join(dir, `wf${n++}.yaml`);
          writeFileSync(file, yaml);
          const parsed = parseWorkflow(yaml, file, nodeTypes);
          expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
          const graph = parsed.graph!;
          const inputs = { a, flag };
          const run = async (optimize: boolean) => {
            const from = server.requests.length;
            const r = await runWorkflowFile({ file, inputs, config, noLog: true, optimize });
            return { r, requests: server.requests.slice(from).map((q) => `${q.method} ${q.url}`) };
          };
          const original = await run(false);
          const optimised = await run(true);
          expect(optimised.r.status).toBe(original.r.status);
          expect(optimised.r.outputs).toEqual(original.r.outputs);
          // Every original node is reported.
          expect(
            Object.keys(optimised.r.nodes)
              .filter((id) => id in graph.deps)
              .sort(),
          ).toEqual(Object.keys(original.r.nodes).sort());
          const writes = (qs: string[]) => qs.filter((q) => q.startsWith('POST'));
          expect([...writes(optimised.requests)].sort()).toEqual([...writes(original.requests)].sort());
          // Reads: never one the original did not make.
          const reads = new Set(original.requests.filter((q) => q.startsWith('GET')));
          for (const q of optimised.requests.filter((x) => x.startsWith('GET'))) expect(reads).toContain(q);
          // Required order: a write the graph orders after another write still comes after it.
          const idOf = (q: string) => /w=(n\d+)/.exec(q)![1]!;
          const pos = new Map(writes(optimised.requests).map((q, i) => [idOf(q), i]));
          const ancestors = (id: string, acc = new Set<string>()): Set<string> => {
            for (const d of graph.deps[id]!) if (!acc.has(d)) ancestors(d, acc.add(d));
            return acc;
          };
          for (const [w, i] of pos) {
            for (const up of ancestors(w)) if (pos.has(up)) expect(pos.get(up)!).toBeLessThan(i);
          }
          if (
            Object.keys(optimised.r.nodes).some(
              (id) => 'mergedInto' in optimised.r.nodes[id]! || 'skipReason' in optimised.r.nodes[id]!,
            )
          )
            optimisedSomething++;
        },
      ),
      { numRuns: 60 },
    );
    // The generator really exercises the optimiser.
    expect(optimisedSomething).toBeGreaterThan(10);
  }, 240_000);
});

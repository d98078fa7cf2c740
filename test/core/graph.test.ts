/** buildGraph: deterministic order, inferred dependencies, cycles and unknown references. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph, distance } from '../../src/core/graph.js';
import { parseWorkflow } from '../../src/core/validate.js';
import { nodeTypes, expressionOptionsOf } from '../../src/nodes/registry.js';
import { makeWorkflow } from '../helpers/workflow.js';

const HEAD = 'apiVersion: thaiyyal.dev/v1\nkind: Workflow\nname: t\n';

describe('buildGraph', () => {
  it('infers dependencies from templates, when, foreach and raw JSONata options', () => {
    const r = parseWorkflow(
      `${HEAD}nodes:
  src: {type: log, message: x}
  list: {type: log, message: x}
  gate: {type: log, message: x}
  raw: {type: log, message: x}
  t:
    type: log
    message: got \${{ nodes.src.output }}
    when: \${{ $$.nodes.gate.output.ok }}
  f:
    type: log
    foreach: \${{ nodes.list.output }}
    message: \${{ item }}
  m:
    type: map
    items: [1]
    expression: $item + nodes.raw.output.n + nodes.\`my-id\`.output
  my-id: {type: log, message: x}
`,
      'g.yaml',
      nodeTypes,
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.graph!.deps).toEqual({
      f: ['list'],
      gate: [],
      list: [],
      m: ['my-id', 'raw'],
      'my-id': [],
      raw: [],
      src: [],
      t: ['gate', 'src'],
    });
    expect(r.graph!.dependents.src).toEqual(['t']);
  });

  it('orders deterministically, ties broken by id', () => {
    const wf = makeWorkflow({
      d: { type: 'log', needs: ['b', 'c'] },
      c: { type: 'log', needs: ['a'] },
      b: { type: 'log', needs: ['a'] },
      a: { type: 'log' },
      z: { type: 'log' },
    });
    expect(buildGraph(wf, expressionOptionsOf).graph!.order).toEqual(['a', 'b', 'c', 'd', 'z']);
  });

  it('property: the order is a permutation that respects every edge', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.nat(), { maxLength: 3 }), { minLength: 1, maxLength: 12 }), (deps) => {
        const ids = deps.map((_, i) => `n${String(i).padStart(2, '0')}`);
        const nodes = Object.fromEntries(
          deps.map((d, i) => [
            ids[i]!,
            { type: 'log', needs: [...new Set(d.filter((j) => j < i).map((j) => ids[j]!))] },
          ]),
        );
        const { graph } = buildGraph(makeWorkflow(nodes), expressionOptionsOf);
        expect([...graph!.order].sort()).toEqual([...ids].sort());
        const pos = new Map(graph!.order.map((id, i) => [id, i]));
        for (const [id, ds] of Object.entries(graph!.deps))
          for (const d of ds) expect(pos.get(d)!).toBeLessThan(pos.get(id)!);
      }),
    );
  });

  it('names a 3-node cycle from its smallest id, whatever the declaration order', () => {
    const wf = makeWorkflow({
      zeta: { type: 'log', needs: ['beta'] },
      beta: { type: 'log', needs: ['alpha'] },
      alpha: { type: 'log', needs: ['zeta'] },
    });
    const r = buildGraph(wf, expressionOptionsOf);
    expect(r.graph).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['cycle']);
    expect(r.diagnostics[0]!.message).toContain('alpha → beta → zeta → alpha');
  });

  it('reports a self-loop and an unknown node with a suggestion', () => {
    const r = buildGraph(
      makeWorkflow({ a: { type: 'log', needs: ['a'] }, fetch: { type: 'log', needs: ['fecth'] } }),
      expressionOptionsOf,
    );
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual(['cycle', 'unknown-reference']);
    expect(r.diagnostics.find((d) => d.code === 'unknown-reference')!.message).toContain(
      'did you mean "fetch"?',
    );
  });

  it('distance is the Levenshtein distance', () => {
    expect(distance('kitten', 'sitting')).toBe(3);
    expect(distance('', 'abc')).toBe(3);
    expect(distance('same', 'same')).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { nodeCosts } from '../../src/optimizer/cost.js';
import { planOf } from '../../src/optimizer/plan.js';
import { suggest } from '../../src/optimizer/suggest.js';
import { ctx, workflow } from './helpers.js';

function suggestions(body: string, history = {}) {
  const plan = planOf(workflow(body), ctx);
  return suggest(plan, ctx, history, 60_000, nodeCosts(plan, ctx, history));
}

describe('suggest', () => {
  it('ranks every kind by its estimated saving', () => {
    const s = suggestions(
      `nodes:
  list: {type: http, url: 'https://api.example.com/list'}
  each:
    type: http
    url: 'https://api.example.com/x/\${{ item }}'
    foreach: [a, b, a, c, a]
  doubled: {type: map, items: '\${{ nodes.list.output.body }}', expression: '$item * 2'}
  big: {type: filter, items: '\${{ nodes.doubled.output }}', predicate: '$item > 2'}
  post1: {type: http, method: POST, url: 'https://api.example.com/p'}
  post2: {type: http, method: POST, url: 'https://api.example.com/p'}
  slow: {type: http, url: 'https://api.example.com/list', when: '\${{ true }}', timeout: 30s}
`,
      { slow: { p50: 40, p99: 90, runs: 8 } },
    );
    expect(s.map((x) => `${x.kind} ${x.nodes.join(',')}`)).toEqual([
      'tighten-timeout slow', // 30 s - 200 ms per hung call
      'declare-idempotent post2,post1', // one POST: 100 ms
      'batch-http each', // half the fan-out: 50 ms
      'cache-get each', // 2 repeated items of 5: 40 ms
      'cache-get list,slow', // the p50 of slow: 40 ms (ties by node id)
      'filter-before-map big,doubled',
    ]);
    const timeout = s[0]!;
    expect(timeout.message).toContain('set "timeout: 200ms"');
    expect(timeout.savingMs).toBe(30_000 - 200);
    expect(timeout.basis).toBe('history');
    expect(s.find((x) => x.kind === 'cache-get' && x.nodes[0] === 'each')!.message).toContain(
      'only 3 differ',
    );
  });

  it('has nothing to say about a lean workflow', () => {
    expect(
      suggestions(`nodes:
  one: {type: http, url: 'https://api.example.com/one'}
outputs:
  x: \${{ nodes.one.output.body }}
`),
    ).toEqual([]);
  });
});

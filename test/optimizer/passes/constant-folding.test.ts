import { describe, expect, it } from 'vitest';
import { constantFolding } from '../../../src/optimizer/passes/constant-folding.js';
import { runPass } from '../helpers.js';

describe('constant-folding', () => {
  it.each([
    {
      name: 'folds constant expressions and chains of them',
      body: `nodes:
  rate: {type: transform, expression: '0.2 * 100'}
  label: {type: transform, value: 'rate \${{ nodes.rate.output }}%'}
  doc: {type: format, format: json, value: {a: '\${{ nodes.rate.output }}'}}
  tripled: {type: map, items: [1, 2, 3], expression: '$item * 3'}
  tax: {type: transform, expression: 'inputs.price * nodes.rate.output / 100'}
`,
      extra: 'inputs:\n  price: {type: number, default: 10}\n',
      folded: ['doc', 'label', 'rate', 'tripled'],
      nodes: {
        rate: { type: 'transform', value: 20 },
        doc: { type: 'transform', value: '{\n  "a": 20\n}' },
        label: { type: 'transform', value: 'rate 20%' },
        tax: { type: 'transform', expression: 'inputs.price * nodes.rate.output / 100' },
        tripled: { type: 'transform', value: [3, 6, 9] },
      },
    },
    {
      name: 'never folds the clock, randomness, env, secrets or a failing expression',
      body: `nodes:
  t: {type: transform, expression: '$now()'}
  r: {type: transform, expression: '$random()'}
  e: {type: transform, expression: 'env.HOME'}
  s: {type: transform, expression: 'secrets.TOKEN'}
  bad: {type: transform, expression: '$error("no")'}
`,
      extra: '',
      folded: [],
      nodes: {
        bad: { type: 'transform', expression: '$error("no")' },
        e: { type: 'transform', expression: 'env.HOME' },
        r: { type: 'transform', expression: '$random()' },
        s: { type: 'transform', expression: 'secrets.TOKEN' },
        t: { type: 'transform', expression: '$now()' },
      },
    },
    {
      name: 'keeps nodes with when or foreach, and effectful ones',
      body: `nodes:
  w: {type: transform, expression: '1', when: '\${{ true }}'}
  f: {type: transform, expression: '$item', foreach: [1, 2]}
  l: {type: log, message: hi}
`,
      extra: '',
      folded: [],
      nodes: {
        f: { type: 'transform', expression: '$item', foreach: [1, 2] },
        l: { type: 'log', message: 'hi' },
        w: { type: 'transform', expression: '1', when: '${{ true }}' },
      },
    },
  ])('$name', async ({ body, extra, folded, nodes }) => {
    const r = await runPass(constantFolding, body, extra);
    expect([...r.provenance.folded].sort()).toEqual(folded);
    expect(r.nodes).toEqual(nodes);
    expect(r.same).toBe(folded.length === 0);
  });
});

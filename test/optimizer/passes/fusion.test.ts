import { describe, expect, it } from 'vitest';
import { fusion } from '../../../src/optimizer/passes/fusion.js';
import { runPass } from '../helpers.js';

describe('fusion', () => {
  it('fuses a transform read only by another transform', async () => {
    const r = await runPass(
      fusion,
      `nodes:
  a: {type: transform, expression: 'inputs.xs[$ > 1]'}
  b: {type: transform, expression: '$sum(nodes.a.output) * 2'}
outputs:
  x: \${{ nodes.b.output }}
`,
      'inputs:\n  xs: {type: array, default: [1, 2, 3]}\n',
    );
    expect(r.rewrites).toEqual(['fuse b,a']);
    expect(r.provenance.fused).toEqual({ a: 'b' });
    expect(r.nodes).toEqual({
      b: { type: 'transform', expression: '($fused_a := (inputs.xs[$ > 1]); $sum($fused_a) * 2)' },
    });
  });

  it('does not fuse a node read by an output, read twice, read as status, or with policies', async () => {
    const r = await runPass(
      fusion,
      `nodes:
  a: {type: transform, expression: '1'}
  b: {type: transform, expression: 'nodes.a.output + 1'}
  c: {type: transform, expression: '2'}
  d: {type: transform, expression: 'nodes.c.status'}
  e: {type: transform, expression: '3', retry: 2}
  f: {type: transform, expression: 'nodes.e.output'}
  g: {type: transform, expression: '4'}
  h: {type: transform, expression: 'nodes.g.output'}
  i: {type: transform, expression: 'nodes.g.output'}
outputs:
  a: \${{ nodes.a.output }}
  b: \${{ [nodes.b.output, nodes.d.output, nodes.f.output, nodes.h.output, nodes.i.output] }}
`,
    );
    expect(r.rewrites).toEqual([]);
  });
});

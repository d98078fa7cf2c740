import { describe, expect, it } from 'vitest';
import { cse } from '../../../src/optimizer/passes/cse.js';
import { runPass } from '../helpers.js';

describe('cse', () => {
  it('merges identical pure nodes written differently (spacing, key order) and rewrites readers and outputs', async () => {
    const r = await runPass(
      cse,
      `nodes:
  a: {type: transform, expression: '$sum(inputs.xs)  *  2'}
  b: {type: transform, expression: '$sum( inputs.xs ) * 2'}
  c: {type: transform, expression: 'nodes.b.output + 1'}
outputs:
  x: \${{ nodes.b.output }}
  y: \${{ nodes.c.output }}
`,
      'inputs:\n  xs: {type: array, default: [1]}\n',
    );
    expect(r.provenance.merged).toEqual({ b: 'a' });
    expect(r.nodes).toEqual({
      a: { type: 'transform', expression: '$sum(inputs.xs)  *  2' },
      c: { type: 'transform', expression: 'nodes.a.output + 1' },
    });
    expect(r.outputs).toEqual({ x: '${{ nodes.a.output }}', y: '${{ nodes.c.output }}' });
    expect(r.rewrites).toEqual(['merge b,a']);
  });

  it('merges identical GETs (reads) with options in another key order, and copies of copies', async () => {
    const r = await runPass(
      cse,
      `nodes:
  u1: {type: http, url: 'https://api.example.com/users', headers: {a: '1', b: '2'}}
  u2: {type: http, headers: {b: '2', a: '1'}, url: 'https://api.example.com/users'}
  n1: {type: transform, expression: '$count(nodes.u1.output.body)'}
  n2: {type: transform, expression: '$count(nodes.u2.output.body)'}
outputs:
  x: \${{ nodes.n1.output + nodes.n2.output }}
`,
    );
    expect(r.provenance.merged).toEqual({ u2: 'u1', n2: 'n1' });
    expect(Object.keys(r.nodes)).toEqual(['u1', 'n1']);
    expect(r.outputs).toEqual({ x: '${{ nodes.n1.output + nodes.n1.output }}' });
  });

  it('never merges writes, the clock, or nodes that differ in policy', async () => {
    const r = await runPass(
      cse,
      `nodes:
  p1: {type: http, method: POST, url: 'https://example.com/x'}
  p2: {type: http, method: POST, url: 'https://example.com/x'}
  t1: {type: transform, expression: '$now()'}
  t2: {type: transform, expression: '$now()'}
  r1: {type: http, url: 'https://example.com/y', retry: 3}
  r2: {type: http, url: 'https://example.com/y'}
`,
    );
    expect(r.same).toBe(true);
    expect(r.provenance.merged).toEqual({});
  });

  it('merges writes declared idempotent', async () => {
    const r = await runPass(
      cse,
      `nodes:
  p1: {type: http, method: PUT, url: 'https://example.com/x', idempotent: true}
  p2: {type: http, method: PUT, url: 'https://example.com/x', idempotent: true}
outputs:
  x: \${{ nodes.p2.output.status }}
`,
    );
    expect(r.provenance.merged).toEqual({ p2: 'p1' });
    expect(r.outputs).toEqual({ x: '${{ nodes.p1.output.status }}' });
  });

  it('renames a merged id inside needs and backtick references', async () => {
    const r = await runPass(
      cse,
      `nodes:
  my-a: {type: transform, expression: '1'}
  my-b: {type: transform, expression: '1'}
  c: {type: transform, expression: 'nodes.\`my-b\`.output'}
  d: {type: log, message: hi, needs: my-b}
`,
    );
    expect(r.provenance.merged).toEqual({ 'my-b': 'my-a' });
    expect(r.nodes['c']).toEqual({ type: 'transform', expression: 'nodes.`my-a`.output' });
    expect(r.nodes['d']).toEqual({ type: 'log', message: 'hi', needs: 'my-a' });
  });
});

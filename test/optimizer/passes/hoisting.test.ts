import { describe, expect, it } from 'vitest';
import { hoisting } from '../../../src/optimizer/passes/hoisting.js';
import { runPass } from '../helpers.js';

describe('hoisting', () => {
  it('moves a loop-invariant option out of a foreach over a literal list', async () => {
    const r = await runPass(
      hoisting,
      `nodes:
  users: {type: transform, value: [{id: 1, name: a}, {id: 2, name: b}]}
  each:
    type: transform
    foreach: [1, 2]
    value:
      total: \${{ $count(nodes.users.output) * 10 }}
      item: \${{ item }}
`,
    );
    expect(r.rewrites).toEqual([]);
    const r2 = await runPass(
      hoisting,
      `nodes:
  users: {type: transform, value: [{id: 1, name: a}, {id: 2, name: b}]}
  each:
    type: http
    foreach: [1, 2]
    url: 'https://api.example.com/\${{ item }}'
    headers: '\${{ {"x-count": $string($count(nodes.users.output))} }}'
`,
    );
    expect(r2.rewrites).toEqual(['hoist each,each_headers']);
    expect(r2.provenance.hoisted).toEqual({ each_headers: 'each' });
    expect(r2.nodes['each_headers']).toEqual({
      type: 'transform',
      description: 'headers of each, computed once (hoisted by thaiyyal optimize)',
      expression: '{"x-count": $string($count(nodes.users.output))}',
    });
    expect(r2.nodes['each']).toEqual({
      type: 'http',
      foreach: [1, 2],
      url: 'https://api.example.com/${{ item }}',
      headers: '${{ nodes.each_headers.output }}',
    });
  });

  it('leaves item-dependent, trivial, conditional and templated-list fan-outs alone', async () => {
    const r = await runPass(
      hoisting,
      `nodes:
  a: {type: transform, value: 1}
  x: {type: http, foreach: [1], url: 'https://e.com/\${{ item }}', headers: '\${{ {"i": $string(item)} }}'}
  y: {type: http, foreach: [1], url: '\${{ nodes.a.output }}'}
  z: {type: http, foreach: [1], url: '\${{ "https://e.com/" & nodes.a.output }}', when: '\${{ true }}'}
  w: {type: http, foreach: '\${{ [1] }}', url: '\${{ "https://e.com/" & nodes.a.output }}'}
`,
    );
    expect(r.rewrites).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { deadNodes } from '../../../src/optimizer/passes/dead-nodes.js';
import { runPass } from '../helpers.js';

describe('dead-nodes', () => {
  const cases: {
    name: string;
    body: string;
    nodes: Record<string, Record<string, unknown>>;
    removed: string[];
  }[] = [
    {
      name: 'removes a pure node nobody reads',
      body: `nodes:
  a: {type: transform, expression: '1 + 1'}
  unused: {type: transform, expression: '2 + 2'}
outputs:
  x: \${{ nodes.a.output }}
`,
      nodes: { a: { type: 'transform', expression: '1 + 1' } },
      removed: ['unused'],
    },
    {
      name: 'removes a dead GET and the pure node feeding it',
      body: `nodes:
  id: {type: transform, expression: '"42"'}
  fetch: {type: http, url: 'https://example.com/\${{ nodes.id.output }}'}
  a: {type: transform, expression: '1'}
outputs:
  x: \${{ nodes.a.output }}
`,
      nodes: { a: { type: 'transform', expression: '1' } },
      removed: ['id', 'fetch'],
    },
    {
      name: 'keeps writes and everything they read',
      body: `nodes:
  msg: {type: transform, expression: '"hi"'}
  say: {type: log, message: '\${{ nodes.msg.output }}'}
  post: {type: http, method: POST, url: 'https://example.com/x'}
`,
      nodes: {
        msg: { type: 'transform', expression: '"hi"' },
        post: { type: 'http', method: 'POST', url: 'https://example.com/x' },
        say: { type: 'log', message: '${{ nodes.msg.output }}' },
      },
      removed: [],
    },
    {
      name: 'keeps a node a kept node needs, and fail nodes',
      body: `nodes:
  first: {type: transform, expression: '1'}
  boom: {type: fail, message: no}
  say: {type: log, message: hi, needs: first}
`,
      nodes: {
        boom: { type: 'fail', message: 'no' },
        first: { type: 'transform', expression: '1' },
        say: { type: 'log', message: 'hi', needs: 'first' },
      },
      removed: [],
    },
    {
      name: 'removes a pure exec declared pure, keeps an undeclared one',
      body: `nodes:
  calc: {type: exec, command: echo, args: ['1'], pure: true}
  other: {type: exec, command: echo, args: ['2']}
`,
      nodes: { other: { type: 'exec', command: 'echo', args: ['2'] } },
      removed: ['calc'],
    },
    {
      name: 'backs off when nodes are read dynamically',
      body: `nodes:
  a: {type: transform, expression: '1'}
  b: {type: transform, expression: '2'}
outputs:
  x: \${{ $lookup(nodes, "a").output }}
`,
      nodes: {
        a: { type: 'transform', expression: '1' },
        b: { type: 'transform', expression: '2' },
      },
      removed: [],
    },
  ];
  it.each(cases)('$name', async ({ body, nodes, removed }) => {
    const r = await runPass(deadNodes, body);
    expect(r.nodes).toEqual(nodes);
    expect(r.provenance.removed).toEqual(removed);
    expect(r.rewrites).toEqual(removed.map((id) => `remove ${id}`));
  });
});

import { describe, expect, it } from 'vitest';
import { parallelize } from '../../../src/optimizer/passes/parallelize.js';
import { runPass } from '../helpers.js';

const GET = (path: string) => `{type: http, url: 'https://api.example.com/${path}'`;

describe('parallelize', () => {
  it('turns a needs-chain of independent GETs into a fan-out', async () => {
    const r = await runPass(
      parallelize,
      `nodes:
  a: ${GET('a')}}
  b: ${GET('b')}, needs: a}
  c: ${GET('c')}, needs: b}
outputs:
  all: \${{ [nodes.a.output.body, nodes.b.output.body, nodes.c.output.body] }}
`,
    );
    expect(r.rewrites).toEqual(['drop-needs b,a', 'drop-needs c,b']);
    expect(r.nodes).toEqual({
      a: { type: 'http', url: 'https://api.example.com/a' },
      b: { type: 'http', url: 'https://api.example.com/b' },
      c: { type: 'http', url: 'https://api.example.com/c' },
    });
  });

  it('keeps needs that order a write against a read, or a write after a node that may be skipped', async () => {
    const r = await runPass(
      parallelize,
      `nodes:
  save: {type: http, method: POST, url: 'https://api.example.com/save'}
  check: ${GET('check')}, needs: save}
  read: ${GET('r')}}
  notify: {type: http, method: POST, url: 'https://api.example.com/n', needs: read}
  gate: {type: transform, expression: 'true', when: '\${{ inputs.go }}'}
  after: {type: transform, expression: '1', needs: gate}
`,
      'inputs:\n  go: {type: boolean, default: true}\n',
    );
    expect(r.rewrites).toEqual([]);
    expect(r.same).toBe(true);
  });

  it('drops a needs on a pure node above pure work only', async () => {
    const r = await runPass(
      parallelize,
      `nodes:
  prep: {type: transform, expression: '1'}
  calc: {type: transform, expression: '2', needs: prep}
  say: {type: log, message: '\${{ nodes.calc.output }}', needs: prep}
`,
    );
    // calc is pure, but it feeds a write (say) that still needs prep: calc may go; say keeps its needs.
    expect(r.rewrites).toEqual(['drop-needs calc,prep']);
    expect(r.nodes['say']).toEqual({ type: 'log', message: '${{ nodes.calc.output }}', needs: 'prep' });
  });

  it('lifts the default concurrency of a read-only fan-out over a literal list, not of writes', async () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const r = await runPass(
      parallelize,
      `nodes:
  get: {type: http, url: 'https://api.example.com/\${{ item }}', foreach: ${JSON.stringify(items)}}
  post: {type: http, method: POST, url: 'https://api.example.com/\${{ item }}', foreach: ${JSON.stringify(items)}}
  limited: {type: http, url: 'https://api.example.com/\${{ item }}', foreach: ${JSON.stringify(items)}, concurrency: 2}
`,
    );
    expect(r.rewrites).toEqual(['lift-concurrency get']);
    expect(r.nodes['get']!['concurrency']).toBe(20);
    expect(r.nodes['post']!['concurrency']).toBeUndefined();
    expect(r.nodes['limited']!['concurrency']).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_ITERATIONS, optimizeWorkflow, PASSES, STAGES } from '../../src/optimizer/pipeline.js';
import type { Pass } from '../../src/optimizer/types.js';
import { ctx, deepFreeze, nodesOf, workflow } from './helpers.js';

describe('optimizeWorkflow', () => {
  it('runs the stages to a fixpoint: folds, merges, removes what became dead, fuses and parallelises', async () => {
    const wf = deepFreeze(
      workflow(
        `nodes:
  base: {type: transform, expression: '"https://api.example.com"'}
  users: {type: http, url: '\${{ nodes.base.output }}/users'}
  users2: {type: http, url: '\${{ nodes.base.output }}/users'}
  orgs: {type: http, url: '\${{ nodes.base.output }}/orgs', needs: users}
  unused: {type: http, url: '\${{ nodes.base.output }}/unused'}
  names: {type: transform, expression: 'nodes.users.output.body.name'}
  upper: {type: transform, expression: '$uppercase(nodes.names.output)'}
  count: {type: transform, expression: '$count(nodes.users2.output.body)'}
outputs:
  names: \${{ nodes.upper.output }}
  count: \${{ nodes.count.output }}
  orgs: \${{ nodes.orgs.output.body }}
`,
      ),
    );
    const r = await optimizeWorkflow(wf, ctx);
    expect(nodesOf(r.after)).toEqual({
      base: { type: 'transform', value: 'https://api.example.com' },
      orgs: { type: 'http', url: '${{ nodes.base.output }}/orgs' },
      users: { type: 'http', url: '${{ nodes.base.output }}/users' },
      count: { type: 'transform', expression: '$count(nodes.users.output.body)' },
      upper: {
        type: 'transform',
        expression: '($fused_names := (nodes.users.output.body.name); $uppercase($fused_names))',
      },
    });
    expect(r.after.provenance).toEqual({
      merged: { users2: 'users' },
      removed: ['unused'],
      fused: { names: 'upper' },
      folded: ['base'],
      hoisted: {},
    });
    expect(r.stages.map((s) => s.name)).toEqual(['simplify', 'restructure', 'parallelize']);
    expect(r.stages.every((s) => s.converged)).toBe(true);
    expect(r.rewrites.map((w) => w.kind).sort()).toEqual(['drop-needs', 'fold', 'fuse', 'merge', 'remove']);
    // The input is untouched (it is frozen; a mutation would have thrown) and still has every node.
    expect(Object.keys(wf.nodes)).toHaveLength(8);
  });

  it('gives up after MAX_ITERATIONS rounds of a pass that never converges, and says so', async () => {
    let n = 0;
    const flipper: Pass = {
      name: 'flipper',
      description: 'always changes',
      safety: 'test',
      provides: [],
      run: (plan) => ({
        plan,
        rewrites: [{ pass: 'flipper', kind: 'noop', nodes: [], message: `round ${++n}`, safety: '' }],
      }),
    };
    const r = await optimizeWorkflow(workflow('nodes:\n  a: {type: transform, expression: "1"}\n'), ctx, {
      stages: [{ name: 'loop', description: 'x', passes: [flipper], fixpoint: true }],
    });
    expect(r.stages[0]!.iterations).toBe(MAX_ITERATIONS);
    expect(r.stages[0]!.converged).toBe(false);
    expect(n).toBe(MAX_ITERATIONS);
  });

  it('every pass has metadata', () => {
    for (const p of PASSES) {
      expect(p.name).toMatch(/^[a-z-]+$/);
      expect(p.description.length).toBeGreaterThan(20);
      expect(p.safety.length).toBeGreaterThan(40);
      expect(p.provides.length).toBeGreaterThan(0);
    }
    expect(new Set(STAGES.flatMap((s) => s.passes.map((p) => p.name)))).toEqual(
      new Set(PASSES.map((p) => p.name)),
    );
  });

  it('leaves an already optimal workflow alone', async () => {
    const wf = workflow(
      `nodes:
  get: {type: http, url: 'https://api.example.com/\${{ inputs.id }}'}
outputs:
  x: \${{ nodes.get.output.body }}
`,
      'inputs:\n  id: {type: string, default: "1"}\n',
    );
    const r = await optimizeWorkflow(wf, ctx);
    expect(r.rewrites).toEqual([]);
    expect(r.after.workflow).toBe(wf);
  });
});

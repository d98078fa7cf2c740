import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyDiff } from '../../../src/core/versioning/classify.js';
import { diffWorkflows } from '../../../src/core/versioning/diff.js';
import type { InputSpec, Json, NodeSpec, Workflow } from '../../../src/core/workflow.js';
import { wf } from './wf.js';

describe('diffWorkflows', () => {
  it('reports inputs, outputs, nodes, options and triggers with paths and values', () => {
    const a = wf(`inputs:
  env: {type: string, enum: [dev, prod], default: dev}
  old: {type: number}
triggers: {nightly: {cron: '0 3 * * *'}}
nodes:
  fetch: {type: http, url: 'https://a.example/x', method: GET}
  say: {type: log, message: '\${{ nodes.fetch.output.status }}'}
outputs:
  status: \${{ nodes.fetch.output.status }}
`);
    const b = wf(`inputs:
  env: {type: string, enum: [dev, prod], default: dev, required: true}
  extra: {type: boolean, default: false}
triggers: {hourly: {cron: '0 * * * *'}}
nodes:
  fetch: {type: http, url: 'https://b.example/x', method: GET}
  say: {type: log, message: '\${{ nodes.fetch.output.status }}'}
outputs:
  status: \${{ nodes.fetch.output.status }}
  body: \${{ nodes.fetch.output.body }}
`);
    const d = diffWorkflows(a, b);
    expect(d.changes.map((c) => [c.kind, c.path, c.before, c.after])).toEqual([
      ['changed', 'inputs.env.required', false, true],
      ['added', 'inputs.extra', undefined, { type: 'boolean', required: false, default: false }],
      ['removed', 'inputs.old', { type: 'number', required: false }, undefined],
      ['added', 'outputs.body', undefined, '${{ nodes.fetch.output.body }}'],
      ['added', 'triggers.hourly', undefined, { cron: '0 * * * *' }],
      ['removed', 'triggers.nightly', { cron: '0 3 * * *' }, undefined],
      ['changed', 'nodes.fetch.options.url', 'https://a.example/x', 'https://b.example/x'],
    ]);
  });

  it('detects a renamed node and rewrites references to it', () => {
    const a = wf(`nodes:
  fetch: {type: http, url: 'https://a.example/'}
  say: {type: log, message: '\${{ nodes.fetch.output.status }}'}
  more: {type: log, message: x, needs: fetch}
outputs: {s: '\${{ nodes.fetch.output.status }}'}
`);
    const b = wf(`nodes:
  get-page: {type: http, url: 'https://a.example/'}
  say: {type: log, message: '\${{ nodes.\`get-page\`.output.status }}'}
  more: {type: log, message: x, needs: get-page}
outputs: {s: '\${{ nodes.\`get-page\`.output.status }}'}
`);
    const d = diffWorkflows(a, b);
    expect(d.renamed.nodes).toEqual({ fetch: 'get-page' });
    expect(d.changes).toEqual([
      {
        area: 'node',
        kind: 'renamed',
        path: 'nodes.fetch',
        subject: 'fetch',
        before: 'fetch',
        after: 'get-page',
      },
    ]);
    expect(classifyDiff(d).bump).toBe('patch');
  });

  it('detects chains of renamed nodes that refer to each other', () => {
    const a = wf(`nodes:
  a: {type: transform, expression: '1'}
  b: {type: transform, expression: 'nodes.a.output + 1'}
`);
    const b = wf(`nodes:
  one: {type: transform, expression: '1'}
  two: {type: transform, expression: 'nodes.one.output + 1'}
`);
    expect(diffWorkflows(a, b).renamed.nodes).toEqual({ a: 'one', b: 'two' });
  });

  it('detects a renamed input and rewrites its references', () => {
    const a = wf(`inputs: {who: {type: string, default: x}}
nodes:
  a: {type: log, message: 'hi \${{ inputs.who }}'}
`);
    const b = wf(`inputs: {name: {type: string, default: x}}
nodes:
  a: {type: log, message: 'hi \${{ inputs.name }}'}
`);
    const d = diffWorkflows(a, b);
    expect(d.changes.map((c) => [c.kind, c.path, c.after])).toEqual([['renamed', 'inputs.who', 'name']]);
    expect(classifyDiff(d).bump).toBe('major');
  });

  it('a node with changed options under a new id is removed + added, not renamed', () => {
    const a = wf(`nodes:\n  a: {type: log, message: one}\n`);
    const b = wf(`nodes:\n  b: {type: log, message: two}\n`);
    expect(diffWorkflows(a, b).changes.map((c) => [c.kind, c.path])).toEqual([
      ['removed', 'nodes.a'],
      ['added', 'nodes.b'],
    ]);
  });

  it('reports node common fields and nested options', () => {
    const a = wf(`nodes:
  r: {type: http, url: 'https://a.example/', headers: {a: '1'}, retry: 2}
`);
    const b = wf(`nodes:
  r: {type: http, url: 'https://a.example/', headers: {a: '2', b: '3'}, timeout: 5s, when: '\${{ true }}'}
`);
    expect(diffWorkflows(a, b).changes.map((c) => c.path)).toEqual([
      'nodes.r.options.headers.a',
      'nodes.r.options.headers.b',
      'nodes.r.retry',
      'nodes.r.timeoutMs',
      'nodes.r.when',
    ]);
  });

  it('keys list triggers by name, or by their content', () => {
    const a = wf(
      `triggers: [{name: nightly, cron: '0 3 * * *'}, {cron: '0 1 * * *'}]\nnodes: {a: {type: log, message: x}}\n`,
    );
    const b = wf(`triggers: [{name: nightly, cron: '0 4 * * *'}]\nnodes: {a: {type: log, message: x}}\n`);
    const d = diffWorkflows(a, b);
    expect(d.changes.map((c) => [c.kind, c.path])).toEqual([
      ['changed', 'triggers.nightly'],
      ['removed', 'triggers["{\\"cron\\":\\"0 1 * * *\\"}"]'],
    ]);
    expect(classifyDiff(d).bump).toBe('major');
  });
});

// ------------------------------------------------------------------------------------------------------------
// Properties over generated workflows (the model directly, not YAML).

const ident = fc.stringMatching(/^[a-z][a-z0-9_]{0,5}$/);
const json: fc.Arbitrary<Json> = fc.letrec<{ v: Json }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.string({ maxLength: 6 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(ident, tie('v'), { maxKeys: 3 }),
  ),
})).v;
const inputSpec: fc.Arbitrary<InputSpec> = fc.record(
  {
    type: fc.constantFrom('string', 'number', 'integer', 'boolean', 'object', 'array' as const),
    required: fc.boolean(),
    default: json,
    description: fc.string({ maxLength: 5 }),
  },
  { requiredKeys: ['type', 'required'] },
);
const templ = fc.oneof(
  ident.map((i) => `\${{ nodes.${i}.output }}`),
  ident.map((i) => `\${{ inputs.${i} }}`),
  json,
);
const workflowArb: fc.Arbitrary<Workflow> = fc
  .record({
    name: ident,
    inputs: fc.dictionary(ident, inputSpec, { maxKeys: 4 }),
    nodes: fc.dictionary(
      ident,
      fc.record({
        type: fc.constantFrom('log', 'http', 'transform'),
        options: fc.dictionary(ident, templ, { maxKeys: 3 }),
        needs: fc.array(ident, { maxLength: 2 }),
      }),
      { minKeys: 1, maxKeys: 5 },
    ),
    outputs: fc.dictionary(ident, templ, { maxKeys: 3 }),
    triggers: fc.option(
      fc.oneof(fc.dictionary(ident, json, { maxKeys: 3 }), fc.array(json, { maxLength: 3 })),
      {
        nil: undefined,
      },
    ),
  })
  .map((r) => {
    const nodes: Record<string, NodeSpec> = {};
    for (const [id, n] of Object.entries(r.nodes))
      nodes[id] = { id, ...n, onError: { action: 'fail' }, tolerateSkipped: false };
    return {
      apiVersion: 'thaiyyal.dev/v1',
      kind: 'Workflow',
      name: r.name,
      owners: [],
      labels: {},
      inputs: r.inputs,
      nodes,
      outputs: r.outputs,
      defaults: {},
      ...(r.triggers !== undefined ? { triggers: r.triggers } : {}),
      source: { file: 'x.yaml', rangeOf: () => ({ start: { line: 1, col: 1 }, end: { line: 1, col: 1 } }) },
    } as unknown as Workflow;
  });

describe('diffWorkflows properties', () => {
  it('diff(a, a) is empty and classifies as none', () => {
    fc.assert(
      fc.property(workflowArb, (a) => {
        const d = diffWorkflows(a, structuredClone({ ...a, source: undefined }) as unknown as Workflow);
        expect(d.changes).toEqual([]);
        expect(classifyDiff(d).bump).toBe('none');
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic, and independent of key order', () => {
    const reversed = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).reverse());
    fc.assert(
      fc.property(workflowArb, workflowArb, (a, b) => {
        const d1 = diffWorkflows(a, b);
        const d2 = diffWorkflows(
          { ...a, inputs: reversed(a.inputs), nodes: reversed(a.nodes), outputs: reversed(a.outputs) },
          { ...b, inputs: reversed(b.inputs), nodes: reversed(b.nodes), outputs: reversed(b.outputs) },
        );
        expect(JSON.stringify(d2)).toBe(JSON.stringify(d1));
        expect(classifyDiff(d1)).toEqual(classifyDiff(d2));
      }),
      { numRuns: 200 },
    );
  });

  it('a non-empty diff never classifies as none, and every change has a path', () => {
    fc.assert(
      fc.property(workflowArb, workflowArb, (a, b) => {
        const c = classifyDiff(diffWorkflows(a, b));
        expect(c.bump === 'none').toBe(c.changes.length === 0);
        for (const x of c.changes) expect(x.change.path.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});

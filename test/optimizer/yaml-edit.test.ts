import { describe, expect, it } from 'vitest';
import { rewriteText } from '../../src/app/optimize.js';
import { parseWorkflow } from '../../src/core/validate.js';
import { nodeTypes } from '../../src/nodes/registry.js';
import { optimizeWorkflow } from '../../src/optimizer/pipeline.js';
import { renderOptimized } from '../../src/optimizer/yaml-edit.js';
import { ctx } from './helpers.js';

async function optimiseText(text: string) {
  const wf = parseWorkflow(text, 'wf.yaml', nodeTypes).workflow!;
  const r = await optimizeWorkflow(wf, ctx);
  return { wf, r, out: rewriteText(text, 'wf.yaml', wf, r.after.workflow, r.after.provenance.hoisted) };
}

const HEAD = 'apiVersion: thaiyyal.dev/v1\nkind: Workflow\nname: t # the name\n';

describe('writing the optimised workflow back', () => {
  it('edits only what changed: untouched lines and their comments stay byte for byte', async () => {
    const text = `${HEAD}nodes:
  # first
  a:
    type: http   # the users
    url: 'https://api.example.com/users'
  # a copy, to go
  b:
    type: http
    url: https://api.example.com/users
  n:
    type: transform
    # counts the users
    expression: $count(nodes.b.output.body)   # trailing
outputs:
  # how many
  n: \${{ nodes.n.output }}
  raw: \${{ nodes.b.output.body }}   # the list
`;
    const { out } = await optimiseText(text);
    expect(out).toBe(`${HEAD}nodes:
  # first
  a:
    type: http   # the users
    url: 'https://api.example.com/users'
  n:
    type: transform
    # counts the users
    expression: $count(nodes.a.output.body) # trailing
outputs:
  # how many
  n: \${{ nodes.n.output }}
  raw: \${{ nodes.a.output.body }} # the list
`);
  });

  it('inserts a hoisted node right after the foreach node it came from', async () => {
    const text = `${HEAD}nodes:
  users: {type: http, url: 'https://api.example.com/users'}
  each:
    type: http
    foreach: [1, 2, 3]
    url: https://api.example.com/\${{ item }}
    headers: '\${{ {"n": $string($count(nodes.users.output.body))} }}'
  # the end
  last: {type: log, message: '\${{ $count(nodes.each.output) }}'}
`;
    const { out } = await optimiseText(text);
    // The option keeps its quoting style; the new node comes right after its block.
    expect(out).toContain(`    headers: '\${{ nodes.each_headers.output }}'
  each_headers:
    type: transform
    description: headers of each, computed once (hoisted by thaiyyal optimize)
    expression: '{"n": $string($count(nodes.users.output.body))}'
  # the end
  last: {type: log, message: '\${{ $count(nodes.each.output) }}'}
`);
  });

  it('falls back to rendering the document for flow-style nodes, and the result means the optimised workflow', async () => {
    const text = `${HEAD}nodes: {a: {type: transform, expression: '1 + 1'}, b: {type: transform, expression: '1+1'}}
outputs: {x: '\${{ nodes.b.output }}'}
`;
    const wf = parseWorkflow(text, 'wf.yaml', nodeTypes).workflow!;
    const r = await optimizeWorkflow(wf, ctx);
    expect(renderOptimized(text, wf, r.after.workflow, {})).toBeUndefined();
    const out = rewriteText(text, 'wf.yaml', wf, r.after.workflow, {});
    const again = parseWorkflow(out, 'wf.yaml', nodeTypes);
    expect(again.workflow!.nodes['b']).toBeUndefined();
    expect(again.workflow!.outputs).toEqual({ x: '${{ nodes.a.output }}' });
    expect(out).toContain('# the name');
  });
});

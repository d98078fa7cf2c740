import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { importOriginal, inferOriginalType, originalOrder } from '../../../src/core/import/index.js';
import { parseJsonText } from '../../../src/core/import/json.js';
import { goDurationMs } from '../../../src/core/import/policies.js';
import { testCatalog, testLimits } from './catalog.js';

type Node = Record<string, unknown>;
interface Wf {
  name: string;
  description: string;
  nodes: Record<string, Node>;
  outputs: { result: string };
}

function imp(payload: unknown, limits = testLimits) {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload, null, 2);
  return importOriginal(text, { file: 'flow.json', catalog: testCatalog, limits });
}
function wf(payload: unknown): Wf {
  const r = imp(payload);
  expect(r.errors).toEqual([]);
  return parse(r.yaml!) as Wf;
}
const edge = (source: string, target: string, extra: Record<string, unknown> = {}) => ({
  source,
  target,
  ...extra,
});

describe('type inference (reference §2.1, first match wins)', () => {
  it.each([
    [{ value: 1, text: 'x' }, 'number'],
    [{ text: 'x', mode: 'y' }, 'text_input'],
    [{ boolean_value: true }, 'boolean_input'],
    [{ date_value: '2024-01-01' }, 'date_input'],
    [{ datetime_value: '2024-01-01T00:00:00Z' }, 'datetime_input'],
    [{ mode: 'table' }, 'visualization'],
    [{ op: 'add' }, 'operation'],
    [{ text_op: 'uppercase' }, 'text_operation'],
    [{ url: 'http://x' }, 'http'],
    [{ condition: '>1', true_path: 'a' }, 'condition'],
    [{ condition: '>1' }, 'filter'],
    [{ expression: 'a', initial_value: 0 }, 'reduce'],
    [{ expression: 'a + 1' }, 'expression'],
    [{ var_name: 'x', var_op: 'set' }, 'variable'],
    [{ var_name: 'x' }, undefined],
    [{ field: 'a' }, 'extract'],
    [{ fields: ['a'] }, 'extract'],
    [{ transform_type: 'keys' }, 'transform'],
    [{ accum_op: 'sum' }, 'accumulator'],
    [{ counter_op: 'increment' }, 'counter'],
    [{ cases: [] }, 'switch'],
    [{ join_strategy: 'all' }, 'join'],
    [{ paths: ['a'] }, 'split'],
    [{ duration: '1s' }, 'delay'],
    [{ cache_op: 'get', cache_key: 'k' }, 'cache'],
    [{ cache_op: 'get' }, undefined],
    [{ context_name: 'x' }, 'context_variable'],
    [{ context_values: [] }, 'context_variable'],
    [{ max_attempts: 3 }, 'retry'],
    [{ backoff_strategy: 'linear' }, 'retry'],
    [{ fallback_value: 1 }, 'try_catch'],
    [{ continue_on_error: true }, 'try_catch'],
    [{ timeout: '1s', timeout_action: 'error' }, 'timeout'],
    [{ timeout: '1s' }, undefined],
    [{ expression: '' }, undefined],
    [{}, undefined],
  ])('%j → %s', (data, type) => {
    expect(inferOriginalType(data)).toBe(type);
  });
});

describe('execution order (Kahn, start nodes sorted by id, BFS in edge order)', () => {
  it('orders like the original', () => {
    const edges = [edge('b', 'd'), edge('a', 'c'), edge('b', 'c'), edge('c', 'e'), edge('d', 'e')].map(
      (e, index) => ({
        ...e,
        extraKeys: [],
        index,
      }),
    );
    expect(originalOrder(['e', 'd', 'c', 'b', 'a', 'z'], edges).order).toEqual([
      'a',
      'b',
      'z',
      'd',
      'c',
      'e',
    ]);
  });
});

describe('the imported workflow', () => {
  const branching = {
    name: 'Age Check!',
    description: 'Branches on age',
    nodes: [
      { id: 'age', data: { value: 21, label: 'Age' } },
      { id: 'check', type: 'condition', data: { condition: '>=18', true_path: 'adult' } },
      { id: 'adult', data: { text: 'Adult' } },
      { id: 'minor', data: { text: 'Minor' } },
      { id: 'out', type: 'visualization', data: { mode: 'text' } },
    ],
    edges: [
      edge('age', 'check'),
      edge('check', 'adult', { sourceHandle: 'true' }),
      edge('check', 'minor', { condition: 'false' }),
      edge('adult', 'out'),
      edge('minor', 'out'),
    ],
  };

  it('keeps ids, infers types, keeps options, labels become descriptions', () => {
    const w = wf(branching);
    expect(w.name).toBe('age-check');
    expect(w.description).toBe('Branches on age');
    expect(Object.keys(w.nodes)).toEqual(['age', 'check', 'adult', 'minor', 'out']);
    expect(w.nodes.age).toEqual({ type: 'original/number', description: 'Age', value: 21 });
    expect(w.nodes.check).toEqual({
      type: 'original/condition',
      condition: '>=18',
      true_path: 'adult',
      inputs: ['${{ nodes.age.output }}'],
    });
  });

  it('conditional edges (sourceHandle or the legacy condition) become when + tolerateSkipped', () => {
    const w = wf(branching);
    expect(w.nodes.adult!.when).toBe("${{ nodes.check.output.path = 'true' }}");
    expect(w.nodes.minor!.when).toBe("${{ nodes.check.output.path = 'false' }}");
    expect(w.nodes.adult!.tolerateSkipped).toBe(true);
    expect(w.nodes.out!.when).toBe(
      "${{ nodes.adult.status = 'succeeded' or nodes.minor.status = 'succeeded' }}",
    );
    // Only the sources that ran feed the inputs of a merge.
    expect(w.nodes.out!.inputs).toMatch(/^\$\{\{ \$reduce\(\[nodes\.adult, nodes\.minor\]/);
    expect(w.outputs.result).toBe('${{ nodes.out.output }}');
  });

  it('a source that is not a condition or switch is matched on every field of §2.2.4', () => {
    const w = wf({
      nodes: [
        { id: 'a', data: { value: 1 } },
        { id: 'b', type: 'expression', data: { expression: 'input' } },
        { id: 'c', data: { text: 'x' } },
      ],
      edges: [edge('a', 'b'), edge('b', 'c', { sourceHandle: 'true' })],
    });
    expect(w.nodes.c!.when).toBe(
      "${{ (nodes.b.output.path = 'true' or nodes.b.output.output_path = 'true' or nodes.b.output.true_path = true or nodes.b.output.condition_met = true) }}",
    );
  });

  it('switch sources match on output_path; an unconditional edge from a node that always runs wins', () => {
    const w = wf({
      nodes: [
        {
          id: 's',
          type: 'switch',
          data: { cases: [{ when: '>1', output_path: 'big' }, { is_default: true }] },
        },
        { id: 'n', data: { value: 2 } },
        { id: 't', data: { text: 'x' } },
      ],
      edges: [edge('n', 's'), edge('s', 't', { sourceHandle: 'big' }), edge('n', 't')],
    });
    expect(w.nodes.t!.when).toBeUndefined();
    expect(w.nodes.t!.inputs).toEqual(['${{ nodes.s.output }}', '${{ nodes.n.output }}']);
    const w2 = wf({
      nodes: [
        {
          id: 's',
          type: 'switch',
          data: { cases: [{ when: '>1', output_path: "it's" }, { is_default: true }] },
        },
        { id: 't', data: { text: 'x' } },
      ],
      edges: [edge('s', 't', { sourceHandle: "it's" })],
    });
    expect(w2.nodes.t!.when).toBe('${{ nodes.s.output.output_path = "it\'s" }}');
  });

  it('skips propagate: descendants of a conditional node are guarded too', () => {
    const w = wf({
      nodes: [
        { id: 'c', type: 'condition', data: { condition: '>1' } },
        { id: 'a', data: { text: 'x' } },
        { id: 'b', type: 'text_operation', data: { text_op: 'uppercase' } },
      ],
      edges: [edge('c', 'a', { sourceHandle: 'true' }), edge('a', 'b')],
    });
    expect(w.nodes.b!.when).toBe("${{ nodes.a.status = 'succeeded' }}");
    expect(w.nodes.b!.tolerateSkipped).toBe(true);
    expect(w.nodes.b!.inputs).toEqual(['${{ nodes.a.output }}']);
  });

  it('node.<id> references become node_results; state nodes keep the original order with needs', () => {
    const payload = {
      nodes: [
        {
          id: 'z-ctx',
          type: 'context_constant',
          data: { context_values: [{ name: 'max', value: 5, type: 'number' }] },
        },
        { id: 'n1', data: { value: 3 } },
        { id: 'calc', type: 'expression', data: { expression: 'node.n1 * context.max' } },
        { id: 'set', type: 'variable', data: { var_name: 'x', var_op: 'set' } },
        { id: 'get', type: 'variable', data: { var_name: 'x', var_op: 'get' } },
      ],
      edges: [edge('n1', 'set')],
    };
    const r = imp(payload);
    const w = wf(payload);
    // Order: calc, get, n1, z-ctx (sorted start nodes), then set.
    expect(w.nodes.calc!.node_results).toEqual({ n1: '${{ nodes.n1.output }}' });
    expect(w.nodes.get!.needs).toEqual(['calc']);
    expect(w.nodes['z-ctx']!.needs).toEqual(['get']);
    expect(w.nodes.set!.needs).toEqual(['z-ctx']);
    expect(w.nodes.calc!.needs).toBeUndefined();
    expect(r.yaml).toContain('    needs: [calc]\n');
  });

  it('a reference to a node that runs later, or that does not exist, is a warning', () => {
    const r = imp({
      nodes: [
        { id: 'a', type: 'expression', data: { expression: 'node.b + node.nope' } },
        { id: 'b', data: { value: 1 } },
      ],
      edges: [edge('a', 'b')],
    });
    expect(r.warnings).toEqual([
      'flow.json: node "a": its expression references node.b, which runs after it (it never resolves in the original either)',
      'flow.json: node "a": its expression references node.nope, which does not exist (it never resolves)',
    ]);
  });

  it('retry, try_catch and timeout put native policies on their upstream node', () => {
    const w = wf({
      nodes: [
        { id: 'call', data: { url: 'http://127.0.0.1:1/x' } },
        {
          id: 'again',
          data: { max_attempts: 5, backoff_strategy: 'linear', initial_delay: '250ms', max_delay: 2000 },
        },
        { id: 'safe', data: { fallback_value: 'none' } },
        { id: 'slow', data: { value: 1 } },
        { id: 'limit', data: { timeout: '1500us', timeout_action: 'error' } },
      ],
      edges: [edge('call', 'again'), edge('again', 'safe'), edge('slow', 'limit')],
    });
    expect(w.nodes.call).toMatchObject({
      retry: { attempts: 5, backoff: 'linear', delay: '250ms', maxDelay: 2000, jitter: 0 },
      onError: 'continue',
    });
    expect(w.nodes.again).toMatchObject({ onError: 'continue', upstream: '${{ nodes.call }}' });
    expect(w.nodes.safe).toMatchObject({ upstream: '${{ nodes.again }}', fallback_value: 'none' });
    expect(w.nodes.slow).toMatchObject({ timeout: 2, onError: 'continue' });
    expect(w.nodes.limit).toMatchObject({ timeout_duration: '1500us', upstream: '${{ nodes.slow }}' });
    expect(w.nodes.limit).not.toHaveProperty('timeout');
  });

  it('warns about what the original ignored, naming the file and the node', () => {
    const r = imp({
      name: 'x',
      extra: 1,
      nodes: [
        { id: 'a', data: { value: 1, fallbackValue: 2, inputs: [] }, position: { x: 0, y: 0 } },
        { id: 'b', data: { value: 2 }, position: { x: 0, y: 0 } },
      ],
      edges: [{ id: 'e1', source: 'a', target: 'b', targetHandle: 'in', animated: true }],
    });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([
      'flow.json: top-level "extra": ignored by the original; dropped',
      'flow.json: nodes "a", "b": "position" was ignored by the original; dropped',
      'flow.json: edge 1 ("e1": a → b): "targetHandle", "animated" ignored by the original; dropped',
      'flow.json: node "a" (number): data "fallbackValue" (the key is fallback_value), "inputs" are ignored by the original; dropped',
    ]);
  });

  it('renames ids the workflow format does not allow, and says so', () => {
    const r = imp({
      nodes: [
        { id: '1', data: { value: 1 } },
        { id: 'a b', data: { value: 2 } },
      ],
      edges: [edge('1', 'a b')],
    });
    expect(r.renamed).toEqual({ n1: '1', a_b: 'a b' });
    const w = parse(r.yaml!) as Wf;
    expect(w.nodes.a_b!.inputs).toEqual(['${{ nodes.n1.output }}']);
    expect(r.warnings[0]).toMatch(/node "1": renamed to "n1"/);
  });

  it('the final output is the last terminal non-context node that ran, in the original order', () => {
    const w = wf({
      nodes: [
        { id: 'c', type: 'condition', data: { condition: '>1' } },
        { id: 'yes', data: { text: 'y' } },
        { id: 'no', data: { text: 'n' } },
        { id: 'k', type: 'context_variable', data: { context_name: 'x', context_value: 1 } },
      ],
      edges: [edge('c', 'yes', { sourceHandle: 'true' }), edge('c', 'no', { sourceHandle: 'false' })],
    });
    expect(w.outputs.result).toBe(
      "${{ nodes.no.status = 'succeeded' ? nodes.no.output : nodes.yes.status = 'succeeded' ? nodes.yes.output : nodes.k.output }}",
    );
    const only = wf({
      nodes: [{ id: 'k', type: 'context_variable', data: { context_name: 'x' } }],
      edges: [],
    });
    expect(only.outputs.result).toBe('${{ nodes.k.output }}');
  });

  it('names the workflow from name, workflow_id or the file; accepts the bare payload', () => {
    expect(wf({ workflow_id: 'WF_42', nodes: [{ id: 'a', data: { value: 1 } }] }).name).toBe('wf-42');
    const bare = wf({ nodes: [{ id: 'a', data: { value: 1 } }] });
    expect(bare.name).toBe('flow');
    expect(bare.description).toBe('Imported from flow.json (original thaiyyal engine)');
  });
});

describe('bad input is an error naming the node', () => {
  const errorsOf = (payload: unknown, limits = testLimits) => imp(payload, limits).errors;

  it('malformed JSON with line and column', () => {
    expect(errorsOf('{\n  "nodes": [\n    {"id": "a",}\n  ]\n}')).toEqual([
      expect.stringMatching(/^flow\.json: not valid JSON: line 3, column 16: /),
    ]);
    expect(parseJsonText('')).toEqual({ error: expect.stringMatching(/^line 1, column 1/) as string });
    expect(errorsOf('')).toEqual([expect.stringMatching(/^flow\.json: not valid JSON: line 1, column 1/)]);
  });
  it('wrong shapes', () => {
    expect(errorsOf([])).toEqual([
      'flow.json: the workflow must be a JSON object with "nodes" and "edges", got an array',
    ]);
    expect(errorsOf({ edges: [] })).toEqual([
      'flow.json: missing "nodes": an original workflow is {"nodes": [...], "edges": [...]}',
    ]);
    expect(errorsOf({ nodes: [{ data: {} }, { id: 'b', data: 3 }], edges: [{ source: 1 }] })).toEqual([
      'flow.json: node 1 of "nodes": "id" must be a non-empty string, got nothing',
      'flow.json: node "b": "data" must be an object, got a number',
      'flow.json: edge 1: "source" and "target" must be node ids (strings)',
    ]);
    expect(errorsOf({ nodes: [] })).toEqual(['flow.json: the workflow has no nodes']);
  });
  it('unknown types, paginator, types that cannot be inferred', () => {
    expect(
      errorsOf({
        nodes: [
          { id: 'a', type: 'htpp', data: {} },
          { id: 'b', type: 'paginator', data: {} },
          { id: 'c', data: { foo: 1 } },
          { id: 'd', type: 'Condition', data: { condition: 'true' } },
        ],
      }),
    ).toEqual([
      'flow.json: node "a": unknown node type "htpp"',
      'flow.json: node "b": type "paginator" was declared by the original engine but never implemented (no executor registered for type: paginator)',
      'flow.json: node "c": no "type", and its data keys (foo) match no node type; set "type"',
      'flow.json: node "d": unknown node type "Condition" (did you mean "condition"?)',
    ]);
  });
  it('duplicate ids and edges to unknown nodes', () => {
    expect(
      errorsOf({
        nodes: [
          { id: 'a', data: { value: 1 } },
          { id: 'a', data: { value: 2 } },
        ],
        edges: [],
      }),
    ).toEqual(['flow.json: node "a": duplicate id (nodes 1 and 2 of "nodes"); give each node its own id']);
    expect(
      errorsOf({
        nodes: [{ id: 'a', data: { value: 1 } }],
        edges: [{ id: 'e9', source: 'a', target: 'ghost' }],
      }),
    ).toEqual(['flow.json: edge 1 ("e9": a → ghost): target node "ghost" does not exist']);
  });
  it('cycles, naming the nodes', () => {
    expect(
      errorsOf({
        nodes: ['s', 'a', 'b', 'c'].map((id) => ({ id, data: { value: 1 } })),
        edges: [edge('s', 'a'), edge('a', 'b'), edge('b', 'c'), edge('c', 'a')],
      }),
    ).toEqual(['flow.json: workflow contains cycles (circular dependencies): "a" → "b" → "c" → "a"']);
    expect(errorsOf({ nodes: [{ id: 'x', data: { value: 1 } }], edges: [edge('x', 'x')] })).toEqual([
      'flow.json: workflow contains cycles (circular dependencies): "x" → "x"',
    ]);
  });
  it('missing required data', () => {
    expect(
      errorsOf({
        nodes: [
          { id: 'c', type: 'condition', data: {} },
          { id: 'h', type: 'http' },
        ],
      }),
    ).toEqual([
      'flow.json: node "c" (condition): missing required data key "condition"',
      'flow.json: node "h" (http): missing required data key "url"',
    ]);
  });
  it('limits: nodes, edges, payload size, each naming its setting', () => {
    const nodes = ['a', 'b', 'c'].map((id) => ({ id, data: { value: 1 } }));
    expect(
      errorsOf(
        { nodes, edges: [edge('a', 'b'), edge('b', 'c')] },
        { ...testLimits, maxNodes: 2, maxEdges: 1 },
      ),
    ).toEqual([
      'flow.json: the workflow has 3 nodes, over the limit of 2 (original.limits.maxNodes in thaiyyal.config.yaml)',
      'flow.json: the workflow has 2 edges, over the limit of 1 (original.limits.maxEdges in thaiyyal.config.yaml)',
    ]);
    expect(errorsOf({ nodes }, { ...testLimits, maxPayloadSize: 10 })[0]).toMatch(
      /^flow\.json: the workflow is \d+ bytes, over the limit of 10 \(original\.limits\.maxPayloadSize in thaiyyal\.config\.yaml\)$/,
    );
    expect(errorsOf({ nodes }, { maxNodes: 0, maxEdges: 0, maxPayloadSize: 0 })).toEqual([]);
  });
});

describe('Go durations', () => {
  it.each([
    ['1s', 1000],
    ['1.5s', 1500],
    ['1h30m', 5_400_000],
    ['300ms', 300],
    ['2us', 0.002],
    ['500', 500],
    [250, 250],
    ['nope', undefined],
  ])('%j → %s ms', (text, ms) => {
    expect(goDurationMs(text)).toBe(ms);
  });
});

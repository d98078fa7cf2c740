/**
 * parseWorkflow: one case per class of bad input, asserting codes and line:col (not prose),
 * plus the normalised model of good input.
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, type Diagnostic } from '../../src/core/diagnostics.js';
import { parseWorkflow } from '../../src/core/validate.js';
import { nodeTypes } from '../../src/nodes/registry.js';

const HEAD = 'apiVersion: thaiyyal.dev/v1\nkind: Workflow\nname: t\n';

const parse = (text: string) => parseWorkflow(text, 'w.yaml', nodeTypes);
/** `code@line:col` of every error, sorted as reported. */
const found = (ds: Diagnostic[]) =>
  ds.filter((d) => d.severity === 'error').map((d) => `${d.code}@${d.range.start.line}:${d.range.start.col}`);

describe('parseWorkflow rejects bad input', () => {
  const cases: { name: string; yaml: string; expected: string[] }[] = [
    {
      name: 'YAML syntax error',
      yaml: `${HEAD}nodes:\n  a: {type: log, message: "x}\n`,
      expected: ['yaml-syntax@6:1'],
    },
    {
      name: 'duplicate key',
      yaml: `${HEAD}name: u\nnodes: {a: {type: log, message: x}}\n`,
      expected: ['yaml-syntax@4:1'],
    },
    { name: 'empty file', yaml: '', expected: ['not-a-workflow@1:1'] },
    { name: 'comments only', yaml: '# nothing\n', expected: ['not-a-workflow@1:1'] },
    { name: 'a list', yaml: '- a\n- b\n', expected: ['not-a-workflow@1:1'] },
    {
      name: 'wrong kind',
      yaml: 'apiVersion: thaiyyal.dev/v1\nkind: Deployment\n',
      expected: ['not-a-workflow@2:7'],
    },
    {
      name: 'wrong apiVersion',
      yaml: 'apiVersion: thaiyyal.dev/v9\nkind: Workflow\n',
      expected: ['not-a-workflow@1:13'],
    },
    { name: 'missing nodes', yaml: HEAD, expected: ['schema@1:1'] },
    {
      name: 'unknown top-level key',
      yaml: `${HEAD}nodez: {}\nnodes: {a: {type: log, message: x}}\n`,
      expected: ['unknown-key@4:1'],
    },
    {
      name: 'unknown common node key',
      yaml: `${HEAD}nodes:\n  a:\n    type: log\n    message: x\n    timout: 1s\n`,
      expected: ['unknown-key@8:5'],
    },
    {
      name: 'unknown option',
      yaml: `${HEAD}nodes:\n  a:\n    type: log\n    mesage: x\n`,
      expected: ['invalid-option@5:3', 'unknown-key@7:5'],
    },
    {
      name: 'wrong types',
      yaml: `${HEAD}owners: team\nnodes:\n  a:\n    type: log\n    message: x\n    retry: {attempts: 0}\n    concurrency: 1.5\n    foreach: [1]\n`,
      expected: ['schema@4:9', 'schema@9:23', 'schema@10:18'],
    },
    {
      name: 'bad duration',
      yaml: `${HEAD}defaults: {timeout: 30x}\nnodes: {a: {type: log, message: x}}\n`,
      expected: ['schema@4:21'],
    },
    { name: 'bad node id', yaml: `${HEAD}nodes:\n  1a: {type: log, message: x}\n`, expected: ['schema@5:3'] },
    {
      name: 'invalid option value',
      yaml: `${HEAD}nodes:\n  a:\n    type: http\n    url: https://x\n    method: GETT\n`,
      expected: ['invalid-option@8:13'],
    },
    {
      name: 'unknown node type',
      yaml: `${HEAD}nodes:\n  a: {type: htp, url: x}\n`,
      expected: ['unknown-node-type@5:13'],
    },
    {
      name: 'dangling node reference (needs)',
      yaml: `${HEAD}nodes:\n  a: {type: log, message: x, needs: [ghost]}\n`,
      expected: ['unknown-reference@5:38'],
    },
    {
      name: 'dangling node reference (template)',
      yaml: `${HEAD}nodes:\n  a:\n    type: log\n    message: \${{ nodes.ghost.output }}\n`,
      expected: ['unknown-reference@7:14'],
    },
    {
      name: 'undeclared input (position of the name)',
      yaml: `${HEAD}inputs: {env: {type: string}}\nnodes:\n  a:\n    type: log\n    message: hi \${{ inputs.evn }}\n`,
      expected: ['unknown-reference@8:28'],
    },
    {
      name: 'item outside foreach',
      yaml: `${HEAD}nodes:\n  a:\n    type: log\n    message: \${{ item }}\n`,
      expected: ['unknown-reference@7:18'],
    },
    {
      name: 'item in foreach itself',
      yaml: `${HEAD}nodes:\n  a:\n    type: log\n    foreach: \${{ [item] }}\n    message: x\n`,
      expected: ['unknown-reference@7:18'],
    },
    {
      name: 'invalid JSONata in a plain scalar (position inside the string)',
      yaml: `${HEAD}nodes:\n  a:\n    type: log\n    message: total \${{ 1 + + 2 }}\n`,
      expected: ['expression-syntax@7:28'],
    },
    {
      name: 'invalid JSONata in a single-quoted scalar',
      yaml: `${HEAD}nodes:\n  a:\n    type: log\n    message: 'it''s \${{ 1 + + 2 }}'\n`,
      expected: ['expression-syntax@7:29'],
    },
    {
      name: 'invalid JSONata in a literal block',
      yaml: `${HEAD}nodes:\n  a:\n    type: log\n    message: |\n      line one\n      \${{ 1 + + 2 }}\n`,
      expected: ['expression-syntax@9:15'],
    },
    {
      name: 'invalid JSONata in a folded block points at the scalar',
      yaml: `${HEAD}nodes:\n  a:\n    type: log\n    message: >\n      line one\n      \${{ 1 + + 2 }}\n`,
      expected: ['expression-syntax@7:14'],
    },
    {
      name: 'invalid raw JSONata option',
      yaml: `${HEAD}nodes:\n  a:\n    type: map\n    items: [1]\n    expression: $item + + 1\n`,
      expected: ['expression-syntax@8:25'],
    },
    {
      name: 'template in a raw JSONata option',
      yaml: `${HEAD}nodes:\n  a:\n    type: map\n    items: [1]\n    expression: \${{ $item }}\n`,
      expected: ['expression-syntax@8:17'],
    },
    {
      name: 'undeclared input in outputs',
      yaml: `${HEAD}nodes: {a: {type: log, message: x}}\noutputs:\n  o: \${{ inputs.x }}\n`,
      expected: ['unknown-reference@6:17'],
    },
    {
      name: 'default not of the declared type',
      yaml: `${HEAD}inputs:\n  n: {type: integer, default: abc}\nnodes: {a: {type: log, message: x}}\n`,
      expected: ['schema@5:31'],
    },
    {
      name: 'default not in enum',
      yaml: `${HEAD}inputs:\n  e: {type: string, enum: [dev, prod], default: test}\nnodes: {a: {type: log, message: x}}\n`,
      expected: ['schema@5:49'],
    },
    {
      name: 'non-JSON value',
      yaml: `${HEAD}nodes: {a: {type: log, message: x}}\noutputs: {o: .inf}\n`,
      expected: ['schema@5:14'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = parse(c.yaml);
      expect(found(r.diagnostics), r.diagnostics.map(formatDiagnostic).join('\n')).toEqual(c.expected);
      expect(r.workflow).toBeUndefined();
      expect(r.graph).toBeUndefined();
    });
  }

  it('reports a 3-node cycle once, from its smallest id, naming every member', () => {
    const r = parse(
      `${HEAD}nodes:\n  c: {type: log, message: x, needs: b}\n  b:\n    type: log\n    message: \${{ nodes.a.output }}\n  a: {type: log, message: x, needs: [c]}\n`,
    );
    expect(found(r.diagnostics)).toEqual(['cycle@9:3']);
    // Edges follow data flow: a feeds b, b feeds c, c feeds a.
    expect(r.diagnostics[0]!.message).toContain('a → b → c → a');
  });

  it('reports a self-loop', () => {
    const r = parse(`${HEAD}nodes:\n  a: {type: log, message: x, needs: a}\n`);
    expect(found(r.diagnostics)).toEqual(['cycle@5:3']);
    expect(r.diagnostics[0]!.message).toContain('a → a');
  });

  it('reports every problem of a file at once, sorted', () => {
    const r = parse(`${HEAD}nodes:\n  a: {type: htp}\n  b:\n    type: log\n    message: \${{ inputs.x }}\n`);
    expect(found(r.diagnostics)).toEqual(['unknown-node-type@5:13', 'unknown-reference@8:25']);
  });

  it('warns when concurrency is given without foreach', () => {
    const r = parse(`${HEAD}nodes:\n  a: {type: log, message: x, concurrency: 2}\n`);
    expect(r.diagnostics.map((d) => `${d.severity}:${d.code}`)).toEqual(['warning:schema']);
    expect(r.workflow).toBeDefined();
  });

  it('names the file, the place and the fix', () => {
    const [d] = parse(`${HEAD}nodes:\n  a: {type: log, message: x, tiemout: 5s}\n`).diagnostics;
    expect(formatDiagnostic(d!)).toMatch(/^w\.yaml:5:30: .*did you mean "timeout"\? \[unknown-key\]$/);
  });
});

describe('parseWorkflow builds the model', () => {
  const text = `# yaml-language-server: $schema=../schemas/workflow.schema.json
apiVersion: thaiyyal.dev/v1
kind: Workflow
name: github-stars
description: Sum the stars of some repos
owners: [team-platform]
labels: {team: platform}
inputs:
  repos: {type: array, default: [a, b], description: Repos to check}
  env: {type: string, enum: [dev, prod], required: true}
  token: {type: string, secret: true}
defaults:
  timeout: 30s
  retry: {attempts: 3, backoff: linear, delay: 1s, maxDelay: 30s, jitter: 0.2, on: [http.status]}
  concurrency: 8
triggers: {cron: '0 * * * *'}
nodes:
  fetch:
    type: http
    description: Get one repo
    when: \${{ inputs.env = 'prod' }}
    foreach: \${{ inputs.repos }}
    concurrency: 4
    retry: 5
    timeout: 1m30s
    onError: {fallback: {body: {stargazers_count: 0}}}
    tolerateSkipped: true
    url: https://api.github.com/repos/\${{ item }}
  after:
    type: log
    needs: fetch
    message: done
    onError: continue
outputs:
  total: \${{ $sum(nodes.fetch.output.body.stargazers_count) }}
`;

  it('normalises every field', () => {
    const r = parse(text);
    expect(r.diagnostics).toEqual([]);
    const wf = r.workflow!;
    expect(wf.name).toBe('github-stars');
    expect(wf.owners).toEqual(['team-platform']);
    expect(wf.labels).toEqual({ team: 'platform' });
    expect(wf.triggers).toEqual({ cron: '0 * * * *' });
    expect(wf.inputs.env).toEqual({ type: 'string', enum: ['dev', 'prod'], required: true });
    expect(wf.inputs.repos).toEqual({
      type: 'array',
      default: ['a', 'b'],
      description: 'Repos to check',
      required: false,
    });
    expect(wf.defaults).toEqual({
      timeoutMs: 30_000,
      concurrency: 8,
      retry: {
        attempts: 3,
        backoff: 'linear',
        delayMs: 1000,
        maxDelayMs: 30_000,
        jitter: 0.2,
        on: ['http.status'],
      },
    });
    expect(wf.nodes.fetch).toEqual({
      id: 'fetch',
      type: 'http',
      description: 'Get one repo',
      options: { url: 'https://api.github.com/repos/${{ item }}' },
      needs: [],
      when: "${{ inputs.env = 'prod' }}",
      foreach: '${{ inputs.repos }}',
      concurrency: 4,
      // The node's own fields win; the rest comes from defaults.retry.
      retry: {
        attempts: 5,
        backoff: 'linear',
        delayMs: 1000,
        maxDelayMs: 30_000,
        jitter: 0.2,
        on: ['http.status'],
      },
      timeoutMs: 90_000,
      onError: { action: 'fallback', value: { body: { stargazers_count: 0 } } },
      tolerateSkipped: true,
    });
    expect(wf.nodes.after).toMatchObject({
      needs: ['fetch'],
      onError: { action: 'continue' },
      tolerateSkipped: false,
    });
    expect(wf.outputs).toEqual({ total: '${{ $sum(nodes.fetch.output.body.stargazers_count) }}' });
    expect(r.graph).toEqual({
      order: ['fetch', 'after'],
      deps: { after: ['fetch'], fetch: [] },
      dependents: { after: [], fetch: ['after'] },
    });
  });

  it('maps paths back to the source', () => {
    const wf = parse(text).workflow!;
    expect(wf.source.file).toBe('w.yaml');
    expect(wf.source.rangeOf(['nodes', 'fetch']).start).toEqual({ line: 18, col: 3 });
    expect(wf.source.rangeOf(['nodes', 'fetch', 'url']).start).toEqual({ line: 28, col: 10 });
    expect(wf.source.rangeOf(['inputs', 'env', 'enum', 1]).start).toEqual({ line: 10, col: 35 });
    // Unknown paths fall back to the closest ancestor, then to the file start.
    expect(wf.source.rangeOf(['nodes', 'fetch', 'nope', 3]).start).toEqual({ line: 18, col: 3 });
    expect(wf.source.rangeOf(['nope']).start).toEqual({ line: 2, col: 1 }); // the root map
  });

  it('keeps user ids as plain keys (no prototype lookups)', () => {
    const r = parse(`${HEAD}nodes:\n  a:\n    type: log\n    message: \${{ nodes.constructor.output }}\n`);
    expect(found(r.diagnostics)).toEqual(['unknown-reference@7:14']);
  });

  it('accepts templates where an option expects another type', () => {
    const r = parse(
      `${HEAD}inputs: {ms: {type: integer, default: 1}}\nnodes:\n  a:\n    type: delay\n    duration: \${{ inputs.ms }}\n`,
    );
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
  });

  it('allows item in raw expression options and in foreach nodes', () => {
    const r = parse(
      `${HEAD}nodes:\n  m: {type: map, items: [1, 2], expression: $item * 2}\n  l:\n    type: log\n    foreach: [1]\n    message: \${{ item }}\n`,
    );
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
  });
});

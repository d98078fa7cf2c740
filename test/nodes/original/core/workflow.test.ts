/**
 * Whole workflows of `original/*` nodes through the real app and engine, built like the
 * original's examples: arithmetic and text chains, conditional branching, switch routing and
 * array processing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkflowFile } from '../../../../src/app/run.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'thaiyyal-original-wf-'));
  writeFileSync(join(dir, 'thaiyyal.config.yaml'), 'version: 1\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runYaml(name: string, yaml: string) {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `apiVersion: thaiyyal.dev/v1\nkind: Workflow\nname: ${name}\n${yaml}`);
  return runWorkflowFile({ file, cwd: dir, noLog: true });
}

describe('original workflows', () => {
  it('arithmetic and text chain with conditional branching', async () => {
    const r = await runYaml(
      'branching',
      `nodes:
  a: {type: original/number, value: 10}
  b: {type: original/number, value: 5}
  sum:
    type: original/operation
    op: add
    inputs: ['\${{ nodes.a.output }}', '\${{ nodes.b.output }}']
  check:
    type: original/condition
    condition: '>10'
    inputs: ['\${{ nodes.sum.output }}']
  big:
    type: original/text_input
    text: big number
    when: \${{ nodes.check.output.path = 'true' }}
  small:
    type: original/text_input
    text: small number
    when: \${{ nodes.check.output.path = 'false' }}
  shout:
    type: original/text_operation
    text_op: uppercase
    inputs: ['\${{ nodes.big.output }}']
outputs:
  result: \${{ nodes.shout.output }}
  check: \${{ nodes.check.output }}
`,
    );
    expect(r.error).toBeUndefined();
    expect(r.outputs).toEqual({
      result: 'BIG NUMBER',
      check: {
        value: 15,
        condition_met: true,
        condition: '>10',
        path: 'true',
        true_path: true,
        false_path: false,
      },
    });
    expect(r.nodes.small?.status).toBe('skipped');
  });

  it('switch routing', async () => {
    const r = await runYaml(
      'routing',
      `nodes:
  score: {type: original/number, value: 75}
  route:
    type: original/switch
    inputs: ['\${{ nodes.score.output }}']
    cases:
      - {when: '>=90', output_path: high}
      - {when: '>=50', output_path: medium}
      - {is_default: true, output_path: low}
  medium:
    type: original/text_input
    text: medium
    when: \${{ nodes.route.output.output_path = 'medium' }}
  high:
    type: original/text_input
    text: high
    when: \${{ nodes.route.output.output_path = 'high' }}
outputs:
  route: \${{ nodes.route.output }}
  result: \${{ nodes.medium.output }}
`,
    );
    expect(r.error).toBeUndefined();
    expect(r.outputs).toEqual({
      route: { value: 75, matched: true, case: '>=50', output_path: 'medium', case_index: 1 },
      result: 'medium',
    });
    expect(r.nodes.high?.status).toBe('skipped');
  });

  it('array processing: range → filter → map → reduce, sort and group_by', async () => {
    const r = await runYaml(
      'arrays',
      `nodes:
  nums: {type: original/range, start: 1, end: 10}
  evens:
    type: original/filter
    condition: item % 2 == 0
    inputs: ['\${{ nodes.nums.output }}']
  squares:
    type: original/map
    expression: item * item
    inputs: ['\${{ nodes.evens.output.filtered }}']
  total:
    type: original/reduce
    expression: accumulator + item
    inputs: ['\${{ nodes.squares.output.results }}']
  people:
    type: original/sort
    field: age
    order: desc
    inputs: [[{name: a, age: 30, team: x}, {name: b, age: 41, team: y}, {name: c, age: 25, team: x}]]
  teams:
    type: original/group_by
    field: team
    aggregate: avg
    value_field: age
    inputs: ['\${{ nodes.people.output.sorted }}']
outputs:
  evens: \${{ nodes.evens.output.filtered }}
  total: \${{ nodes.total.output.result }}
  oldest: \${{ nodes.people.output.sorted[0].name }}
  averages: \${{ nodes.teams.output.averages }}
`,
    );
    expect(r.error).toBeUndefined();
    expect(r.outputs).toEqual({
      evens: [2, 4, 6, 8, 10],
      total: 220,
      oldest: 'b',
      averages: { x: 27.5, y: 41 },
    });
  });

  it('expressions read other nodes through node_results', async () => {
    const r = await runYaml(
      'node-refs',
      `nodes:
  limit: {type: original/number, value: 100}
  price: {type: original/number, value: 120}
  over:
    type: original/expression
    expression: "input > node.limit ? 'over' : 'ok'"
    inputs: ['\${{ nodes.price.output }}']
    node_results: {limit: '\${{ nodes.limit.output }}'}
outputs:
  result: \${{ nodes.over.output }}
`,
    );
    expect(r.error).toBeUndefined();
    expect(r.outputs.result).toBe('over');
  });

  it('a failing node fails the run with the original message, naming the node', async () => {
    const r = await runYaml(
      'div-zero',
      `nodes:
  a: {type: original/number, value: 1}
  z: {type: original/number, value: 0}
  div:
    type: original/operation
    op: divide
    inputs: ['\${{ nodes.a.output }}', '\${{ nodes.z.output }}']
`,
    );
    expect(r.status).toBe('failed');
    expect(r.nodes.div?.error).toEqual({ code: 'original.division-by-zero', message: 'division by zero' });
  });

  it('validation rejects unknown keys and missing required ones', async () => {
    const r = await runYaml(
      'bad-options',
      `nodes:
  n: {type: original/number, valu: 1}
`,
    ).catch((e: unknown) => e);
    expect(String((r as Error).message ?? r)).toMatch(/not a valid workflow/);
  });
});

/**
 * for_each and while_loop run real body workflows: whole runs through the app (real YAML
 * files in a temp project, real sub-runs with their own event logs).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkflowFile } from '../../../../src/app/run.js';
import { forEach } from '../../../../src/nodes/original/core/for_each.js';
import { whileLoop } from '../../../../src/nodes/original/core/while_loop.js';
import { failure } from '../../../helpers/failure.js';
import { run } from '../helpers.js';

let dir: string;

const HEAD = 'apiVersion: thaiyyal.dev/v1\nkind: Workflow\n';

function write(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, HEAD + body);
  return file;
}

async function runFile(name: string, body: string) {
  return runWorkflowFile({ file: write(name, body), cwd: dir, noLog: true });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'thaiyyal-original-loops-'));
  writeFileSync(join(dir, 'thaiyyal.config.yaml'), 'version: 1\n');
  write(
    'double.yaml',
    `name: double
inputs:
  value: {type: number}
  position: {type: integer}
nodes:
  dbl:
    type: original/expression
    expression: input * 2
    inputs: ['\${{ inputs.value }}']
outputs:
  result: \${{ nodes.dbl.output }}
`,
  );
  write(
    'divide.yaml',
    `name: divide
inputs:
  value: {type: number}
  position: {type: integer}
nodes:
  ten: {type: original/number, value: 10}
  div:
    type: original/operation
    op: divide
    inputs: ['\${{ nodes.ten.output }}', '\${{ inputs.value }}']
outputs:
  result: \${{ nodes.div.output }}
  index: \${{ inputs.position }}
`,
  );
  write(
    'grow.yaml',
    `name: grow
inputs:
  value: {type: number}
  iteration: {type: integer}
nodes:
  next:
    type: original/expression
    expression: input * 2
    inputs: ['\${{ inputs.value }}']
outputs:
  result: \${{ nodes.next.output }}
`,
  );
  write(
    'pairs.yaml',
    `name: pairs
inputs:
  value: {type: object}
  position: {type: integer}
nodes:
  label:
    type: original/text_operation
    text_op: uppercase
    inputs: ['\${{ inputs.value.name }}']
outputs:
  name: \${{ nodes.label.output }}
  position: \${{ inputs.position }}
`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('original/for_each with a body', () => {
  it('runs the body once per item, in order, collecting each result', async () => {
    const r = await runFile(
      'each.yaml',
      `name: each
nodes:
  nums: {type: original/range, start: 1, end: 3}
  each:
    type: original/for_each
    body: ./double.yaml
    inputs: ['\${{ nodes.nums.output.range }}']
outputs:
  result: \${{ nodes.each.output }}
`,
    );
    expect(r.error).toBeUndefined();
    expect(r.outputs.result).toEqual({
      input_count: 3,
      iterations: 3,
      successful: 3,
      failed: 0,
      results: [2, 4, 6],
      errors: [],
    });
  });

  it('a body without a result output stands for all its outputs', async () => {
    const r = await runFile(
      'each-objects.yaml',
      `name: each-objects
nodes:
  each:
    type: original/for_each
    body: ./pairs.yaml
    inputs: [[{name: ada}, {name: bob}]]
outputs:
  result: \${{ nodes.each.output.results }}
`,
    );
    expect(r.error).toBeUndefined();
    expect(r.outputs.result).toEqual([
      { name: 'ADA', position: 0 },
      { name: 'BOB', position: 1 },
    ]);
  });

  it('counts failed iterations and goes on', async () => {
    const r = await runFile(
      'each-fail.yaml',
      `name: each-fail
nodes:
  each:
    type: original/for_each
    body: ./divide.yaml
    inputs: [[2, 0, 5]]
outputs:
  result: \${{ nodes.each.output }}
`,
    );
    expect(r.error).toBeUndefined();
    const out = r.outputs.result as { errors: { index: number; error: string }[] };
    expect(out).toMatchObject({
      input_count: 3,
      iterations: 3,
      successful: 2,
      failed: 1,
      results: [5, null, 2],
    });
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]?.index).toBe(1);
    expect(out.errors[0]?.error).toMatch(/division by zero/);
  });

  it('fails over max_iterations with the original message', async () => {
    const r = await runFile(
      'each-max.yaml',
      `name: each-max
nodes:
  each:
    type: original/for_each
    body: ./double.yaml
    max_iterations: 2
    inputs: [[1, 2, 3]]
`,
    );
    expect(r.status).toBe('failed');
    expect(r.nodes.each?.error).toEqual({
      code: 'original.max-iterations',
      message: 'for_each exceeds max iterations: 3 > 2',
    });
  });

  it('fails over original.limits.maxIterations of the project config', async () => {
    const sub = mkdtempSync(join(dir, 'limited-'));
    writeFileSync(
      join(sub, 'thaiyyal.config.yaml'),
      'version: 1\noriginal:\n  limits:\n    maxIterations: 2\n',
    );
    const file = join(sub, 'each.yaml');
    writeFileSync(
      file,
      `${HEAD}name: limited\nnodes:\n  each:\n    type: original/for_each\n    inputs: [[1, 2, 3]]\n`,
    );
    const r = await runWorkflowFile({ file, cwd: sub, noLog: true });
    expect(r.nodes.each?.error?.code).toBe('original.limit');
    expect(r.nodes.each?.error?.message).toMatch(/maximum iterations exceeded: 3 \(limit: 2\)/);
  });

  it('without a body only counts, like the original', async () => {
    expect(await run(forEach, { inputs: [[1, 2]] })).toEqual({
      input_count: 2,
      iterations: 2,
      successful: 2,
      failed: 0,
    });
    expect(await run(forEach, { inputs: [[]] })).toEqual({
      input_count: 0,
      iterations: 0,
      successful: 0,
      failed: 0,
    });
  });

  it('rejects non-arrays, missing input and bodies outside the project', async () => {
    expect((await failure(run(forEach, { inputs: [{ a: 1 }] }))).message).toBe(
      'for_each node requires array input, got map[string]interface {}',
    );
    expect((await failure(run(forEach, {}))).message).toBe('for_each node needs at least 1 input');
    const f = await failure(run(forEach, { body: '/etc/passwd', inputs: [[1]] }));
    expect(f.code).toBe('original.invalid-body');
  });
});

describe('original/while_loop with a body', () => {
  it('re-evaluates the condition on the body result until it is false', async () => {
    const r = await runFile(
      'grow-loop.yaml',
      `name: grow-loop
nodes:
  start: {type: original/number, value: 3}
  loop:
    type: original/while_loop
    condition: '<100'
    body: ./grow.yaml
    inputs: ['\${{ nodes.start.output }}']
outputs:
  result: \${{ nodes.loop.output }}
`,
    );
    expect(r.error).toBeUndefined();
    expect(r.outputs.result).toEqual({ final_value: 192, iterations: 6, condition: '<100' });
  });

  it('does not run the body when the condition is false at once', async () => {
    const r = await runFile(
      'grow-none.yaml',
      `name: grow-none
nodes:
  loop:
    type: original/while_loop
    condition: input < 10
    body: ./grow.yaml
    inputs: [50]
outputs:
  result: \${{ nodes.loop.output }}
`,
    );
    expect(r.outputs.result).toEqual({ final_value: 50, iterations: 0, condition: 'input < 10' });
  });

  it('stops at max_iterations with the original error', async () => {
    const r = await runFile(
      'grow-max.yaml',
      `name: grow-max
nodes:
  loop:
    type: original/while_loop
    condition: '<1000000'
    max_iterations: 3
    body: ./grow.yaml
    inputs: [1]
`,
    );
    expect(r.nodes.loop?.error).toEqual({
      code: 'original.max-iterations',
      message: 'while_loop exceeded max iterations: 3',
    });
  });

  it('fails when the body fails', async () => {
    const r = await runFile(
      'loop-bad.yaml',
      `name: loop-bad
nodes:
  loop:
    type: original/while_loop
    condition: 'true'
    body: ./missing.yaml
    inputs: [1]
`,
    );
    expect(r.nodes.loop?.error?.code).toBe('original.loop-body');
    expect(r.nodes.loop?.error?.message).toMatch(/^while_loop body failed at iteration 0: /);
  });

  it('without a body keeps the original behaviour', async () => {
    expect(await run(whileLoop, { condition: '>5', inputs: [1] })).toEqual({
      final_value: 1,
      iterations: 0,
      condition: '>5',
    });
    const f = await failure(run(whileLoop, { condition: '>5', inputs: [10] }));
    expect(f.message).toBe('while_loop exceeded max iterations: 100');
    expect(
      (await failure(run(whileLoop, { condition: '>5', max_iterations: 7, inputs: [10] }))).message,
    ).toBe('while_loop exceeded max iterations: 7');
    expect((await failure(run(whileLoop, { condition: '>5' }))).message).toBe(
      'while_loop node needs at least 1 input',
    );
  });
});

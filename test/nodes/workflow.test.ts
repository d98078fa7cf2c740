import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compileValue, type Scope } from '../../src/core/expr/template.js';
import type { Json } from '../../src/core/workflow.js';
import { fail } from '../../src/nodes/fail.js';
import { transform } from '../../src/nodes/transform.js';
import { NodeFailure, type NodeContext, type SubRunResult } from '../../src/nodes/types.js';
import { workflow, type WorkflowOptions } from '../../src/nodes/workflow.js';
import { makeTestContext } from '../helpers/node-context.js';

const FIXTURES = path.resolve('test/fixtures/workflows');

interface FixtureWorkflow {
  inputs?: Record<string, { required?: boolean; default?: unknown }>;
  nodes: Record<string, Record<string, Json> & { type: string }>;
  outputs: Record<string, Json>;
}

/**
 * A stand-in for the engine's sub-run (written in parallel): really reads and runs the
 * fixture file, nodes in written order, with the real transform/fail node types, and
 * resolves `outputs` with the real template code. Records every call.
 */
function fixtureRunner(workflowDir: string) {
  const calls: { file: string; inputs: Record<string, unknown> }[] = [];
  const runWorkflow = async (file: string, given: Record<string, unknown>): Promise<SubRunResult> => {
    calls.push({ file, inputs: given });
    const runId = `sub-${calls.length}`;
    const wf = parseYaml(await readFile(path.resolve(workflowDir, file), 'utf8')) as FixtureWorkflow;
    const inputs: Record<string, unknown> = { ...given };
    for (const [name, spec] of Object.entries(wf.inputs ?? {})) {
      if (inputs[name] === undefined && spec.default !== undefined) inputs[name] = spec.default;
      if (inputs[name] === undefined && spec.required) {
        return {
          runId,
          status: 'failed',
          outputs: {},
          error: { code: 'input.missing', message: `input ${name} is required` },
        };
      }
    }
    const scope: Scope = { inputs, nodes: {}, env: {}, secrets: {}, run: { id: runId } };
    for (const [id, { type, ...options }] of Object.entries(wf.nodes)) {
      const ctx = makeTestContext({ rawOptions: options, scope });
      try {
        const output =
          type === 'transform'
            ? await transform.execute(options, ctx)
            : await fail.execute(options as { message: string }, ctx);
        scope.nodes[id] = { status: 'succeeded', output };
      } catch (err) {
        const e = err as NodeFailure;
        return { runId, status: 'failed', outputs: {}, error: { code: e.code, message: e.message } };
      }
    }
    const outputs: Record<string, unknown> = {};
    for (const [name, template] of Object.entries(wf.outputs))
      outputs[name] = await compileValue(template)(scope);
    return { runId, status: 'succeeded', outputs };
  };
  return { calls, runWorkflow };
}

function context(overrides: Partial<NodeContext> = {}) {
  const workflowDir = overrides.workflowDir ?? FIXTURES;
  const runner = fixtureRunner(workflowDir);
  const ctx = makeTestContext({ overrides: { workflowDir, runWorkflow: runner.runWorkflow, ...overrides } });
  return { ctx, calls: runner.calls };
}

describe('workflow', () => {
  it.each<[string, WorkflowOptions, Record<string, unknown>]>([
    [
      'passes inputs, returns outputs',
      { file: 'greet.yaml', inputs: { name: 'ada' } },
      { greeting: 'hello, ada', length: 10 },
    ],
    [
      'sub-workflow sees every input',
      { file: './greet.yaml', inputs: { name: 'ada', shout: true } },
      { greeting: 'hello, ADA', length: 10 },
    ],
  ])('%s', async (_name, options, outputs) => {
    const { ctx, calls } = context();
    expect(await workflow.execute(options, ctx)).toEqual(outputs);
    expect(calls).toEqual([{ file: options.file, inputs: options.inputs }]);
  });

  it('defaults inputs to an empty object', async () => {
    const { ctx, calls } = context();
    await expect(workflow.execute({ file: 'reject.yaml' }, ctx)).rejects.toThrow();
    expect(calls).toEqual([{ file: 'reject.yaml', inputs: {} }]);
  });

  it.each<[string, WorkflowOptions, { code: string; runId: string }]>([
    ['a failing node', { file: 'reject.yaml' }, { code: 'greet.refused', runId: 'sub-1' }],
    [
      'a missing required input',
      { file: 'greet.yaml', inputs: {} },
      { code: 'input.missing', runId: 'sub-1' },
    ],
  ])('maps %s to workflow.failed with the sub-run error and runId', async (_name, options, sub) => {
    const { ctx } = context();
    const err = (await workflow.execute(options, ctx).catch((e: unknown) => e)) as NodeFailure;
    expect(err).toBeInstanceOf(NodeFailure);
    expect(err.code).toBe('workflow.failed');
    expect(err.message).toContain(sub.runId);
    expect(err.details).toMatchObject({ runId: sub.runId, status: 'failed', error: { code: sub.code } });
  });

  it('reports a cancelled sub-run that we did not cancel as workflow.failed', async () => {
    const ctx = makeTestContext({
      overrides: { runWorkflow: () => Promise.resolve({ runId: 'sub-x', status: 'cancelled', outputs: {} }) },
    });
    await expect(workflow.execute({ file: 'greet.yaml' }, ctx)).rejects.toMatchObject({
      code: 'workflow.failed',
      details: { runId: 'sub-x', status: 'cancelled' },
    });
  });

  it('rethrows our own cancellation instead of blaming the sub-run', async () => {
    const controller = new AbortController();
    const reason = new Error('run cancelled');
    const ctx = makeTestContext({
      overrides: {
        signal: controller.signal,
        runWorkflow: () => {
          controller.abort(reason);
          return Promise.resolve({ runId: 'sub-x', status: 'cancelled', outputs: {} });
        },
      },
    });
    await expect(workflow.execute({ file: 'greet.yaml' }, ctx)).rejects.toBe(reason);
  });

  it.each<[string, string]>([
    ['an absolute path', '/etc/passwd'],
    ['a path climbing out of the project', '../../../../outside.yaml'],
    ['the project root itself', '../../..'],
  ])('refuses %s without running anything', async (_name, file) => {
    const { ctx, calls } = context();
    await expect(workflow.execute({ file }, ctx)).rejects.toMatchObject({ code: 'workflow.outside-project' });
    expect(calls).toEqual([]);
  });

  it('allows a path that climbs but stays inside the project', async () => {
    const { ctx, calls } = context({ workflowDir: path.join(FIXTURES, 'nested') });
    await expect(
      workflow.execute({ file: '../greet.yaml', inputs: { name: 'x' } }, ctx),
    ).resolves.toMatchObject({
      greeting: 'hello, x',
    });
    expect(calls).toHaveLength(1);
  });
});

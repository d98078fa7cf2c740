/** resolveInputs: coercion, defaults, required, enum, unknown names — codes and places. */
import { describe, expect, it } from 'vitest';
import { coerceInput, resolveInputs } from '../../src/core/inputs.js';
import { parseWorkflow } from '../../src/core/validate.js';
import { nodeTypes } from '../../src/nodes/registry.js';

const wf = parseWorkflow(
  `apiVersion: thaiyyal.dev/v1
kind: Workflow
name: t
inputs:
  env: {type: string, enum: [dev, prod], required: true}
  count: {type: integer, default: 2}
  ratio: {type: number}
  dry: {type: boolean, default: false}
  repos: {type: array, default: [a]}
  opts: {type: object}
  token: {type: string, secret: true, enum: [s3cret]}
nodes:
  a: {type: log, message: x}
`,
  'w.yaml',
  nodeTypes,
).workflow!;

const run = (given: Record<string, unknown>) => resolveInputs(wf, given);
const found = (given: Record<string, unknown>) =>
  run(given).diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.col}`);

describe('resolveInputs', () => {
  it('coerces command-line strings and applies defaults', () => {
    const r = run({ env: 'prod', ratio: '0.5', dry: 'true', opts: '{"k":1}', count: '7' });
    expect(r.diagnostics).toEqual([]);
    expect(r.inputs).toEqual({ env: 'prod', count: 7, ratio: 0.5, dry: true, repos: ['a'], opts: { k: 1 } });
  });

  it('accepts typed values from API callers', () => {
    expect(run({ env: 'dev', repos: ['x', 'y'], count: 3 }).inputs).toMatchObject({
      repos: ['x', 'y'],
      count: 3,
    });
  });

  it('does not share default objects between runs', () => {
    const a = run({ env: 'dev' }).inputs.repos as string[];
    a.push('mutated');
    expect(run({ env: 'dev' }).inputs.repos).toEqual(['a']);
  });

  const bad: [string, Record<string, unknown>, string[]][] = [
    ['missing required input', {}, ['missing-input@5:3']],
    ['bad enum', { env: 'test' }, ['invalid-input@5:3']],
    ['not an integer', { env: 'dev', count: '1.5' }, ['invalid-input@6:3']],
    ['not a number', { env: 'dev', ratio: 'abc' }, ['invalid-input@7:3']],
    ['not a boolean', { env: 'dev', dry: 'yes' }, ['invalid-input@8:3']],
    ['not JSON', { env: 'dev', repos: '[a' }, ['invalid-input@9:3']],
    ['JSON of the wrong type', { env: 'dev', opts: '[1]' }, ['invalid-input@10:3']],
    ['typed value of the wrong type', { env: 'dev', count: true }, ['invalid-input@6:3']],
    ['unknown input (at inputs:)', { env: 'dev', cuont: '1' }, ['invalid-input@4:1']],
  ];
  for (const [name, given, expected] of bad) {
    it(`rejects: ${name}`, () => expect(found(given)).toEqual(expected));
  }

  it('suggests the closest input name', () => {
    expect(run({ env: 'dev', cuont: '1' }).diagnostics[0]!.message).toContain('did you mean "count"?');
  });

  it('never shows the value of a secret input', () => {
    const [d] = run({ env: 'dev', token: 'hunter2' }).diagnostics;
    expect(d!.code).toBe('invalid-input');
    expect(d!.message).not.toContain('hunter2');
  });

  it('coerceInput keeps strings as written', () => {
    expect(coerceInput('string', ' 42 ')).toEqual({ value: ' 42 ' });
    expect(coerceInput('number', '')).toHaveProperty('error');
    expect(coerceInput('integer', '1e3')).toEqual({ value: 1000 });
  });
});

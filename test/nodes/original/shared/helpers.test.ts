import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../../src/core/config.js';
import { notArrayResult, unwrapArray } from '../../../../src/nodes/original/shared/arrays.js';
import { bodyValue, checkBodyFile } from '../../../../src/nodes/original/shared/body.js';
import { legacyCondition } from '../../../../src/nodes/original/shared/legacy.js';
import { firstInput, inputsOf } from '../../../../src/nodes/original/shared/node.js';
import { originalScope } from '../../../../src/nodes/original/shared/scope.js';
import { toCamelCase, toInverseCase, toTitleCase } from '../../../../src/nodes/original/shared/text.js';
import { makeTestContext } from '../../../helpers/node-context.js';

describe('originalScope', () => {
  it('merges run variables with loop bindings and reads context, node results and the clock', () => {
    const ctx = makeTestContext({ overrides: { now: () => 86_400_000 } });
    ctx.runStore.set('original.variables', { a: 1, item: 'shadowed' });
    ctx.runStore.set('original.context', { env: 'prod' });
    const scope = originalScope(ctx, 5, { item: 9, index: 0 }, { n1: 3 });
    expect(scope.input).toBe(5);
    expect(scope.variables).toEqual({ a: 1, item: 9, index: 0 });
    expect(scope.context).toEqual({ env: 'prod' });
    expect(scope.nodeResults).toEqual({ n1: 3 });
    expect(scope.now().toISOString()).toBe('1970-01-02T00:00:00.000Z');
  });

  it('is empty when the run has no state, and does not alias the run store', () => {
    const ctx = makeTestContext();
    const scope = originalScope(ctx, null);
    expect(scope).toMatchObject({ variables: {}, context: {}, nodeResults: {} });
    scope.variables.x = 1;
    expect(ctx.runStore.get('original.variables')).toBeUndefined();
  });
});

describe('legacyCondition', () => {
  it.each<[string, unknown, boolean]>([
    ['true', null, true],
    ['false', 5, false],
    ['>5', 6, true],
    ['>5', 5, false],
    ['>=5', 5, true],
    ['<5', 4, true],
    ['<=5', 6, false],
    ['==5', 5, true],
    ['!=5', 5, false],
    ['>5', { value: 7 }, true],
    ['>5', '7', false],
    ['>abc', 1, true],
    ['~5', 5, false],
    ['> 2.5e1', 26, true],
  ])('%s on %j → %s', (cond, value, expected) => {
    expect(legacyCondition(cond, value)).toBe(expected);
  });
});

describe('arrays', () => {
  it('unwraps the known keys in order and only arrays', () => {
    expect(unwrapArray([1])).toEqual([1]);
    expect(unwrapArray({ data: [2], items: [1] })).toEqual([1]);
    expect(unwrapArray({ range: 'no', values: [3] })).toEqual([3]);
    expect(unwrapArray({ other: [1] })).toBeUndefined();
    expect(unwrapArray('x')).toBeUndefined();
  });

  it('notArrayResult', () => {
    expect(notArrayResult(undefined)).toEqual({
      error: 'input is not an array',
      input: null,
      original_type: '<nil>',
    });
  });
});

describe('inputs', () => {
  it('inputsOf and firstInput', () => {
    expect(inputsOf({})).toEqual([]);
    expect(inputsOf({ inputs: [1, 2] })).toEqual([1, 2]);
    expect(firstInput({ inputs: [null] }, 'x')).toBeNull();
    expect(() => firstInput({}, 'sort')).toThrow('sort node needs at least 1 input');
  });
});

describe('text helpers', () => {
  it('title, camel and inverse case', () => {
    expect(toTitleCase('élan vital')).toBe('Élan Vital');
    expect(toTitleCase('a1b c_d e.f')).toBe('A1b C_d E.F');
    expect(toCamelCase('ÉLAN vital force')).toBe('élanVitalForce');
    expect(toInverseCase('ß Ab')).toBe('ß aB');
  });
});

describe('body helpers', () => {
  const ctx = { workflowDir: '/proj/flows', config: { ...DEFAULT_CONFIG, root: '/proj' } };
  it('accepts relative files inside the project', () => {
    expect(checkBodyFile('./body.yaml', ctx, 'for_each')).toBe('./body.yaml');
    expect(checkBodyFile('../other/body.yaml', ctx, 'for_each')).toBe('../other/body.yaml');
  });

  it.each<[unknown, RegExp]>([
    ['/etc/body.yaml', /must be a path relative/],
    ['../../elsewhere.yaml', /resolves outside the project root/],
    ['', /must be the path of a workflow file/],
    [3, /must be the path of a workflow file/],
  ])('rejects %j', (file, message) => {
    expect(() => checkBodyFile(file, ctx, 'for_each')).toThrow(message);
  });

  it('a body stands for its result output when declared, else all outputs', () => {
    expect(bodyValue({ result: 3, other: 1 })).toBe(3);
    expect(bodyValue({ result: null })).toBeNull();
    expect(bodyValue({ a: 1 })).toEqual({ a: 1 });
  });
});

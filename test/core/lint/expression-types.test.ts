import { describe, expect, it } from 'vitest';
import { astOf } from '../../../src/core/lint/expression-ast.js';
import { operandOf } from '../../../src/core/lint/expression-types.js';
import { lintContext } from '../../helpers/lint-context.js';
import { wf } from '../../helpers/rule-tester.js';

const { workflow } = lintContext(
  wf(
    [
      'inputs:',
      '  s: {type: string}',
      '  i: {type: integer}',
      '  b: {type: boolean}',
      '  o: {type: object}',
      'nodes:',
      '  a: {type: log, message: hi}',
      '',
    ].join('\n'),
  ),
);
const typeOf = (source: string) => operandOf(astOf(source), workflow);

describe('operandOf', () => {
  it('types literals', () => {
    expect(typeOf('"3"')).toEqual({ type: 'string', label: '"3"', literal: true });
    expect(typeOf('3')).toEqual({ type: 'number', label: '3', literal: true });
    expect(typeOf('true')).toEqual({ type: 'boolean', label: 'true', literal: true });
  });

  it('types declared inputs (integer is a number) and env/secrets (strings)', () => {
    expect(typeOf('inputs.s')?.type).toBe('string');
    expect(typeOf('inputs.i')).toEqual({
      type: 'number',
      label: 'inputs.i (an integer input)',
      literal: false,
    });
    expect(typeOf('$$.inputs.b')?.type).toBe('boolean');
    expect(typeOf('env.HOME')).toEqual({
      type: 'string',
      label: 'env.HOME (always a string)',
      literal: false,
    });
    expect(typeOf('secrets.TOKEN')?.type).toBe('string');
  });

  it('is undefined when the type cannot be known', () => {
    expect(typeOf('inputs.o')).toBeUndefined();
    expect(typeOf('inputs.missing')).toBeUndefined();
    expect(typeOf('inputs.s[0]')).toBeUndefined();
    expect(typeOf('inputs.s.x')).toBeUndefined();
    expect(typeOf('nodes.a.output')).toBeUndefined();
    expect(typeOf('null')).toBeUndefined();
    expect(operandOf(undefined, workflow)).toBeUndefined();
  });
});

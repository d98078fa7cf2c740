import { describe, expect, it } from 'vitest';
import {
  astOf,
  nameSpan,
  operatorStart,
  rootSteps,
  stepName,
  walkAst,
  type AstNode,
} from '../../../src/core/lint/expression-ast.js';

const pathOf = (source: string): AstNode => {
  let found: AstNode | undefined;
  walkAst(astOf(source), (n) => {
    if (n.type === 'path') found ??= n;
  });
  return found!;
};

describe('expression AST helpers', () => {
  it('astOf is undefined for an expression that does not parse', () => {
    expect(astOf('1 +')).toBeUndefined();
    expect(astOf('1 + 2')?.type).toBe('binary');
  });

  it('walkAst visits parents before children', () => {
    const types: string[] = [];
    walkAst(astOf('1 + inputs.a'), (n) => types.push(n.type));
    expect(types.slice(0, 3)).toEqual(['binary', 'number', 'path']);
  });

  it('rootSteps drops a leading $$', () => {
    expect(rootSteps(pathOf('inputs.a')).map(stepName)).toEqual(['inputs', 'a']);
    expect(rootSteps(pathOf('$$.inputs.a')).map(stepName)).toEqual(['inputs', 'a']);
    expect(rootSteps(astOf('42')!)).toEqual([]);
  });

  it('nameSpan finds a name step in the source, backticks included', () => {
    const source = 'nodes.`fetch-user`.output';
    const step = rootSteps(pathOf(source))[1]!;
    expect(stepName(step)).toBe('fetch-user');
    const span = nameSpan(source, step);
    expect(source.slice(span.start, span.start + span.length)).toBe('`fetch-user`');
  });

  it('operatorStart is the offset of a binary operator', () => {
    const source = 'inputs.a   <= 3';
    const n = astOf(source)!;
    expect(source.slice(operatorStart(n), operatorStart(n) + 2)).toBe('<=');
  });
});

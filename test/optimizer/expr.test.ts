import { describe, expect, it } from 'vitest';
import {
  canonicalExpression,
  renameInExpression,
  RewriteRefused,
  substituteOutput,
} from '../../src/optimizer/expr.js';

describe('renameInExpression', () => {
  it.each([
    ['nodes.a.output + nodes.ab.output', 'nodes.b.output + nodes.ab.output'],
    ['$$.nodes.a.output', '$$.nodes.b.output'],
    ['$sum( nodes . a .output.x)', '$sum( nodes.b .output.x)'],
    ['nodes.`a`.status', 'nodes.b.status'],
    ['"label" & nodes.a.output', '"label" & nodes.b.output'],
  ])('%s → %s', (source, expected) => {
    expect(renameInExpression(source, 'a', 'b')).toBe(expected);
  });

  it.each([
    ['"nodes.a" & nodes.a.output', 'inside a string'],
    ['/* nodes.a */ nodes.a.output', 'inside a comment'],
    ['x.nodes.a', 'a field of something else'],
  ])('refuses %s (%s)', (source) => {
    expect(() => renameInExpression(source, 'a', 'b')).toThrow(RewriteRefused);
  });

  it('uses backticks for ids that are not plain names', () => {
    expect(renameInExpression('nodes.`my-a`.output', 'my-a', 'my-b')).toBe('nodes.`my-b`.output');
  });
});

describe('substituteOutput', () => {
  it('replaces every read of the output, and refuses other reads', () => {
    expect(substituteOutput('$count(nodes.a.output) + nodes.a.output[0]', 'a', '$v')).toBe(
      '$count($v) + $v[0]',
    );
    expect(() => substituteOutput('nodes.a.status', 'a', '$v')).toThrow(RewriteRefused);
    expect(() => substituteOutput('nodes.a.output & nodes.a.status', 'a', '$v')).toThrow(RewriteRefused);
  });
});

describe('canonicalExpression', () => {
  it('ignores spacing, and compares node references through a rename', () => {
    expect(canonicalExpression('$sum(nodes.a.output)*2')).toBe(
      canonicalExpression('$sum( nodes.a.output ) * 2'),
    );
    expect(canonicalExpression('nodes.a.output')).not.toBe(canonicalExpression('nodes.b.output'));
    expect(canonicalExpression('nodes.a.output', new Map([['a', 'b']]))).toBe(
      canonicalExpression('nodes.b.output'),
    );
    expect(canonicalExpression('1 + 2')).not.toBe(canonicalExpression('2 + 1'));
  });
});

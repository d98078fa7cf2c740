import { describe, expect, it } from 'vitest';
import {
  expressionSites,
  nodeExpressions,
  shorten,
  templateStrings,
  workflowExpressions,
  workflowStrings,
} from '../../../src/core/lint/expressions.js';
import { lintContext } from '../../helpers/lint-context.js';
import { wf } from '../../helpers/rule-tester.js';

const ctx = lintContext(
  wf(
    [
      'inputs:',
      '  n: {type: number}',
      'nodes:',
      '  pick:',
      '    type: filter',
      '    items: ${{ [1, 2] }}',
      '    predicate: $ > inputs.n',
      '    when: "${{ inputs.n > 0 }}"',
      '  say:',
      '    type: log',
      '    message: "n is ${{ inputs.n }} and ${{ nodes.pick.output }}"',
      'outputs:',
      '  picked: ${{ nodes.pick.output }}',
      '',
    ].join('\n'),
  ),
);

describe('workflowStrings', () => {
  it('lists node options, when, foreach and outputs in order, marking raw JSONata options', () => {
    expect([...workflowStrings(ctx)].map((s) => [s.path.join('.'), s.raw, s.nodeId])).toEqual([
      ['nodes.pick.items', false, 'pick'],
      ['nodes.pick.predicate', true, 'pick'],
      ['nodes.pick.when', false, 'pick'],
      ['nodes.say.message', false, 'say'],
      ['outputs.picked', false, undefined],
    ]);
  });
});

describe('templateStrings', () => {
  it('keeps strings with templates, not raw options, with their parts', () => {
    const t = templateStrings(ctx);
    expect(t.map((s) => s.path.join('.'))).toEqual([
      'nodes.pick.items',
      'nodes.pick.when',
      'nodes.say.message',
      'outputs.picked',
    ]);
    expect(t[2]!.parts.map((p) => p.kind)).toEqual(['text', 'expr', 'text', 'expr']);
  });
});

describe('expressionSites', () => {
  it('gives each template part and each raw option, with its offset in the string', () => {
    const sites = expressionSites(ctx).map((s) => [s.path.join('.'), s.source, s.offset, s.raw]);
    expect(sites).toContainEqual(['nodes.pick.predicate', '$ > inputs.n', 0, true]);
    expect(sites).toContainEqual(['nodes.say.message', 'inputs.n', 9, false]);
    expect(sites).toContainEqual(['nodes.say.message', 'nodes.pick.output', 29, false]);
    expect(sites).toHaveLength(6);
  });

  it('skips templates that do not parse, which workflowExpressions reports with an error', () => {
    const broken = lintContext(wf('nodes:\n  a:\n    type: log\n    message: "${{ 1 + }} and ${{ 2 }}"\n'));
    expect(expressionSites(broken)).toEqual([]);
    const all = workflowExpressions(broken);
    expect(all).toHaveLength(1);
    expect(all[0]!.error).toBeDefined();
  });
});

describe('workflowExpressions and nodeExpressions', () => {
  it('match expressionSites when everything parses', () => {
    expect(workflowExpressions(ctx)).toEqual(expressionSites(ctx));
  });

  it('nodeExpressions covers only the node', () => {
    const pick = ctx.workflow.nodes.pick!;
    expect(nodeExpressions(ctx, pick).map((e) => e.source)).toEqual([
      '[1, 2]',
      '$ > inputs.n',
      'inputs.n > 0',
    ]);
  });
});

describe('shorten', () => {
  it('folds white space and cuts long expressions with an ellipsis', () => {
    expect(shorten('a +\n  b')).toBe('a + b');
    expect(shorten('x'.repeat(10), 5)).toBe('xxxx…');
    expect(shorten('x'.repeat(5), 5)).toBe('xxxxx');
  });
});

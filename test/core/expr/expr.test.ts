/** The expression modules: templates, compileValue, collectRefs. */
import { describe, expect, it } from 'vitest';
import { compileExpression, ExpressionSyntaxError, toPlain } from '../../../src/core/expr/jsonata.js';
import { collectRefs } from '../../../src/core/expr/refs.js';
import {
  collectExpressions,
  compileValue,
  isTemplate,
  parseTemplate,
  type Scope,
} from '../../../src/core/expr/template.js';

const scope = (extra: Partial<Scope> = {}): Scope => ({
  inputs: { id: 7, name: 'Ada' },
  nodes: { fetch: { output: { items: [1, 2, 3] }, status: 'succeeded' } },
  env: {},
  secrets: {},
  run: {},
  ...extra,
});

describe('parseTemplate', () => {
  it('splits text and expressions, with offsets', () => {
    expect(parseTemplate('a ${{ inputs.id }} b')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'expr', source: 'inputs.id', offset: 6 },
      { kind: 'text', text: ' b' },
    ]);
  });

  it('lets an expression contain }} (object constructors)', () => {
    expect(parseTemplate('${{ {"a": {"b": 1}} }}')).toEqual([
      { kind: 'expr', source: '{"a": {"b": 1}}', offset: 4 },
    ]);
  });

  const errors: [string, string, number][] = [
    ['unclosed', 'x ${{ 1 + 2', 2],
    ['empty', 'x ${{  }}', 2],
    ['syntax error, offset in the whole string', 'ab ${{ 1 + + 2 }}', 11],
  ];
  for (const [name, text, offset] of errors) {
    it(`throws ExpressionSyntaxError: ${name}`, () => {
      let err: unknown;
      try {
        parseTemplate(text);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ExpressionSyntaxError);
      expect((err as ExpressionSyntaxError).offset).toBe(offset);
    });
  }

  it('isTemplate is a cheap check', () => {
    expect(isTemplate('plain')).toBe(false);
    expect(isTemplate('a ${{ x }}')).toBe(true);
  });
});

describe('compileValue', () => {
  it('keeps the type of a whole-string expression and interpolates embedded ones', async () => {
    const r = compileValue({
      n: '${{ inputs.id }}',
      s: 'id=${{ inputs.id }}',
      list: ['${{ $sum(nodes.fetch.output.items) }}', 2],
      k: true,
    });
    expect(await r(scope())).toEqual({ n: 7, s: 'id=7', list: [6, 2], k: true });
  });

  it('returns constants as they are', async () => {
    const v = { a: [1, { b: 'c' }] };
    expect(await compileValue(v)(scope())).toBe(v);
    expect(await compileValue(undefined)(scope())).toBeNull();
  });

  it('binds item and $item inside a fan-out', async () => {
    expect(await compileValue('${{ item * 10 + $index }}')(scope({ item: 4, index: 1 }))).toBe(41);
  });

  it('turns no match into null and objects into plain JSON', async () => {
    expect(await compileValue('${{ inputs.nope }}')(scope())).toBeNull();
    expect(toPlain(undefined)).toBeNull();
  });
});

describe('collectRefs', () => {
  it('finds nodes, inputs, secrets and env with offsets', () => {
    const r = collectRefs('nodes.fetch.output & inputs.name & secrets.TOKEN & env.HOME');
    expect([...r.nodes.keys()]).toEqual(['fetch']);
    expect([...r.inputs.keys()]).toEqual(['name']);
    expect([...r.secrets.keys()]).toEqual(['TOKEN']);
    expect([...r.env.keys()]).toEqual(['HOME']);
    expect(r.usesItem).toBe(false);
  });

  it('reads $$.nodes.x like nodes.x, and backticked ids', () => {
    expect([...collectRefs('$$.nodes.x.output').nodes.keys()]).toEqual(['x']);
    expect([...collectRefs('nodes.`my-node`.output').nodes.keys()]).toEqual(['my-node']);
  });

  it('finds references inside predicates and function calls', () => {
    expect([...collectRefs('$sum(nodes.a.output[value > inputs.min].value)').inputs.keys()]).toEqual(['min']);
  });

  it('flags item/index and dynamic node access', () => {
    expect(collectRefs('item.name').usesItem).toBe(true);
    expect(collectRefs('$index + 1').usesItem).toBe(true);
    expect(collectRefs('$lookup(nodes, "a")').dynamicNodes).toBe(true);
  });

  it('does not mistake a field named item or index for the fan-out item', () => {
    expect(collectRefs('inputs.item & inputs.index').usesItem).toBe(false);
    expect(collectRefs('nodes.a.output.item').usesItem).toBe(false);
    expect(collectRefs('nodes.a.output[$index > 1]').usesItem).toBe(true);
    expect(collectRefs('nodes.a.output.$item').usesItem).toBe(true);
  });

  it('throws on bad syntax', () => {
    expect(() => collectRefs('1 +')).toThrow(ExpressionSyntaxError);
  });
});

describe('collectExpressions and compileExpression', () => {
  it('lists every expression with its JSON path, including errors', () => {
    const found = collectExpressions({ a: ['${{ x }}', 'y'], b: { c: 'p ${{ 1 + }}' } });
    expect(found.map((e) => [e.path, e.source, e.error?.name])).toEqual([
      [['a', 0], 'x', undefined],
      [['b', 'c'], 'p ${{ 1 + }}', 'ExpressionSyntaxError'],
    ]);
  });

  it('caches compiled expressions by source', () => {
    expect(compileExpression('1 + 1')).toBe(compileExpression('1 + 1'));
  });
});

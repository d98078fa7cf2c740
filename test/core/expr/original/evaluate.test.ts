import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateOriginalBool,
  evaluateOriginalValue,
  goFormat,
  legacyNumericCondition,
  OriginalExpressionError,
  OriginalSyntaxError,
  originalNodeRefs,
  type OriginalScope,
} from '../../../../src/core/expr/original/index.js';

const NOW = new Date('2024-06-01T12:00:00Z');

function scope(over: Partial<OriginalScope> = {}): OriginalScope {
  return { input: null, variables: {}, context: {}, nodeResults: {}, now: () => NOW, ...over };
}
const bool = (expr: string, over: Partial<OriginalScope> = {}) => evaluateOriginalBool(expr, scope(over));
const value = (expr: string, over: Partial<OriginalScope> = {}) => evaluateOriginalValue(expr, scope(over));

describe('tested examples of the original (reference §4)', () => {
  it.each([
    ['10 + 5 * 2 - 3', 17],
    ['2 * (3 + (4 * 5))', 46],
    ['10 % 3', 1],
    ['pow(2, 3)', 8],
    ['round(3.5)', 4],
    ['5 + 3', 8],
    ['10 - 3', 7],
    ['20 / 4', 5],
    ['-5', -5],
    ['+5', 5],
    ['(5 + 3) * 2', 16],
    ['((5 + 3) * 2) / 4', 4],
    ['(((10)))', 10],
    ['sqrt(16)', 4],
    ['abs(-5)', 5],
    ['floor(3.7)', 3],
    ['ceil(3.2)', 4],
    ['min(5, 3)', 3],
    ['max(5, 3)', 5],
    ['1e14', 1e14],
  ])('%s = %s', (expr, want) => {
    expect(value(expr)).toBe(want);
  });

  it('node references', () => {
    const nodeResults = {
      node1: { value: 150, output: { status: 200, data: 'success' } },
      node2: { value: 50 },
      log: { value: 'ERROR: Connection failed' },
    };
    expect(bool('node.node1.output.status == 200', { nodeResults })).toBe(true);
    expect(bool('node.node1.value > 100', { nodeResults })).toBe(true);
    expect(bool('node.node1.value > node.node2.value', { nodeResults })).toBe(true);
    expect(bool("node.node1.output.data == 'success'", { nodeResults })).toBe(true);
    expect(bool("contains(node.log.value, 'ERROR')", { nodeResults })).toBe(true);
    expect(bool("contains(node.log.value, 'SUCCESS')", { nodeResults })).toBe(false);
  });

  it('shorthand comparisons on the input', () => {
    expect(bool('>100 && <200', { input: 150 })).toBe(true);
    expect(bool('>100 || <50', { input: 75 })).toBe(false);
    for (const [expr, input, want] of [
      ['>100', 150, true],
      ['>100', 50, false],
      ['<100', 50, true],
      ['==100', 100, true],
      ['!=100', 50, true],
      ['!=100', 100, false],
      ['>=100', 100, true],
      ['<=100', 150, false],
    ] as const) {
      expect(bool(expr, { input })).toBe(want);
    }
  });

  it('shorthand unwraps nested value keys of a map input', () => {
    expect(bool('>=18', { input: { value: { value: 21 }, condition_met: true } })).toBe(true);
    expect(bool('>=18', { input: { value: 12 } })).toBe(false);
  });

  it('array and math value functions on users', () => {
    const input = {
      users: [
        { age: 30, score: 85.5 },
        { age: 25, score: 92.3 },
        { age: 35, score: 78.9 },
      ],
    };
    expect(value('avg(map(item.users, item.age))', { input })).toBe(30);
    expect(value('sum(map(item.users, item.score))', { input })).toBe(256.70000000000005);
    expect(value('round(avg(map(item.users, item.score)))', { input })).toBe(86);
    expect(value('sort(map(item.users, item.age))', { input })).toEqual([25, 30, 35]);
    expect(value('slice(map(item.users, item.age), 0, 2)', { input })).toEqual([30, 25]);
  });

  it('variables, booleans and nulls', () => {
    const variables = { counter: 150, enabled: true, name: 'test', nullVar: null, a: 10, b: 5, c: 2, foo: 3 };
    expect(bool('variables.counter > 100 && variables.enabled', { variables })).toBe(true);
    expect(bool("variables.name == 'test'", { variables })).toBe(true);
    expect(bool('variables.enabled == true', { variables })).toBe(true);
    expect(bool('isNull(variables.nullVar)', { variables })).toBe(true);
    expect(bool('isNull(variables.counter)', { variables })).toBe(false);
    expect(value('(variables.a + variables.b) * variables.c', { variables })).toBe(30);
    expect(value('pow(variables.foo, 2)', { variables })).toBe(9);
    const nodeResults = { a: { value: 10 }, b: { value: 5 }, n1: { value: null }, n2: { value: null } };
    expect(
      bool('(node.a.value + (node.b.value * 5)) > pow(variables.foo, 2)', { variables, nodeResults }),
    ).toBe(true);
    expect(bool('(node.a.value + 5) > 10 && node.b.value < 10', { nodeResults })).toBe(true);
    expect(bool('node.n1.value == node.n2.value', { nodeResults })).toBe(true);
    expect(bool('node.n1.value != node.a.value', { nodeResults })).toBe(true);
    expect(bool('true && false')).toBe(false);
    expect(bool('!true')).toBe(false);
    expect(bool('!false')).toBe(true);
  });
});

describe('comparison rules', () => {
  it('== coerces numeric strings, then compares strings, then booleans', () => {
    expect(bool("'100' == 100")).toBe(true);
    expect(bool("'1e2' == 100")).toBe(true);
    expect(bool("'abc' == 'abc'")).toBe(true);
    expect(bool("true == 'true'")).toBe(false);
    expect(bool('null == null')).toBe(true);
    expect(bool('null != 0')).toBe(true);
  });
  it('ordering compares numbers and times only', () => {
    expect(bool("'b' > 'a'")).toBe(false);
    expect(bool("'10' > 9")).toBe(true);
    expect(bool("parseDate('2024-01-20') > parseDate('2024-01-15T10:30:00Z')")).toBe(true);
    expect(bool("now() > '2024-01-01T00:00:00Z'")).toBe(true);
  });
  it('a comparison whose operand does not resolve is false, not an error', () => {
    expect(bool('item.missing > 5', { input: { a: 1 } })).toBe(false);
    expect(bool('!(item.missing > 5)', { input: { a: 1 } })).toBe(true);
    expect(bool('variables.nope == 1')).toBe(false);
  });
  it('operators inside string literals stay text (the original split them)', () => {
    expect(bool("item.s == 'a || b'", { input: { s: 'a || b' } })).toBe(true);
    expect(bool("'x==y' == item.s", { input: { s: 'x==y' } })).toBe(true);
    expect(value("item.ok ? 'yes: a ? b' : 'no'", { input: { ok: true } })).toBe('yes: a ? b');
  });
});

describe('references and paths', () => {
  const input = { name: 'Ada', tags: ['x', 'y'], profile: { verified: true }, users: [{ name: 'Bo' }] };
  it('input, item, bare fields, indexes, .length', () => {
    expect(value('input.name', { input })).toBe('Ada');
    expect(value('item.profile.verified', { input })).toBe(true);
    expect(value('profile.verified', { input })).toBe(true);
    expect(value('users[0].name', { input })).toBe('Bo');
    expect(value('item.tags.length', { input })).toBe(2);
    expect(value('name.length', { input })).toBe(3);
    expect(() => value('item.tags[5]', { input })).toThrow(/out of bounds/);
  });
  it('bare identifiers fall back to variables (loop bindings)', () => {
    expect(value('accumulator + item', { input: 5, variables: { accumulator: 10, item: 5 } })).toBe(15);
    expect(value('index * 2', { input: { a: 1 }, variables: { index: 3 } })).toBe(6);
  });
  it('context and node ids with dashes', () => {
    expect(value('context.max * 2', { context: { max: 21 } })).toBe(42);
    expect(value('node.http-1.status', { nodeResults: { 'http-1': { status: 200 } } })).toBe(200);
    expect(() => value('context.nope')).toThrow(/context variable not found: nope/);
    expect(() => value('node.zz.value')).toThrow(/node result not found: zz/);
  });
  it('methods', () => {
    expect(value('item.name.toUpperCase()', { input })).toBe('ADA');
    expect(bool("item.tags.includes('y')", { input })).toBe(true);
    expect(value("item.tags.join(', ')", { input })).toBe('x, y');
    expect(value("'a-b-c'.split('-')")).toEqual(['a', 'b', 'c']);
    expect(value("'aXbX'.replace('X', '_')")).toBe('a_b_');
    expect(value('item.tags.last()', { input })).toBe('y');
    expect(bool("item.name.startsWith('A') && item.name.endsWith('a')", { input })).toBe(true);
    expect(() => value('item.name.nope()', { input })).toThrow(/unknown method: nope/);
  });
});

describe('value functions and dates', () => {
  it('array functions', () => {
    const variables = { a: [3, 'b', 1, 'a', 2], n: [[1, [2]], 3], d: [1, 1, '1', 2] };
    expect(value('sort(variables.a)', { variables })).toEqual([1, 2, 3, 'a', 'b']);
    expect(value('slice(variables.a, -2)', { variables })).toEqual(['a', 2]);
    expect(value('flatten(variables.n)', { variables })).toEqual([1, 2, 3]);
    expect(value('unique(variables.d)', { variables })).toEqual([1, 2]);
    expect(value('zip(variables.n, variables.d)', { variables })).toEqual([
      [[1, [2]], 1],
      [3, 1],
    ]);
    expect(value('sample(variables.a, 2)', { variables })).toEqual([3, 'b']);
    expect(value('reverse(variables.d)', { variables })).toEqual([2, '1', 1, 1]);
    expect(value('round(variables.r)', { variables: { r: [1.5, -2.5] } })).toEqual([2, -3]);
    expect(value('avg(1, 2, 3, 4)')).toBe(2.5);
    expect(value('max(variables.r)', { variables: { r: [1.5, -2.5] } })).toBe(1.5);
    expect(() => value('avg(variables.e)', { variables: { e: [] } })).toThrow(/empty/);
  });
  it('dates read the injected clock and answer in UTC', () => {
    expect(value('now()')).toBe('2024-06-01T12:00:00Z');
    expect(value("toEpoch('2024-01-15T10:30:00Z')")).toBe(1705314600);
    expect(value("toEpochMillis('2024-01-15T10:30:00.123456789Z')")).toBe(1705314600123);
    expect(value('fromEpoch(1705314600)')).toBe('2024-01-15T10:30:00Z');
    expect(value("dateDiff('2024-01-02', '2024-01-01')")).toBe(86400);
    expect(value("dateAdd('2024-01-01 00:00:00', 90)")).toBe('2024-01-01T00:01:30Z');
    expect(value("year('Mon, 15 Jan 2024 10:30:00 UTC')")).toBe(2024);
    expect(value("month('15 Jan 24 10:30 UTC')")).toBe(1);
    expect(value("hour('2024-01-15T10:30:00+02:00')")).toBe(8);
    expect(value("day('2024-01-15')")).toBe(15);
    expect(value("minute('2024-01-15T10:30:00')")).toBe(30);
    expect(() => value("parseDate('not a date')")).toThrow(/unable to parse/);
    expect(() => value("parseDate('2024-02-30')")).toThrow(/unable to parse/);
  });
  it('coalesce and isNull treat an unresolved reference as null', () => {
    expect(value("coalesce(item.nick, item.name, 'x')", { input: { name: 'Ada' } })).toBe('Ada');
    expect(bool('isNull(item.nick)', { input: { name: 'Ada' } })).toBe(true);
    expect(() => bool('year(now())')).toThrow(/did not return a boolean/);
  });
  it('ternary', () => {
    expect(value("item.age >= 18 ? 'adult' : 'minor'", { input: { age: 20 } })).toBe('adult');
    expect(value("item.age >= 18 ? 'adult' : 'minor'", { input: { age: 2 } })).toBe('minor');
    expect(value('item.x > 1 ? item.x * 2 : 0', { input: { x: 4 } })).toBe(8);
  });
  it('comparisons in the value entry give booleans', () => {
    expect(value('item.age >= 18', { input: { age: 20 } })).toBe(true);
  });
});

describe('errors', () => {
  it.each(['(5 + 3', '5 + 3)', '5 # 3', '', '+', "'abc", 'a < b < c', 'a = b'])(
    '%j does not parse',
    (expr) => {
      expect(() => value(expr, { variables: { a: 1, b: 2, c: 3 } })).toThrow(OriginalSyntaxError);
    },
  );
  it('division and modulo by zero', () => {
    expect(() => value('10 / 0')).toThrow('division by zero');
    expect(() => value('10 % 0.5')).toThrow('modulo by zero');
    expect(bool('10 / 0 > 1')).toBe(false);
  });
  it('arithmetic is float only: strings do not concatenate', () => {
    expect(() => value("item.a + 'x'", { input: { a: 'b' } })).toThrow(OriginalExpressionError);
    expect(value("'2' * 3")).toBe(6);
  });
  it('% truncates both sides like Go', () => {
    expect(value('7.9 % 3.2')).toBe(1);
    expect(value('-7 % 3')).toBe(-1);
  });
});

describe('helpers', () => {
  it('originalNodeRefs', () => {
    expect(originalNodeRefs('pow(node.n1.value, 2) + node.n2.value > node.n1.x')).toEqual(['n1', 'n2']);
    expect(originalNodeRefs('variables.x > 100')).toEqual([]);
  });
  it('legacyNumericCondition', () => {
    expect(legacyNumericCondition('>10', 15)).toBe(true);
    expect(legacyNumericCondition('>10', { value: 5 })).toBe(false);
    expect(legacyNumericCondition('item > 10', 15)).toBe(false);
  });
  it('goFormat prints like Go %v', () => {
    expect(goFormat(1000000)).toBe('1e+06');
    expect(goFormat(1234567)).toBe('1.234567e+06');
    expect(goFormat(123456)).toBe('123456');
    expect(goFormat(0.0001)).toBe('0.0001');
    expect(goFormat(0.00001)).toBe('1e-05');
    expect(goFormat(1.5)).toBe('1.5');
    expect(goFormat(null)).toBe('<nil>');
    expect(goFormat([1, 'a', true])).toBe('[1 a true]');
    expect(goFormat({ b: 2, a: [1] })).toBe('map[a:[1] b:2]');
  });
});

describe('property: arithmetic matches a reference computation', () => {
  type Tree = { op: '+' | '-' | '*'; l: Tree; r: Tree } | number;
  const leaf = fc.integer({ min: -1000, max: 1000 });
  const tree: fc.Arbitrary<Tree> = fc.letrec<{ t: Tree }>((tie) => ({
    t: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ op: fc.constantFrom('+', '-', '*'), l: tie('t'), r: tie('t') }),
    ),
  })).t;
  const show = (t: Tree): string =>
    typeof t === 'number' ? (t < 0 ? `(${t})` : `${t}`) : `(${show(t.l)} ${t.op} ${show(t.r)})`;
  const calc = (t: Tree): number => {
    if (typeof t === 'number') return t;
    const a = calc(t.l);
    const b = calc(t.r);
    return t.op === '+' ? a + b : t.op === '-' ? a - b : a * b;
  };
  it('fully parenthesised trees', () => {
    fc.assert(fc.property(tree, (t) => Object.is(value(show(t)), calc(t)) || value(show(t)) === calc(t)));
  });
  it('precedence without parentheses: a + b * c - d / e', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        (a, b, c, d, e) => {
          const variables = { a };
          expect(value(`variables.a + ${b} * ${c} - ${d} / ${e}`, { variables })).toBe(a + b * c - d / e);
        },
      ),
    );
  });
});

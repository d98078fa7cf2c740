/**
 * compileExpression cuts the prototype chain of JSONata's AST tokens to save memory. This
 * differential test evaluates a broad set of expressions both ways — with a plain `jsonata()`
 * compile and through compileExpression — and requires identical results and errors.
 */
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { compileExpression, toPlain } from '../../../src/core/expr/jsonata.js';

const input = {
  inputs: { n: 4, name: 'Ada', tags: ['a', 'b', 'c'], flag: true },
  nodes: {
    fetch: {
      output: {
        body: {
          items: [
            { name: 'x', price: 3, qty: 2 },
            { name: 'y', price: 5, qty: 1 },
            { name: 'z', price: 1, qty: 7 },
          ],
        },
      },
    },
    'b-c': { output: [1, 2, 3] },
  },
  item: { id: 7, tags: ['q'] },
  index: 2,
};

const EXPRESSIONS = [
  '1 + 2 * 3 - 4 / 2 % 3',
  'inputs.n * 2',
  '"Hello, " & inputs.name & "!"',
  'inputs.flag ? "yes" : "no"',
  'inputs.tags[1]',
  'inputs.tags[-1]',
  'inputs.tags[[0..1]]',
  '$count(inputs.tags)',
  'nodes.fetch.output.body.items.name',
  'nodes.fetch.output.body.items[price > 2].name',
  '$sum(nodes.fetch.output.body.items.(price * qty))',
  'nodes.fetch.output.body.items^(>price).name',
  'nodes.fetch.output.body.items{name: price}',
  'nodes.fetch.output.body.items.{"n": name, "total": price * qty}',
  'nodes.`b-c`.output[$ > 1]',
  '$map(nodes.`b-c`.output, function($v, $i) { $v * $i })',
  '$reduce(nodes.`b-c`.output, function($a, $v) { $a + $v }, 10)',
  '$filter(inputs.tags, function($t) { $t != "b" })',
  '( $x := 5; $y := $x * 2; $x + $y )',
  '$string({"a": [1, 2, {"b": null}]})',
  '$join(inputs.tags, "-")',
  '$uppercase($substring(inputs.name, 0, 2))',
  '$exists(nodes.missing.output)',
  'nodes.missing.output',
  '$keys(nodes)',
  '$lookup(nodes, "b-c").output',
  'item.tags[0] & $string(index)',
  '$$.inputs.n',
  'nodes.fetch.output.body.items[0].price in [1, 3]',
  '$number("12") + $round(2.567, 1)',
  'inputs.tags#$i[$i > 0]',
  'nodes.fetch.output.body.items@$it.($it.name)',
  '$type(inputs.flag) & $type(inputs.tags)',
  '$sort(nodes.fetch.output.body.items, function($a, $b) { $a.price < $b.price }).name',
  '$merge([{"a": 1}, {"b": 2}])',
  '$each({"a": 1, "b": 2}, function($v, $k) { $k & $v })',
  '$split("a,b,c", ",")[1]',
  '$match("abc123", /[0-9]+/).match',
  '$replace("hello", "l", "L")',
  '$number("x")',
  '1 +',
  'unknownFn()',
  '$undefinedFunction(1)',
  '"a" + 1',
];

async function outcome(evaluate: () => Promise<unknown>): Promise<unknown> {
  try {
    return { value: toPlain(await evaluate()) };
  } catch (err) {
    // ExpressionSyntaxError carries JSONata's code as jsonataCode.
    const e = err as { code?: string; jsonataCode?: string; message?: string };
    return { error: e.jsonataCode ?? e.code ?? e.message };
  }
}

describe('compileExpression keeps JSONata semantics after detaching the AST', () => {
  for (const source of EXPRESSIONS) {
    it(source, async () => {
      const plain = await outcome(async () =>
        jsonata(source).evaluate(input, { item: input.item, index: input.index }),
      );
      const ours = await outcome(async () =>
        compileExpression(source).evaluate(input, { item: input.item, index: input.index }),
      );
      expect(ours).toEqual(plain);
    });
  }

  it('evaluates the same compiled expression repeatedly with different inputs', async () => {
    const e = compileExpression('$sum(xs) * k');
    expect(await e.evaluate({ xs: [1, 2], k: 2 })).toBe(6);
    expect(await e.evaluate({ xs: [5], k: 3 })).toBe(15);
  });
});

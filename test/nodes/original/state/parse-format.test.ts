/** original/parse and original/format: the original's detection, typing and Go encoding. */
import { describe, expect, it } from 'vitest';
import { format } from '../../../../src/nodes/original/state/format.js';
import { detectFormat, parse } from '../../../../src/nodes/original/state/parse.js';
import { failure } from '../../../helpers/failure.js';
import { run } from '../helpers.js';

describe('original/parse', () => {
  it.each<[string, string]>([
    ['{"a":1}', 'JSON'],
    [' [1, 2] ', 'JSON'],
    ['{not json}', 'JSON'],
    ['<a>1</a>', 'XML'],
    ['name: Ada\nage: 36', 'YAML'],
    ['name: Ada', 'JSON'],
    ['a,b\n1,2', 'CSV'],
    ['a\tb\n1\t2', 'TSV'],
    ['a,b', 'JSON'],
    ['42', 'JSON'],
    ['', 'JSON'],
  ])('AUTO detects %j as %s', (text, type) => {
    expect(detectFormat(text)).toBe(type);
  });

  it.each<[unknown, unknown]>([
    ['{"a": [1, 2.5, "x"], "b": {"c": null}}', { a: [1, 2.5, 'x'], b: { c: null } }],
    ['true', true],
    [' false ', false],
    ['null', null],
    ['42', 42],
    ['-1.5e3', -1500],
    ['"quoted"', 'quoted'],
    [7, 7],
    [true, true],
  ])('JSON (AUTO) of %j → %j', async (input, expected) => {
    expect(await run(parse, { inputs: [input] })).toEqual(expected);
  });

  it('CSV: objects from the header row, cells typed, missing cells null, empty lines skipped', async () => {
    const text = 'name, age, admin, note\nAda, 36, true, null\n\nAlan,41.5,false,"x, y"';
    expect(await run(parse, { input_type: 'csv', inputs: [text] })).toEqual([
      { name: 'Ada', age: 36, admin: true, note: null },
      { name: 'Alan', age: 41.5, admin: false, note: 'x, y' },
    ]);
    expect(await run(parse, { input_type: 'CSV', inputs: ['a,b'] })).toEqual([]);
    expect(await run(parse, { input_type: 'CSV', inputs: [''] })).toEqual([]);
  });

  it('TSV, detected', async () => {
    expect(await run(parse, { inputs: ['a\tb\n1\thi'] })).toEqual([{ a: 1, b: 'hi' }]);
  });

  it('YAML is flat key: value lines only (comments skipped, values typed)', async () => {
    expect(
      await run(parse, {
        inputs: ['# config\nname: demo\nreplicas: 3\nurl: http://x:80\nnested:\n  child: 1'],
      }),
    ).toEqual({
      name: 'demo',
      replicas: 3,
      url: 'http://x:80',
      nested: '',
      child: 1,
    });
  });

  it('XML gives {root: its own text}, typed', async () => {
    expect(await run(parse, { inputs: ['<count>42</count>'] })).toEqual({ count: 42 });
    expect(
      await run(parse, { inputs: ['<?xml version="1.0"?>\n<msg lang="en">a &amp; b<b>x</b>!</msg>'] }),
    ).toEqual({
      msg: 'a & b!', // only the root's own text: the child's is not chardata of the root
    });
    expect(await run(parse, { input_type: 'xml', inputs: ['<ns:empty/>'] })).toEqual({ empty: '' });
  });

  it('a map input is stringified as Go JSON first', async () => {
    expect(await run(parse, { input_type: 'JSON', inputs: [{ b: 1, a: [true] }] })).toEqual({
      a: [true],
      b: 1,
    });
  });

  it.each<[Record<string, unknown>, string]>([
    [{}, 'parse node requires input'],
    [{ input_type: 'JSON', inputs: ['{bad'] }, 'invalid JSON: '],
    [{ input_type: 'JSON', inputs: [''] }, 'invalid JSON: EOF'],
    [{ input_type: 'CSV', inputs: ['a,b\n1,2,3'] }, 'invalid CSV/TSV: '],
    [{ input_type: 'YAML', inputs: ['just words'] }, 'no valid YAML key-value pairs found'],
    [{ input_type: 'XML', inputs: ['<a><b></a>'] }, 'invalid XML: unknown type map[string]interface {}'],
    [{ input_type: 'XML', inputs: ['plain'] }, 'invalid XML: unknown type map[string]interface {}'],
    [
      { input_type: 'toml', inputs: ['a = 1'] },
      'unsupported input type: TOML (supported: AUTO, JSON, CSV, TSV, YAML, XML)',
    ],
  ])('%j fails starting %j', async (options, message) => {
    const f = await failure(run(parse, options));
    expect(f.code).toMatch(/^original\./);
    expect(f.message.startsWith(message)).toBe(true);
  });
});

describe('original/format', () => {
  it('JSON like Go: sorted keys, HTML characters escaped, pretty with 2 spaces', async () => {
    expect(await run(format, { output_type: 'JSON', inputs: [{ b: '<a&b>', a: [1, 2.5, null] }] })).toBe(
      '{"a":[1,2.5,null],"b":"\\u003ca\\u0026b\\u003e"}',
    );
    expect(await run(format, { inputs: [{ z: 1, a: { y: true } }], pretty_print: true })).toBe(
      '{\n  "a": {\n    "y": true\n  },\n  "z": 1\n}',
    );
    expect(await run(format, { output_type: 'json', inputs: ['text'] })).toBe('"text"');
  });

  it('CSV: headers are the sorted union of keys, integral numbers without decimals', async () => {
    const rows = [
      { name: 'Ada', age: 36, score: 9.5 },
      { name: 'Alan, T', age: 41, admin: true, tags: ['a'] },
    ];
    expect(await run(format, { output_type: 'CSV', inputs: [rows] })).toBe(
      'admin,age,name,score,tags\n,36,Ada,9.5,\ntrue,41,"Alan, T",,"[""a""]"\n',
    );
    expect(
      await run(format, { output_type: 'csv', include_headers: false, delimiter: ';x', inputs: [rows[0]] }),
    ).toBe('36;Ada;9.5\n');
    expect(await run(format, { output_type: 'TSV', inputs: [[{ a: 1e21, b: ' lead' }]] })).toBe(
      'a\tb\n1e+21\t" lead"\n',
    );
    expect(await run(format, { output_type: 'CSV', inputs: [[]] })).toBe('');
  });

  it.each<[Record<string, unknown>, string]>([
    [{}, 'format node requires input'],
    [
      { output_type: 'CSV', inputs: [[1]] },
      'CSV formatting requires array of objects, got array element of type float64',
    ],
    [
      { output_type: 'CSV', inputs: ['x'] },
      'CSV formatting requires array of objects or single object, got string',
    ],
    [{ output_type: 'XML', inputs: [1] }, 'unsupported output type: XML (supported: JSON, CSV, TSV)'],
  ])('%j fails: %s', async (options, message) => {
    expect((await failure(run(format, options))).message).toBe(message);
  });

  it('round trip: format CSV then parse it gives the rows back', async () => {
    const rows = [
      { a: 1, b: 'x, "q"', c: true },
      { a: 2.5, b: 'y', c: false },
    ];
    const text = await run(format, { output_type: 'CSV', inputs: [rows] });
    expect(await run(parse, { input_type: 'CSV', inputs: [text] })).toEqual(rows);
  });
});

import { describe, expect, it } from 'vitest';
import { format, type FormatOptions } from '../../src/nodes/format.js';
import { parse } from '../../src/nodes/parse.js';
import type { NodeFailure } from '../../src/nodes/types.js';
import { makeTestContext } from '../helpers/node-context.js';

const run = (options: FormatOptions) => format.execute(options, makeTestContext());

describe('format', () => {
  it.each<[string, FormatOptions, string]>([
    ['json, indented by default', { format: 'json', value: { a: [1] } }, '{\n  "a": [\n    1\n  ]\n}'],
    ['json, one line with indent 0', { format: 'json', value: { a: [1, 'x'] }, indent: 0 }, '{"a":[1,"x"]}'],
    ['json scalar', { format: 'json', value: 'x' }, '"x"'],
    ['json missing value is null', { format: 'json', value: undefined }, 'null'],
    ['yaml mapping', { format: 'yaml', value: { name: 'demo', tags: ['a'] } }, 'name: demo\ntags:\n  - a\n'],
    ['yaml indent', { format: 'yaml', value: { a: { b: 1 } }, indent: 4 }, 'a:\n    b: 1\n'],
    [
      'yaml quotes strings that look like other types',
      { format: 'yaml', value: { a: 'true', b: '1' } },
      'a: "true"\nb: "1"\n',
    ],
    [
      'csv from objects',
      {
        format: 'csv',
        value: [
          { id: 1, name: 'Ada' },
          { id: 2, name: 'Linus' },
        ],
      },
      'id,name\n1,Ada\n2,Linus\n',
    ],
    ['csv columns are the union of keys', { format: 'csv', value: [{ a: 1 }, { b: 2 }] }, 'a,b\n1,\n,2\n'],
    [
      'csv picks and orders columns',
      { format: 'csv', value: [{ a: 1, b: 2, c: 3 }], columns: ['c', 'a'] },
      'c,a\n3,1\n',
    ],
    [
      'csv renames columns',
      { format: 'csv', value: [{ a: 1 }], columns: [{ key: 'a', header: 'A' }] },
      'A\n1\n',
    ],
    ['csv without header', { format: 'csv', value: [{ a: 1 }], header: false }, '1\n'],
    [
      'csv from arrays',
      {
        format: 'csv',
        value: [
          [1, 2],
          [3, 4],
        ],
      },
      '1,2\n3,4\n',
    ],
    [
      'csv from arrays with header labels',
      { format: 'csv', value: [[1, 2, 3]], columns: ['x', 'y'] },
      'x,y\n1,2,3\n',
    ],
    [
      'csv delimiter and quoting',
      { format: 'csv', value: [{ a: 'x;y', b: 'say "hi"' }], delimiter: ';' },
      'a;b\n"x;y";"say ""hi"""\n',
    ],
    [
      'csv booleans, nulls and nested values',
      { format: 'csv', value: [{ t: true, f: false, n: null, o: { k: 1 } }] },
      't,f,n,o\ntrue,false,,"{""k"":1}"\n',
    ],
    ['csv empty', { format: 'csv', value: [] }, ''],
    ['csv empty with columns writes the header', { format: 'csv', value: [], columns: ['a'] }, 'a\n'],
  ])('%s', async (_name, options, expected) => {
    expect(await run(options)).toBe(expected);
  });

  it.each<[string, unknown, string]>([
    ['an object', { a: 1 }, 'got object'],
    ['scalars in an array', [1, 2], 'got an array holding number'],
    ['mixed rows', [{ a: 1 }, [1]], 'got an array holding object and array'],
    ['null', null, 'got null'],
  ])('csv refuses %s with format.not-rows', async (_name, value, said) => {
    const err = await run({ format: 'csv', value }).catch((e: unknown) => e as NodeFailure);
    expect(err).toMatchObject({ code: 'format.not-rows' });
    expect((err as Error).message).toContain(said);
  });

  it.each<[FormatOptions, string]>([
    [{ format: 'json', value: 1, columns: ['a'] }, 'columns'],
    [{ format: 'yaml', value: 1, indent: 0 }, 'indent'],
  ])('rejects options that do not fit the format', async (options, named) => {
    const err = await run(options).catch((e: unknown) => e as NodeFailure);
    expect(err).toMatchObject({ code: 'invalid-options' });
    expect((err as Error).message).toContain(named);
  });

  // format then parse gives the data back (CSV fields come back as strings without cast).
  it.each<[FormatOptions['format'], unknown]>([
    ['json', { a: [1, { b: null }], c: 'x' }],
    ['yaml', { a: [1, { b: null }], c: 'true', d: '', e: 'multi\nline' }],
    [
      'csv',
      [
        { a: '1', b: 'x,y' },
        { a: '2', b: '"q"' },
      ],
    ],
  ])('%s round-trips through parse', async (fmt, value) => {
    const text = await run({ format: fmt, value });
    expect(await parse.execute({ format: fmt, input: text }, makeTestContext())).toEqual(value);
  });
});

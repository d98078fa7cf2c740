import { describe, expect, it } from 'vitest';
import { parse, type ParseOptions } from '../../src/nodes/parse.js';
import { NodeFailure } from '../../src/nodes/types.js';
import { makeTestContext } from '../helpers/node-context.js';

const run = (options: ParseOptions) => parse.execute(options, makeTestContext());
const failure = (options: ParseOptions) =>
  run(options).then(
    () => undefined,
    (e: unknown) => e as NodeFailure,
  );

describe('parse', () => {
  it.each<[string, ParseOptions, unknown]>([
    // json
    ['json object', { format: 'json', input: '{"a": [1, 2.5, null, true]}' }, { a: [1, 2.5, null, true] }],
    ['json scalar', { format: 'json', input: ' "x" ' }, 'x'],
    // yaml
    [
      'yaml mapping',
      { format: 'yaml', input: 'name: demo\nreplicas: 3\ntags: [a, b]\n' },
      { name: 'demo', replicas: 3, tags: ['a', 'b'] },
    ],
    ['yaml empty document is null', { format: 'yaml', input: '' }, null],
    [
      'yaml 1.2: yes/on stay strings',
      { format: 'yaml', input: 'a: yes\nb: on\nc: true\n' },
      { a: 'yes', b: 'on', c: true },
    ],
    ['yaml dates stay strings', { format: 'yaml', input: 'd: 2024-01-02\n' }, { d: '2024-01-02' }],
    [
      'yaml .inf/.nan stay strings (not JSON numbers)',
      { format: 'yaml', input: 'a: .inf\nb: .nan\n' },
      { a: '.inf', b: '.nan' },
    ],
    ['yaml aliases expand', { format: 'yaml', input: 'a: &x [1]\nb: *x\n' }, { a: [1], b: [1] }],
    ['yaml core tags allowed', { format: 'yaml', input: 'a: !!str 12\n' }, { a: '12' }],
    // csv
    [
      'csv with header → objects',
      { format: 'csv', input: 'id,name\n1,Ada\n2,Linus\n' },
      [
        { id: '1', name: 'Ada' },
        { id: '2', name: 'Linus' },
      ],
    ],
    [
      'csv without header → arrays',
      { format: 'csv', input: 'a,b\n1,2', header: false },
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['csv cast numbers', { format: 'csv', input: 'n,s\n1.5,x\n', cast: true }, [{ n: 1.5, s: 'x' }]],
    ['csv delimiter', { format: 'csv', input: 'a;b\n1;2\n', delimiter: ';' }, [{ a: '1', b: '2' }]],
    [
      'csv quoted fields',
      { format: 'csv', input: 'a,b\n"x, y","say ""hi"""\n' },
      [{ a: 'x, y', b: 'say "hi"' }],
    ],
    ['csv skips empty lines by default', { format: 'csv', input: 'a\n\n1\n\n' }, [{ a: '1' }]],
    ['csv strips a BOM', { format: 'csv', input: '\uFEFFa\n1\n' }, [{ a: '1' }]],
    ['csv empty input', { format: 'csv', input: '' }, []],
    ['csv header only', { format: 'csv', input: 'a,b\n' }, []],
  ])('%s', async (_name, options, expected) => {
    expect(await run(options)).toEqual(expected);
  });

  it.each<[string, ParseOptions, { line?: number; column?: number; reason?: string }]>([
    [
      'json syntax error with position',
      { format: 'json', input: '{\n  "a": 1\n  "b": 2\n}' },
      { line: 3, column: 3 },
    ],
    ['json empty input', { format: 'json', input: '' }, {}],
    ['yaml bad indentation', { format: 'yaml', input: 'a: 1\nb: [1, 2\n' }, { line: 3, column: 1 }],
    ['yaml duplicate key', { format: 'yaml', input: 'a: 1\na: 2\n' }, { line: 2, reason: 'DUPLICATE_KEY' }],
    [
      'yaml several documents',
      { format: 'yaml', input: 'a: 1\n---\nb: 2\n' },
      { line: 2, reason: 'MULTIPLE_DOCS' },
    ],
    [
      'yaml custom tag',
      { format: 'yaml', input: 'x: !exec rm -rf\n' },
      { line: 1, column: 4, reason: 'TAG_RESOLVE_FAILED' },
    ],
    [
      'yaml 1.1 binary tag',
      { format: 'yaml', input: 'x: !!binary aGk=\n' },
      { line: 1, reason: 'TAG_RESOLVE_FAILED' },
    ],
    [
      'yaml recursive alias',
      { format: 'yaml', input: 'a: &a [1, *a]\n' },
      { line: 1, reason: 'RECURSIVE_ALIAS' },
    ],
    [
      'csv unclosed quote',
      { format: 'csv', input: 'a,b\n"1,2\n' },
      { line: 2, reason: 'CSV_QUOTE_NOT_CLOSED' },
    ],
    [
      'csv ragged row',
      { format: 'csv', input: 'a,b\n1,2\n3\n' },
      { line: 3, reason: 'CSV_RECORD_INCONSISTENT_COLUMNS' },
    ],
    ['csv duplicate column', { format: 'csv', input: 'a,a\n1,2\n' }, { line: 1, reason: 'DUPLICATE_COLUMN' }],
  ])('%s → parse.invalid', async (_name, options, where) => {
    const err = await failure(options);
    expect(err).toBeInstanceOf(NodeFailure);
    expect(err).toMatchObject({
      code: 'parse.invalid',
      retryable: false,
      details: { format: options.format, ...where },
    });
    if (where.line !== undefined) expect(err?.message).toContain(`at line ${where.line}`);
  });

  it('refuses a billion-laughs alias bomb', async () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [prev, name] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'e'],
    ] as const) {
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    expect(await failure({ format: 'yaml', input: levels.join('\n') })).toMatchObject({
      code: 'parse.invalid',
      details: { reason: 'ALIAS_COUNT' },
    });
  });

  it('does not echo the input in JSON error messages', async () => {
    const err = await failure({ format: 'json', input: '{"token": s3cr3t}' });
    expect(err?.message).not.toContain('s3cr3t');
  });

  it.each<[string, unknown, string]>([
    ['an already parsed object', { a: 1 }, 'object'],
    ['null', null, 'null'],
    ['a number', 12, 'number'],
  ])('fails with parse.not-string for %s', async (_name, input, received) => {
    expect(await failure({ format: 'json', input })).toMatchObject({
      code: 'parse.not-string',
      details: { received },
    });
  });

  it.each<[ParseOptions, string]>([
    [{ format: 'json', input: '1', header: false }, 'header'],
    [{ format: 'yaml', input: '1', delimiter: ';', cast: true }, 'delimiter, cast'],
  ])('rejects csv options for other formats', async (options, named) => {
    const err = await failure(options);
    expect(err).toMatchObject({ code: 'invalid-options' });
    expect(err?.message).toContain(named);
  });
});

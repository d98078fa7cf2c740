/**
 * The fast YAML path (src/core/parse/yaml-fast.ts) must give exactly what the `yaml` path
 * gives — the value and every range the source map answers — or step aside. Compared on every
 * YAML file of the repository, generated workflows and a list of edge cases.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYamlSource } from '../../src/core/parse/yaml-source.js';
import { parse as parseWithYaml } from 'yaml';
import { readYamlFast, resolvePlain } from '../../src/core/parse/yaml-fast.js';
import type { JsonPath } from '../../src/core/parse/source-map.js';
// @ts-expect-error -- the benchmark's workflow generator is plain JavaScript
import { workflowText as generate } from '../../bench/lint.js';

const workflowText = generate as (i: number, lines: number) => string;

const root = join(import.meta.dirname, '..', '..');

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name === '.git' || name === '.thaiyyal') continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yamlFiles(full, out);
    else if (/\.ya?ml$/.test(name)) out.push(full);
  }
  return out;
}

/** Every path of a JSON value, with the value there. */
function* paths(value: unknown, path: (string | number)[] = []): Generator<[JsonPath, unknown]> {
  yield [path, value];
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* paths(value[i], [...path, i]);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) yield* paths(v, [...path, k]);
}

/** Compares both paths on one text; returns whether the fast path took it. */
function compare(text: string, label: string): boolean {
  if (!readYamlFast(text, 'f.yaml')) return false;
  const fast = parseYamlSource(text, 'f.yaml');
  const slow = parseYamlSource(text, 'f.yaml', { fast: false });
  expect(fast.diagnostics, `${label}: diagnostics`).toEqual(slow.diagnostics);
  expect(fast.value, `${label}: value`).toEqual(slow.value);
  if (slow.value === undefined) return true; // refused (not JSON): the diagnostics were compared
  for (const [path, v] of paths(slow.value)) {
    const where = `${label} at ${JSON.stringify(path)}`;
    // A collection without a key (the document, an item of a list) may end differently when
    // comment lines follow it (see yaml-fast.ts): compare where it starts.
    const keyless =
      v !== null && typeof v === 'object' && (path.length === 0 || typeof path.at(-1) === 'number');
    const same = (a: { start: unknown; end: unknown }, b: { start: unknown; end: unknown }, what: string) =>
      keyless ? expect(a.start, what).toEqual(b.start) : expect(a, what).toEqual(b);
    same(fast.map.rangeOf(path), slow.map.rangeOf(path), `${where}: rangeOf`);
    expect(fast.map.keyRangeOf(path).start, `${where}: keyRangeOf`).toEqual(slow.map.keyRangeOf(path).start);
    if (!keyless)
      expect(fast.map.keyRangeOf(path), `${where}: keyRangeOf`).toEqual(slow.map.keyRangeOf(path));
    same(
      fast.map.rangeOf([...path, 'missing']),
      slow.map.rangeOf([...path, 'missing']),
      `${where}: rangeOf missing`,
    );
    same(fast.map.rangeOf([...path, 7]), slow.map.rangeOf([...path, 7]), `${where}: rangeOf [7]`);
    if (typeof v === 'string') {
      for (const [offset, length] of [
        [0, 1],
        [0, v.length],
        [Math.floor(v.length / 2), 2],
        [v.length, 0],
      ] as const) {
        expect(fast.map.rangeInString(path, offset, length), `${where}: rangeInString ${offset}`).toEqual(
          slow.map.rangeInString(path, offset, length),
        );
      }
    }
  }
  expect(fast.map.rangeAtOffset(3, 2)).toEqual(slow.map.rangeAtOffset(3, 2));
  return true;
}

const EDGE_CASES = [
  'a: 1\nb: -2.5\nc: 1e3\nd: .5\ne: 0x1F\nf: 0o17\ng: .inf\nh: -.Inf\ni: .nan\nj: ~\nk: null\nl: Null\n',
  'a: true\nb: False\nc: TRUE\nd: yes\ne: no\nf: on\ng: off\nh: y\n',
  'a: 1_000\n',
  'a: 0b101\n',
  'a: 012\n',
  'a: 1:20\n',
  'a: +1\nb: +.5\nc: 1.\nd: -0\n',
  "a: \"x\\ty \\u00e9\"\nb: 'it''s'\nc: plain text here\n",
  'a: |\n  line one\n  line two\nb: >\n  folded\n  text\n\n  para\nc: |-\n  keep\ne: x\n',
  'd: |+\n  keep\n\ne: x\n',
  'script: |\n  echo "${{ inputs.name }}"\n  exit 0\n',
  'a:\n  - 1\n  - [2, 3]\n  - {x: 1, y: [a, b]}\n  -\n  - - nested\n    - seq\n',
  'a:\nb: 1\n',
  'a: {}\nb: []\nc: {x: }\n',
  '# comment\na: 1 # trailing\n# between\nb:\n  # inside\n  c: 2\n',
  'a: multi\n  line\n  plain\nb: "multi\n  line quoted"\n',
  'a: &x 1\nb: *x\n',
  '<<: {a: 1}\nb: 2\n',
  'a: !!str 1\n',
  '? complex\n: value\n',
  '1: one\n',
  'true: yes\n',
  'a: 1\na: 2\n',
  '---\na: 1\n',
  '---\na: 1\n---\nb: 2\n',
  '%YAML 1.2\n---\na: 1\n',
  '',
  '# only a comment\n',
  '- a\n- b\n',
  'just a string\n',
  'a: "unterminated\n',
  'a:\n\tb: 1\n',
  'a: 1\r\nb:\r\n  c: two\r\n',
  'key with spaces: v\n"quoted key": v\n\'single\': v\n',
  'a: [1, 2,\n  3]\nb: {c: 1,\n  d: 2}\n',
  'a: x # c\nb: |  # header comment\n  text\n',
  'a: "é ✓ 😀"\nb: plain ✓\n',
  'url: http://example.com:8080/path?q=1#frag\n',
  'a: 2026-01-01\nb: 12:30:00\n',
  'a: -0\nb: 0o\nc: 0x\nd: 1e\ne: .\nf: -.5e-3\ng: 007\nh: +0x1\ni: 0O7\nj: 1.5E+3\n',
  '__proto__: {polluted: true}\n',
  // Found by a review's differential fuzz: each now matches, or is left to the yaml path.
  'a: b\r',
  'a: b\rc: d\n',
  '\ufeff- a\n',
  '# c\n\ufeffa: 1\n',
  'a: |1\n  x\n  \n',
  'a: |\n  y\n\t\n',
  'a: |\n   y\n  \t\n',
  'a: |\n  x\n    \nb: 1\n',
  'a: 1\n...\n...\n',
  `${'x'.repeat(1100)}: 1\n`,
  'a:   \nb: 1\n',
  '- # c\n- a\n',
  '- a # x-y\n-\n',
  '- a:\n- b\n',
  'a: b\nc:\n',
  '- [b, # ]\n  ]\n- c\n',
];

/** A random YAML document from `seed`: block and flow collections, scalars of every style, comments. */
function randomYaml(seed: number): string {
  let state = seed >>> 0 || 1;
  const rand = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const scalars = [
    'a',
    'b c',
    '1',
    '-2.5',
    '~',
    'True',
    '"q"',
    "'s'",
    '"x\\ny"',
    "'it''s'",
    'x:y',
    'http://h/p#f',
  ];
  scalars.push(
    '0x1F',
    '.inf',
    '""',
    "''",
    'é ✓',
    'x #c',
    '-x',
    '1_000',
    '"t\\tu"',
    '"multi\n  line"',
    'plain\n  more',
  );
  const keys = ['a', 'b', 'c d', '"e"', "'f'", 'g.h', 'i-j', '"k:l"', 'm_n', '$x'];
  const after = () => pick(['', '', '', ' ', ' # note', ' #a-b:c', '\t']);
  const flow = (depth: number): string => {
    if (depth > 2 || rand() < 0.4) return pick(['a', '1', '"x"', "'y'", 'b c', 'true', '']);
    const gap = () => pick(['', '', ' ', '\n  ', ' # c\n  ']);
    const n = Math.floor(rand() * 3);
    const items = Array.from({ length: n }, (_, i) =>
      rand() < 0.5 ? `${gap()}${flow(depth + 1)}${gap()}` : `${gap()}k${i}: ${flow(depth + 1)}${gap()}`,
    );
    return rand() < 0.5 ? `[${items.join(',')}]` : `{${items.filter((t) => t.includes(':')).join(',')}}`;
  };
  const value = (indent: number, depth: number): string => {
    const r = rand();
    if (r < 0.08) return `${after()}\n`;
    if (r < 0.45) return ` ${pick(scalars).replace(/\n/g, `\n${' '.repeat(indent + 2)}`)}${after()}\n`;
    if (r < 0.6) return ` ${flow(depth)}${after()}\n`;
    if (r < 0.75) {
      const lines = Array.from({ length: 1 + Math.floor(rand() * 3) }, () =>
        pick(['x', ' y', '', '# z', 'w  ', '  ', '\t']),
      );
      const body = lines.map((l) => (l === '' ? '' : ' '.repeat(indent + 2) + l)).join('\n');
      return ` ${pick(['|', '>', '|-', '>-', '|2', '|+'])}${after()}\n${body}\n${pick(['', '\n', '  \n'])}`;
    }
    return depth > 3 ? ' x\n' : `${after()}\n${block(indent + 2, depth + 1)}`;
  };
  const block = (indent: number, depth: number): string => {
    const pad = ' '.repeat(indent);
    const n = 1 + Math.floor(rand() * 3);
    const extra = () => (rand() < 0.2 ? pick(['\n', '# c\n', `${pad}# c\n`, '   \n']) : '');
    if (rand() < 0.6) {
      const used = new Set<string>();
      let out = '';
      for (let i = 0; i < n; i++) {
        const k = pick(keys);
        if (used.has(k)) continue;
        used.add(k);
        out += `${pad}${k}:${value(indent, depth)}${extra()}`;
      }
      return out;
    }
    return Array.from({ length: n }, () => `${pad}-${value(indent, depth)}${extra()}`).join('');
  };
  let text =
    pick(['', '', '---\n', '# head\n', '--- # doc\n']) + block(0, 0) + pick(['', '', '# tail\n', '\n\n']);
  if (rand() < 0.2) text = text.replace(/\n/g, '\r\n');
  return text;
}

describe('the fast YAML path', () => {
  it('gives the value and ranges of the yaml path on every YAML file of the repository', () => {
    const files = yamlFiles(root);
    expect(files.length).toBeGreaterThan(30);
    let taken = 0;
    for (const f of files) if (compare(readFileSync(f, 'utf8'), f.slice(root.length + 1))) taken++;
    // Most files are plain workflows: the fast path must not quietly give up on them.
    expect(taken / files.length).toBeGreaterThan(0.6);
  });

  it('gives the same on generated workflows, and takes every one of them', () => {
    for (let i = 0; i < 60; i++) {
      expect(compare(workflowText(i, 10 + ((i * 7) % 300)), `generated ${i}`)).toBe(true);
    }
  });

  it('gives the same on random documents, or leaves them to the yaml path', () => {
    let taken = 0;
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        if (compare(randomYaml(seed), `random document (seed ${seed})`)) taken++;
      }),
      { numRuns: 1500 },
    );
    expect(taken).toBeGreaterThan(200); // it is a test of the fast path, not of giving up
  });

  it('gives the same on edge cases, or leaves them to the yaml path', () => {
    const taken = EDGE_CASES.filter((text, i) => compare(text, `edge case ${i}: ${JSON.stringify(text)}`));
    // The plain ones are taken.
    expect(taken).toContain(EDGE_CASES[0]);
    expect(taken).toContain(EDGE_CASES[8]);
    expect(taken).toContain(EDGE_CASES[10]);
  });

  it('leaves anchors, aliases, tags, merge keys, several documents and errors to the yaml path', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      '<<: {a: 1}\n',
      'a: !!str 1\n',
      '1: one\n',
      '__proto__: {polluted: true}\n',
      '---\na: 1\n---\nb: 2\n',
      'a: 1\na: 2\n',
      'a: "open\n',
      '',
    ]) {
      expect(readYamlFast(text, 'f.yaml'), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('resolves plain scalars as yaml does (YAML 1.2 core schema)', () => {
    const scalars = [
      '',
      '~',
      'null',
      'Null',
      'NULL',
      'nULL',
      'true',
      'True',
      'TRUE',
      'tRUE',
      'yes',
      'no',
      'on',
      'off',
    ];
    scalars.push(
      '0',
      '-0',
      '+0',
      '007',
      '0o17',
      '0O17',
      '0x1F',
      '0X1F',
      '-0x1',
      '1_000',
      '1e3',
      '1E3',
      '1.5e-3',
    );
    scalars.push('.5', '-.5', '5.', '.inf', '-.inf', '+.INF', '.nan', '.NaN', 'NaN', 'Infinity', 'x1', '1x');
    scalars.push('+', '-x', '.', '12:30', '2026-01-01', 'fetch', 'step3', '99999999999999999999');
    for (const s of scalars) {
      expect(resolvePlain(s), JSON.stringify(s)).toEqual(parseWithYaml(`v: ${s}`, { schema: 'core' }).v);
    }
  });
});

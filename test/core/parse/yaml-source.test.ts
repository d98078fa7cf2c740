/**
 * YAML reading and the limits against hostile input: each must be refused with a code and
 * a place, quickly and without blowing the stack.
 */
import { describe, expect, it } from 'vitest';
import { parseYamlSource, prescanDepth } from '../../../src/core/parse/yaml-source.js';
import { MAX_NESTING_DEPTH } from '../../../src/core/parse/limits.js';

const codes = (text: string) =>
  parseYamlSource(text, 'f.yaml').diagnostics.map(
    (d) => `${d.code}@${d.range.start.line}:${d.range.start.col}`,
  );

function nestedFlow(depth: number): string {
  return `a: ${'['.repeat(depth - 1)}1${']'.repeat(depth - 1)}\n`;
}
function nestedBlock(depth: number): string {
  let s = '';
  for (let i = 0; i < depth - 1; i++) s += `${' '.repeat(i * 2)}k${i}:\n`;
  return `${s}${' '.repeat((depth - 1) * 2)}leaf: 1\n`;
}

describe('parseYamlSource', () => {
  it('returns plain JSON for good YAML, with merge keys', () => {
    const r = parseYamlSource('base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2\n', 'f.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toEqual({ base: { x: 1 }, use: { x: 1, y: 2 } });
  });

  it('reports a syntax error at its position', () => {
    expect(codes('a: [1, 2\nb: 3\n')).toEqual(['yaml-syntax@2:1']);
  });

  it('reports duplicate keys at the second key', () => {
    expect(codes('a: 1\nb: 2\na: 3\n')).toEqual(['yaml-syntax@3:1']);
  });

  it('rejects several documents in one file', () => {
    expect(codes('a: 1\n---\nb: 2\n')).toEqual(['yaml-syntax@2:1']);
  });

  it('rejects collection keys and non-JSON values', () => {
    expect(codes('? [a]\n: 1\n')).toEqual(['schema@1:3']);
    expect(codes('a: .nan\n')).toEqual(['schema@1:4']);
  });

  it('marks an empty document', () => {
    const r = parseYamlSource('# only a comment\n', 'f.yaml');
    expect(r).toMatchObject({ empty: true, value: null, diagnostics: [] });
  });

  it('refuses an alias bomb', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    expect(codes(lines.join('\n'))).toEqual(['yaml-limit@1:1']);
  });

  it('accepts 50 levels of nesting', () => {
    expect(codes(nestedFlow(50))).toEqual([]);
    expect(codes(nestedBlock(50))).toEqual([]);
  });

  it(`refuses more than ${MAX_NESTING_DEPTH} levels of nesting`, () => {
    expect(codes(nestedFlow(MAX_NESTING_DEPTH + 1)).map((c) => c.split('@')[0])).toEqual(['yaml-limit']);
    expect(codes(nestedBlock(MAX_NESTING_DEPTH + 1)).map((c) => c.split('@')[0])).toEqual(['yaml-limit']);
  });

  it('refuses pathological nesting before parsing it', () => {
    const deep = `a: ${'['.repeat(1_000_000)}`;
    expect(prescanDepth(deep, 128)).toBe(3 + 127);
    expect(codes(deep)).toEqual(['yaml-limit@1:131']);
    expect(codes('- '.repeat(100_000) + 'x\n').map((c) => c.split('@')[0])).toEqual(['yaml-limit']);
  });

  it('does not count brackets inside quotes or comments', () => {
    expect(
      prescanDepth(`a: "${'['.repeat(500)}"\nb: '${'{'.repeat(500)}' # ${'['.repeat(500)}\n`, 10),
    ).toBeUndefined();
  });

  it('refuses text over the size limit without parsing it', () => {
    const big = `a: "${'x'.repeat(6 * 1024 * 1024)}"\n`;
    expect(codes(big)).toEqual(['yaml-limit@1:1']);
    // Multi-byte characters count as their UTF-8 size.
    expect(codes(`a: "${'é'.repeat(3 * 1024 * 1024)}"\n`)).toEqual(['yaml-limit@1:1']);
  });
});

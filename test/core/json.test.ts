/** The shared JSON helpers (src/core/json.ts): one deep equality and one canonical text for the whole code base. */
import { describe, expect, it } from 'vitest';
import { canonicalJson, isJsonObject, jsonEqual } from '../../src/core/json.js';

describe('jsonEqual', () => {
  it('compares deeply, ignoring key order and keys whose value is undefined', () => {
    expect(jsonEqual({ a: [1, { b: 'x' }], c: null }, { c: null, a: [1, { b: 'x' }] })).toBe(true);
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
    expect(jsonEqual(undefined, null)).toBe(false);
  });

  it('treats 0 and -0 as equal, as JSON does', () => {
    expect(jsonEqual({ n: 0 }, { n: -0 })).toBe(true);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined values', () => {
    expect(canonicalJson({ b: 1, a: [true, { d: 2, c: undefined }] })).toBe('{"a":[true,{"d":2}],"b":1}');
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
    expect(canonicalJson(undefined)).toBe('undefined');
    expect(canonicalJson('s')).toBe('"s"');
  });
});

describe('isJsonObject', () => {
  it('is true for objects only', () => {
    expect(isJsonObject({})).toBe(true);
    expect(isJsonObject([])).toBe(false);
    expect(isJsonObject(null)).toBe(false);
  });
});

/** The Go-isms of the state nodes: encoding/json (durations: test/core/go-duration.test.ts). */
import { describe, expect, it } from 'vitest';
import { goJsonMarshal } from '../../../../src/nodes/original/state/go.js';

describe('encoding/json', () => {
  it('sorts keys, escapes HTML characters, writes times as RFC 3339', () => {
    expect(goJsonMarshal({ b: '<&>\u2028', a: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 500)) })).toBe(
      '{"a":"2024-01-02T03:04:05.5Z","b":"\\u003c\\u0026\\u003e\\u2028"}',
    );
  });
});

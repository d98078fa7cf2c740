/**
 * What `context_variable` and `context_constant` share: the typed `context_values`
 * conversion of the original (`convertTypedValue`) and the legacy single-value form.
 */
import { goString, goTypeName } from '../shared/go.js';
import { originalFailure } from '../shared/node.js';
import { goTimeJson } from './go.js';

export interface ContextValue {
  name: string;
  value?: unknown;
  type?: string;
}

export interface ContextOptions {
  context_values?: ContextValue[];
  context_name?: string;
  context_value?: unknown;
}

export const CONTEXT_PROPERTIES = {
  context_values: {
    type: 'array',
    description:
      'Typed values: [{name, value, type}], type string | number | boolean | time_string | epoch_second | epoch_ms | null.',
    items: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        value: {},
        type: { type: 'string' },
      },
      required: ['name'],
      additionalProperties: false,
    },
  },
  context_name: { type: 'string', description: 'Legacy form: one name (with context_value).' },
  context_value: { description: 'Legacy form: its value, stored as is.' },
};

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

function quoteGo(s: string): string {
  return JSON.stringify(s);
}

function toEpoch(value: unknown, unit: string): number {
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value === 'string') {
    if (!/^[+-]?\d+$/.test(value)) {
      throw new Error(
        `cannot convert ${quoteGo(value)} to ${unit}: strconv.ParseInt: parsing ${quoteGo(value)}: invalid syntax`,
      );
    }
    return Number(value);
  }
  throw new Error(`cannot convert type ${goTypeName(value)} to ${unit}`);
}

/**
 * The original's `convertTypedValue`. Epoch types become times (a `Date`, so expressions
 * compare them as times).
 */
export function convertTypedValue(value: unknown, type: string): unknown {
  switch (type) {
    case 'string':
      return goString(value);
    case 'number':
      if (typeof value === 'number') return value;
      if (typeof value === 'string') {
        const t = value.trim();
        if (t === value && t !== '' && /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(t))
          return Number(t);
        throw new Error(
          `cannot convert ${quoteGo(value)} to number: strconv.ParseFloat: parsing ${quoteGo(value)}: invalid syntax`,
        );
      }
      throw new Error(`cannot convert type ${goTypeName(value)} to number`);
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'number') return value !== 0;
      if (typeof value === 'string') {
        if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
        if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
        throw new Error(
          `cannot convert ${quoteGo(value)} to boolean: strconv.ParseBool: parsing ${quoteGo(value)}: invalid syntax`,
        );
      }
      throw new Error(`cannot convert type ${goTypeName(value)} to boolean`);
    case 'time_string': {
      const s = typeof value === 'string' ? value : goString(value);
      if (!RFC3339.test(s) || Number.isNaN(Date.parse(s))) {
        throw new Error(`invalid time string ${quoteGo(s)}: not RFC 3339 (e.g. 2006-01-02T15:04:05Z07:00)`);
      }
      return s;
    }
    case 'epoch_second':
      return new Date(toEpoch(value, 'epoch seconds') * 1000);
    case 'epoch_ms':
      return new Date(toEpoch(value, 'epoch milliseconds'));
    case 'null':
      return null;
    default:
      throw new Error(`unsupported type ${quoteGo(type)}`);
  }
}

/** A value as the node result shows it (times as RFC 3339, like Go's JSON). */
function shown(v: unknown): unknown {
  return v instanceof Date ? goTimeJson(v) : v;
}

/**
 * Runs a context node: converts and stores each value with `set`, and returns the original's
 * result (`{type, variables|constants: {…}}`, or `{type, name, value}` for the legacy form).
 */
export function runContextNode(
  options: ContextOptions,
  kind: { node: string; type: 'variable' | 'const'; key: 'variables' | 'constants' },
  set: (name: string, value: unknown) => void,
): Record<string, unknown> {
  const values = Array.isArray(options.context_values) ? options.context_values : [];
  if (values.length > 0) {
    const result: Record<string, unknown> = {};
    for (const cv of values) {
      const type = typeof cv.type === 'string' ? cv.type : '';
      let converted: unknown;
      try {
        converted = convertTypedValue(cv.value ?? null, type);
      } catch (err) {
        throw originalFailure(
          'invalid-context-value',
          `${kind.node} node: error converting ${cv.name} (${type}): ${(err as Error).message}`,
        );
      }
      set(cv.name, converted);
      result[cv.name] = shown(converted);
    }
    return { type: kind.type, [kind.key]: result };
  }
  if (typeof options.context_name !== 'string') {
    throw originalFailure('invalid-config', `${kind.node} node missing context_name or context_values`);
  }
  if (options.context_value === undefined || options.context_value === null) {
    throw originalFailure('invalid-config', `${kind.node} node missing context_value`);
  }
  set(options.context_name, options.context_value);
  return { type: kind.type, name: options.context_name, value: options.context_value };
}

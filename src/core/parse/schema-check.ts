/**
 * JSON Schema validation (ajv, draft 2020-12) turned into diagnostics that point at the
 * YAML source, say what is wrong in plain words, and suggest the fix ("did you mean").
 */
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { Diagnostic, DiagnosticCode } from '../diagnostics.js';
import { InternalError } from '../errors.js';
import { isTemplate } from '../expr/template.js';
import { ERROR_KEYWORD } from './ajv-setup.js';
// Swapped for the build-time precompiled validators in the CLI bundle (scripts/build-bundle.js).
import { compileValidator } from './schema-compile.js';
import { describePath } from './yaml-source.js';
import type { JsonPath, YamlSourceMap } from './source-map.js';
import { didYouMean } from './suggest.js';

export type { ValidateFunction };
export { ERROR_KEYWORD };

/** Compiles a schema; a schema that does not compile is a bug in thaiyyal, not in the user's file. */
export function compileSchema(schema: object, what: string): ValidateFunction {
  try {
    return compileValidator(schema);
  } catch (err) {
    throw new InternalError(`the JSON Schema of ${what} does not compile: ${(err as Error).message}`);
  }
}

export interface SchemaCheckOptions {
  file: string;
  map: YamlSourceMap;
  /** Where the validated value sits in the document (e.g. `['nodes', 'fetch']` for options). */
  basePath: JsonPath;
  /** Code for a value error (unknown keys always get `unknown-key`). */
  code: DiagnosticCode;
  /** Words naming what is validated, used in unknown-key messages (e.g. `node "fetch" (http)`). */
  subject: (path: JsonPath) => string;
  /** Extra valid key names at the root of the value, for "did you mean" (e.g. the common node keys). */
  extraRootKeys?: readonly string[];
  /**
   * When true, errors about a value that is a `${{ }}` template string are dropped: its type
   * is only known at run time. Keys listed in `rawKeys` (raw JSONata) are still checked.
   */
  allowTemplates?: boolean;
  rawKeys?: ReadonlySet<string>;
}

/** Validates `data` and maps the errors to diagnostics (empty when valid). */
export function checkSchema(
  validate: ValidateFunction,
  data: unknown,
  opts: SchemaCheckOptions,
): Diagnostic[] {
  if (validate(data)) return [];
  const errors = reduceCombinators([...(validate.errors ?? [])], data);
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const rel = pointerToPath(e.instancePath, data);
    if (opts.allowTemplates && insideTemplate(data, rel, opts.rawKeys)) continue;
    const d = toDiagnostic(e, rel, data, opts);
    if (!d) continue;
    const key = `${d.range.start.line}:${d.range.start.col}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

function jsonType(v: unknown): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v as JsonType;
}

function typeName(v: unknown): string {
  const t = jsonType(v);
  return t === 'array' ? 'a list' : t === 'object' ? 'a map' : t === 'integer' ? 'a number' : `a ${t}`;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  object: 'a map',
  array: 'a list',
  null: 'null',
};

/** Does a branch of an anyOf/oneOf plausibly target this value's JSON type? */
function branchAccepts(branch: unknown, t: JsonType): boolean {
  if (typeof branch !== 'object' || branch === null) return true;
  const b = branch as Record<string, unknown>;
  const matches = (name: unknown) => name === t || (name === 'number' && t === 'integer');
  if (b.type !== undefined) return Array.isArray(b.type) ? b.type.some(matches) : matches(b.type);
  if (Array.isArray(b.enum))
    return b.enum.some((x) => jsonType(x) === t || (jsonType(x) === 'integer' && t === 'number'));
  if ('const' in b) return jsonType(b.const) === t;
  if (b.properties || b.required) return t === 'object';
  if (b.items || b.prefixItems) return t === 'array';
  return true;
}

function describeBranches(branches: unknown[]): string {
  const words: string[] = [];
  for (const b of branches) {
    const s = b as Record<string, unknown>;
    let w: string;
    if (Array.isArray(s.enum)) w = s.enum.map((x) => JSON.stringify(x)).join(', ');
    else if ('const' in s) w = JSON.stringify(s.const);
    else if (typeof s.type === 'string') w = TYPE_WORDS[s.type] ?? s.type;
    else w = 'another value';
    if (!words.includes(w)) words.push(w);
  }
  return words.join(' or ');
}

/**
 * anyOf/oneOf produce one error per failed branch plus one for the combinator. When the
 * value's type selects exactly one branch, keep that branch's errors (they are precise);
 * otherwise keep only the combinator error.
 */
function reduceCombinators(errors: ErrorObject[], data: unknown): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  const combinators = errors
    .filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const c of combinators) {
    if (dropped.has(c)) continue;
    const prefix = `${c.schemaPath}/`;
    const branches = (c.schema as unknown[]) ?? [];
    const value = valueAt(data, pointerToPath(c.instancePath, data));
    const t = jsonType(value);
    const candidates = branches.map((b, i) => (branchAccepts(b, t) ? i : -1)).filter((i) => i >= 0);
    const inner = errors.filter((e) => e !== c && e.schemaPath.startsWith(prefix));
    if (candidates.length === 1) {
      const keep = `${prefix}${candidates[0]}/`;
      dropped.add(c);
      for (const e of inner) if (!e.schemaPath.startsWith(keep)) dropped.add(e);
    } else {
      for (const e of inner) dropped.add(e);
    }
  }
  // `propertyNames` reports the inner failure too (flagged by `propertyName`); the outer one is enough.
  return errors.filter((e) => !dropped.has(e) && !(e as { propertyName?: string }).propertyName);
}

function toDiagnostic(
  e: ErrorObject,
  rel: (string | number)[],
  data: unknown,
  o: SchemaCheckOptions,
): Diagnostic | undefined {
  const path = [...o.basePath, ...rel];
  const where = describePath(path);
  const value = valueAt(data, rel);
  const custom = (e.parentSchema as Record<string, unknown> | undefined)?.[ERROR_KEYWORD];
  const mk = (message: string, range = o.map.rangeOf(path), code: DiagnosticCode = o.code): Diagnostic => ({
    code,
    severity: 'error',
    message,
    file: o.file,
    range,
  });
  const shown = show(value);
  switch (e.keyword) {
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const key = String(
        (e.params as { additionalProperty?: string; unevaluatedProperty?: string }).additionalProperty ??
          (e.params as { unevaluatedProperty?: string }).unevaluatedProperty,
      );
      const props = Object.keys(((e.parentSchema as { properties?: object })?.properties ?? {}) as object);
      const known = rel.length === 0 ? [...props, ...(o.extraRootKeys ?? [])] : props;
      const hint = didYouMean(key, known);
      const allowed = known.length > 0 ? `; allowed keys: ${[...new Set(known)].sort().join(', ')}` : '';
      return mk(
        `unknown key "${key}" in ${o.subject(path)}${hint ? `; did you mean "${hint}"?` : allowed}`,
        o.map.keyRangeOf([...path, key]),
        'unknown-key',
      );
    }
    case 'required': {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      return mk(
        `${o.subject(path)} is missing the required key "${missing}"; add it`,
        o.map.keyRangeOf(path),
      );
    }
    case 'type': {
      // `x-error` describes the form of a valid value, not its type: keep the plain type message.
      const expected = String((e.params as { type: string | string[] }).type)
        .split(',')
        .map((t) => TYPE_WORDS[t] ?? t)
        .join(' or ');
      return mk(`${where} must be ${expected}, not ${typeName(value)}`);
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      const hint =
        typeof value === 'string'
          ? didYouMean(
              value,
              allowed.filter((a): a is string => typeof a === 'string'),
            )
          : undefined;
      return mk(
        `${where} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')} (got ${shown})${hint ? `; did you mean "${hint}"?` : ''}`,
      );
    }
    case 'const':
      return mk(
        `${where} must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)} (got ${shown})`,
      );
    case 'anyOf':
    case 'oneOf': {
      if (typeof custom === 'string') return mk(`${where} ${custom} (got ${shown})`);
      return mk(`${where} must be ${describeBranches((e.schema as unknown[]) ?? [])} (got ${shown})`);
    }
    case 'propertyNames': {
      const name = (e.params as { propertyName: string }).propertyName;
      const rule = (e.schema as Record<string, unknown> | undefined)?.[ERROR_KEYWORD];
      return mk(
        `"${name}" is not a valid name in ${where}${typeof rule === 'string' ? `: ${rule}` : ''}`,
        o.map.keyRangeOf([...path, name]),
      );
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const p = e.params as { comparison: string; limit: number };
      return mk(`${where} must be ${p.comparison} ${p.limit} (got ${shown})`);
    }
    case 'pattern':
    case 'format':
      if (typeof custom === 'string') return mk(`${where} ${custom} (got ${shown})`);
      return mk(`${where} ${e.message ?? 'is invalid'} (got ${shown})`);
    default:
      if (typeof custom === 'string') return mk(`${where} ${custom} (got ${shown})`);
      return mk(`${where} ${e.message ?? 'is invalid'}`);
  }
}

/** A short, safe rendering of a value for messages. */
function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}

function pointerToPath(pointer: string, data: unknown): (string | number)[] {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let cur = data;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(cur) && /^\d+$/.test(seg)) {
      out.push(Number(seg));
      cur = cur[Number(seg)];
    } else {
      out.push(seg);
      cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

/** The value at a JSON path (own properties only). */
export function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let cur = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, seg)) return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

function insideTemplate(
  data: unknown,
  path: (string | number)[],
  rawKeys: ReadonlySet<string> | undefined,
): boolean {
  if (path.length > 0 && typeof path[0] === 'string' && rawKeys?.has(path[0])) return false;
  let cur = data;
  for (let i = 0; i <= path.length; i++) {
    if (typeof cur === 'string') return isTemplate(cur);
    if (i === path.length || cur === null || typeof cur !== 'object') return false;
    cur = (cur as Record<string | number, unknown>)[path[i]!];
  }
  return false;
}

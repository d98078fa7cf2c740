/**
 * Resolves the inputs of a run against the workflow's declarations: coerces `--input k=v`
 * strings to the declared type, applies defaults, enforces `required` and `enum`, and
 * rejects names that are not declared. Pure. Values of `secret: true` inputs never appear
 * in messages.
 */
import type { Diagnostic } from './diagnostics.js';
import { jsonEqual } from './json.js';
import { didYouMean } from './parse/suggest.js';
import type { InputSpec, InputType, Json, Workflow } from './workflow.js';

const TYPE_WORDS: Record<InputType, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  object: 'a JSON object',
  array: 'a JSON array',
};

/** Why `value` does not fit `type`, or undefined when it does. */
export function inputTypeProblem(type: InputType, value: unknown): string | undefined {
  const ok =
    type === 'string'
      ? typeof value === 'string'
      : type === 'number'
        ? typeof value === 'number' && Number.isFinite(value)
        : type === 'integer'
          ? typeof value === 'number' && Number.isSafeInteger(value)
          : type === 'boolean'
            ? typeof value === 'boolean'
            : type === 'array'
              ? Array.isArray(value)
              : typeof value === 'object' && value !== null && !Array.isArray(value);
  return ok ? undefined : `must be ${TYPE_WORDS[type]}`;
}

/**
 * Coerces a command-line string to the declared type. Returns `{value}` or `{error}`.
 * @example coerceInput('integer', '42') // {value: 42}
 */
export function coerceInput(type: InputType, raw: string): { value: unknown } | { error: string } {
  const s = raw.trim();
  switch (type) {
    case 'string':
      return { value: raw };
    case 'number':
    case 'integer': {
      const n = s === '' ? Number.NaN : Number(s);
      if (!Number.isFinite(n)) return { error: `expects ${TYPE_WORDS[type]}` };
      if (type === 'integer' && !Number.isSafeInteger(n)) return { error: 'expects an integer' };
      return { value: n };
    }
    case 'boolean':
      if (s === 'true') return { value: true };
      if (s === 'false') return { value: false };
      return { error: 'expects true or false' };
    case 'object':
    case 'array': {
      let v: unknown;
      try {
        v = JSON.parse(s);
      } catch {
        return {
          error: `expects ${TYPE_WORDS[type]} (write it as JSON, e.g. ${type === 'array' ? '["a","b"]' : '{"k":"v"}'})`,
        };
      }
      const problem = inputTypeProblem(type, v);
      return problem ? { error: `expects ${TYPE_WORDS[type]}` } : { value: v };
    }
  }
}

function show(spec: InputSpec, v: unknown): string {
  if (spec.secret) return 'the value given (hidden: secret input)';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/**
 * Resolves the inputs given to a run (`given` values may be strings from `--input k=v`,
 * or typed values from an API caller).
 * @example resolveInputs(wf, {count: '3'}) // {inputs: {count: 3, …defaults}, diagnostics: []}
 */
export function resolveInputs(
  wf: Workflow,
  given: Record<string, unknown>,
): { inputs: Record<string, unknown>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const inputs: Record<string, unknown> = {};
  const declared = Object.keys(wf.inputs);
  const report = (code: Diagnostic['code'], message: string, path: (string | number)[]) =>
    diagnostics.push({
      code,
      severity: 'error',
      message,
      file: wf.source.file,
      range: wf.source.rangeOf(path),
    });

  for (const name of Object.keys(given).sort()) {
    if (Object.hasOwn(wf.inputs, name)) continue;
    const hint = didYouMean(name, declared);
    const fix = hint
      ? `did you mean "${hint}"?`
      : declared.length > 0
        ? `workflow "${wf.name}" declares: ${[...declared].sort().join(', ')}`
        : `workflow "${wf.name}" declares no inputs`;
    report('invalid-input', `unknown input "${name}"; ${fix}`, declared.length > 0 ? ['inputs'] : []);
  }

  for (const [name, spec] of Object.entries(wf.inputs)) {
    const at = ['inputs', name];
    let value: unknown;
    if (Object.hasOwn(given, name) && given[name] !== undefined) {
      value = given[name];
      if (typeof value === 'string' && spec.type !== 'string') {
        const c = coerceInput(spec.type, value);
        if ('error' in c) {
          report('invalid-input', `input "${name}" ${c.error}, got ${show(spec, value)}`, at);
          continue;
        }
        value = c.value;
      }
    } else if (spec.default !== undefined) {
      value = structuredClone(spec.default);
    } else {
      if (spec.required) {
        report('missing-input', `input "${name}" is required; pass it with --input ${name}=<value>`, at);
      }
      continue;
    }
    const problem = inputTypeProblem(spec.type, value);
    if (problem) {
      report('invalid-input', `input "${name}" ${problem}, got ${show(spec, value)}`, at);
      continue;
    }
    if (spec.enum && !spec.enum.some((e) => jsonEqual(e, value))) {
      const hint =
        typeof value === 'string' && !spec.secret
          ? didYouMean(
              value,
              spec.enum.filter((e): e is string => typeof e === 'string'),
            )
          : undefined;
      report(
        'invalid-input',
        `input "${name}" must be one of ${spec.enum.map((e: Json) => JSON.stringify(e)).join(', ')}, got ${show(spec, value)}${hint ? `; did you mean "${hint}"?` : ''}`,
        at,
      );
      continue;
    }
    inputs[name] = value;
  }
  return { inputs, diagnostics };
}

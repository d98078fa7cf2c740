/**
 * Methods of the original expression language: `s.toUpperCase()`, `tags.includes('x')`, …
 * (reference §4). Strings: toUpperCase, toLowerCase, trim, includes, startsWith, endsWith,
 * replace (all occurrences), split. Arrays: includes, join, reverse, first, last.
 */
import { OriginalExpressionError } from './errors.js';
import { goFormat } from './values.js';

function arity(name: string, args: unknown[], n: number): void {
  if (args.length !== n) {
    throw new OriginalExpressionError(
      `${name}() requires exactly ${n} argument${n === 1 ? '' : 's'}, got ${args.length}`,
    );
  }
}

function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Calls method `name` on `target`; throws OriginalExpressionError for unknown methods or wrong types. */
export function callMethod(target: unknown, name: string, args: unknown[]): unknown {
  if (typeof target === 'string') {
    switch (name) {
      case 'toUpperCase':
        return target.toUpperCase();
      case 'toLowerCase':
        return target.toLowerCase();
      case 'trim':
        return target.trim();
      case 'includes':
        arity(name, args, 1);
        return target.includes(goFormat(args[0]));
      case 'startsWith':
        arity(name, args, 1);
        return target.startsWith(goFormat(args[0]));
      case 'endsWith':
        arity(name, args, 1);
        return target.endsWith(goFormat(args[0]));
      case 'replace':
        arity(name, args, 2);
        return target.split(goFormat(args[0])).join(goFormat(args[1]));
      case 'split':
        arity(name, args, 1);
        return target.split(goFormat(args[0]));
    }
  }
  if (Array.isArray(target)) {
    switch (name) {
      case 'includes': {
        arity(name, args, 1);
        const needle = goFormat(args[0]);
        return target.some((item) => item === args[0] || goFormat(item) === needle);
      }
      case 'join':
        arity(name, args, 1);
        return target.map(goFormat).join(goFormat(args[0]));
      case 'reverse':
        return [...target].reverse();
      case 'first':
        return target.length ? target[0] : null;
      case 'last':
        return target.length ? target[target.length - 1] : null;
    }
  }
  const known = [
    'toUpperCase',
    'toLowerCase',
    'trim',
    'includes',
    'startsWith',
    'endsWith',
    'replace',
    'split',
  ];
  const arrayKnown = ['includes', 'join', 'reverse', 'first', 'last'];
  if (known.includes(name) || arrayKnown.includes(name)) {
    const on =
      arrayKnown.includes(name) && !known.includes(name)
        ? 'arrays'
        : known.includes(name) && !arrayKnown.includes(name)
          ? 'strings'
          : 'strings or arrays';
    throw new OriginalExpressionError(`${name}() can only be called on ${on}, got ${typeName(target)}`);
  }
  throw new OriginalExpressionError(`unknown method: ${name}`);
}

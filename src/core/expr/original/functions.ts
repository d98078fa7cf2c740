/**
 * Functions of the original expression language (reference §4): math (`pow sqrt abs floor
 * ceil round min max`), array values (`avg sum sort slice unique reverse flatten zip sample`;
 * `map` is evaluated lazily in evaluate.ts), dates (`now parseDate toEpoch toEpochMillis
 * fromEpoch fromEpochMillis dateDiff dateAdd year month day hour minute`), `contains`, and
 * null handling (`isNull`, `coalesce`, also in evaluate.ts). Arithmetic is float64, as Go's.
 */
import { parseDateString } from './dates.js';
import { OriginalExpressionError } from './errors.js';
import { goFormat, toNumber } from './values.js';

/** Go's math.Round: half away from zero (JS Math.round rounds half up). */
export function goRound(n: number): number {
  return n < 0 ? -Math.round(-n) : Math.round(n);
}

function num(fn: string, value: unknown): number {
  const n = toNumber(value);
  if (n === undefined) throw new OriginalExpressionError(`${fn}() needs numbers, got ${goFormat(value)}`);
  return n;
}

function array(fn: string, value: unknown): unknown[] {
  if (!Array.isArray(value))
    throw new OriginalExpressionError(`${fn}() needs an array, got ${goFormat(value)}`);
  return value;
}

function exactly(fn: string, args: unknown[], n: number): void {
  if (args.length !== n) {
    throw new OriginalExpressionError(
      `${fn}() requires exactly ${n} argument${n === 1 ? '' : 's'}, got ${args.length}`,
    );
  }
}

/** The numbers of `avg`/`sum`/`min`/`max`: one array argument, or the arguments themselves. */
function numbers(fn: string, args: unknown[]): number[] {
  const list = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
  return list.map((v) => num(fn, v));
}

function elementwise(fn: string, args: unknown[], f: (n: number) => number): unknown {
  exactly(fn, args, 1);
  const [a] = args;
  if (Array.isArray(a)) return a.map((v) => f(num(fn, v)));
  return f(num(fn, a));
}

/** A time from a Date, a date string in one of the original's formats, or Unix seconds. */
export function toTime(fn: string, value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string') {
    const d = parseDateString(value);
    if (d) return d;
    throw new OriginalExpressionError(`${fn}(): unable to parse date/time: ${value}`);
  }
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(Math.trunc(value) * 1000);
  throw new OriginalExpressionError(`${fn}(): unsupported date/time value: ${goFormat(value)}`);
}

function sortKey(v: unknown): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  return 2;
}

function flattenDeep(list: unknown[]): unknown[] {
  return list.flatMap((v) => (Array.isArray(v) ? flattenDeep(v) : [v]));
}

function clampIndex(i: number, length: number): number {
  const n = Math.trunc(i);
  if (n < 0) return Math.max(0, length + n);
  return Math.min(n, length);
}

/** Calls function `name` with evaluated arguments; `now` is the injected clock. */
export function callFunction(name: string, args: unknown[], now: () => Date): unknown {
  switch (name) {
    case 'pow':
      exactly(name, args, 2);
      return Math.pow(num(name, args[0]), num(name, args[1]));
    case 'sqrt': {
      exactly(name, args, 1);
      const n = num(name, args[0]);
      if (n < 0) throw new OriginalExpressionError('sqrt() of negative number');
      return Math.sqrt(n);
    }
    case 'abs':
      return elementwise(name, args, Math.abs);
    case 'floor':
      return elementwise(name, args, Math.floor);
    case 'ceil':
      return elementwise(name, args, Math.ceil);
    case 'round':
      return elementwise(name, args, goRound);
    case 'min':
    case 'max': {
      const list = numbers(name, args);
      if (args.length === 1 && !Array.isArray(args[0])) {
        throw new OriginalExpressionError(`${name}() requires at least 2 arguments or an array, got 1`);
      }
      if (list.length === 0) throw new OriginalExpressionError(`${name}() of an empty array`);
      return name === 'min' ? Math.min(...list) : Math.max(...list);
    }
    case 'sum':
      return numbers(name, args).reduce((a, b) => a + b, 0);
    case 'avg': {
      const list = numbers(name, args);
      if (list.length === 0) throw new OriginalExpressionError('avg() of an empty array');
      return list.reduce((a, b) => a + b, 0) / list.length;
    }
    case 'sort': {
      exactly(name, args, 1);
      return [...array(name, args[0])].sort((a, b) => {
        const ka = sortKey(a);
        const kb = sortKey(b);
        if (ka !== kb) return ka - kb;
        if (ka === 0) return (a as number) - (b as number);
        if (ka === 1) return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
        return 0;
      });
    }
    case 'slice': {
      if (args.length < 2 || args.length > 3) {
        throw new OriginalExpressionError(`slice() requires 2 or 3 arguments, got ${args.length}`);
      }
      const list = array(name, args[0]);
      const start = clampIndex(num(name, args[1]), list.length);
      const end = args.length === 3 ? clampIndex(num(name, args[2]), list.length) : list.length;
      return list.slice(start, Math.max(start, end));
    }
    case 'unique': {
      exactly(name, args, 1);
      const seen = new Set<string>();
      return array(name, args[0]).filter((v) => {
        const key = goFormat(v);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    }
    case 'reverse':
      exactly(name, args, 1);
      return [...array(name, args[0])].reverse();
    case 'flatten':
      exactly(name, args, 1);
      return flattenDeep(array(name, args[0]));
    case 'zip': {
      if (args.length < 2)
        throw new OriginalExpressionError(`zip() requires at least 2 arrays, got ${args.length}`);
      const lists = args.map((a) => array(name, a));
      const length = Math.min(...lists.map((l) => l.length));
      return Array.from({ length }, (_, i) => lists.map((l) => l[i]));
    }
    case 'sample': {
      exactly(name, args, 2);
      const n = Math.trunc(num(name, args[1]));
      if (n < 0) throw new OriginalExpressionError('sample() count must not be negative');
      return array(name, args[0]).slice(0, n);
    }
    case 'contains':
      exactly(name, args, 2);
      return goFormat(args[0]).includes(goFormat(args[1]));
    case 'now':
      exactly(name, args, 0);
      return now();
    case 'parseDate':
      exactly(name, args, 1);
      return toTime(name, args[0]);
    case 'toEpoch':
      exactly(name, args, 1);
      return Math.floor(toTime(name, args[0]).getTime() / 1000);
    case 'toEpochMillis':
      exactly(name, args, 1);
      return toTime(name, args[0]).getTime();
    case 'fromEpoch':
      exactly(name, args, 1);
      return new Date(Math.trunc(num(name, args[0])) * 1000);
    case 'fromEpochMillis':
      exactly(name, args, 1);
      return new Date(Math.trunc(num(name, args[0])));
    case 'dateDiff':
      exactly(name, args, 2);
      return (toTime(name, args[0]).getTime() - toTime(name, args[1]).getTime()) / 1000;
    case 'dateAdd':
      exactly(name, args, 2);
      return new Date(toTime(name, args[0]).getTime() + Math.round(num(name, args[1]) * 1000));
    case 'year':
      exactly(name, args, 1);
      return toTime(name, args[0]).getUTCFullYear();
    case 'month':
      exactly(name, args, 1);
      return toTime(name, args[0]).getUTCMonth() + 1;
    case 'day':
      exactly(name, args, 1);
      return toTime(name, args[0]).getUTCDate();
    case 'hour':
      exactly(name, args, 1);
      return toTime(name, args[0]).getUTCHours();
    case 'minute':
      exactly(name, args, 1);
      return toTime(name, args[0]).getUTCMinutes();
    default:
      throw new OriginalExpressionError(`unknown function '${name}'`);
  }
}

/**
 * Evaluation of a parsed original expression in two modes, as the original's two entry points:
 * `value` (EvaluateExpression) and `bool` (Evaluate). In boolean mode a comparison whose
 * operand does not resolve is false, and a value that is not a boolean is false — the
 * original's fall-through to its legacy numeric parser, which answered false.
 */
import type { Expr } from './ast.js';
import { OriginalExpressionError, OriginalReferenceError } from './errors.js';
import { callFunction } from './functions.js';
import { callMethod } from './methods.js';
import { goFormat, isObject, looseEquals, orderCompare, toNumber } from './values.js';
import type { OriginalScope } from './index.js';

/** Functions whose result the boolean entry takes as the answer (it must be a boolean). */
const BOOL_FUNCTIONS = new Set([
  'now', 'parseDate', 'toEpoch', 'toEpochMillis', 'fromEpoch', 'fromEpochMillis', 'dateDiff', 'dateAdd',
  'year', 'month', 'day', 'hour', 'minute', 'isNull', 'coalesce', 'contains',
]); // prettier-ignore

const ROOTS = new Set(['input', 'item', 'variables', 'context', 'node']);

function field(target: unknown, name: string, where: string): unknown {
  if (isObject(target)) {
    if (Object.hasOwn(target, name)) return target[name];
    if (name === 'length')
      throw new OriginalReferenceError(`.length is only available on arrays and strings`);
    throw new OriginalReferenceError(`field not found: ${name}${where}`);
  }
  if (name === 'length') {
    if (Array.isArray(target)) return target.length;
    if (typeof target === 'string') return [...target].length;
    throw new OriginalReferenceError(
      `.length is only available on arrays and strings, got ${goFormat(target)}`,
    );
  }
  throw new OriginalReferenceError(`cannot access field ${name} on ${goFormat(target)}`);
}

/** The path of a reference (`variables.a.b`) for messages. */
function describe(e: Expr): string {
  switch (e.k) {
    case 'name':
      return e.name;
    case 'member':
      return `${describe(e.object)}.${e.name}`;
    case 'index':
      return `${describe(e.object)}[…]`;
    default:
      return 'value';
  }
}

export class Evaluator {
  constructor(private readonly scope: OriginalScope) {}

  private root(name: string): unknown {
    const { scope } = this;
    switch (name) {
      case 'input':
        return scope.input;
      case 'item':
        return Object.hasOwn(scope.variables, 'item') ? scope.variables.item : scope.input;
      case 'variables':
        return scope.variables;
      case 'context':
        return scope.context;
      case 'node':
        return scope.nodeResults;
    }
    // A bare name: a field of the input, else a variable (loop bindings: index, accumulator, items).
    if (isObject(scope.input) && Object.hasOwn(scope.input, name)) return scope.input[name];
    if (Object.hasOwn(scope.variables, name)) return scope.variables[name];
    throw new OriginalReferenceError(`unknown reference: ${name}`);
  }

  private member(e: Extract<Expr, { k: 'member' }>): unknown {
    const obj = e.object;
    if (obj.k === 'name' && ROOTS.has(obj.name) && obj.name !== 'input' && obj.name !== 'item') {
      const container = this.root(obj.name) as Record<string, unknown>;
      if (!Object.hasOwn(container, e.name)) {
        const what = { variables: 'variable', context: 'context variable', node: 'node result' }[obj.name];
        throw new OriginalReferenceError(`${what} not found: ${e.name}`);
      }
      return container[e.name];
    }
    return field(this.value(obj), e.name, ` in ${describe(obj)}`);
  }

  /** EvaluateExpression: the value of `e`. */
  value(e: Expr): unknown {
    switch (e.k) {
      case 'lit':
        return e.value;
      case 'name':
        return this.root(e.name);
      case 'member':
        return this.member(e);
      case 'index': {
        const target = this.value(e.object);
        const i = toNumber(this.value(e.index));
        if (i === undefined || !Number.isInteger(i))
          throw new OriginalReferenceError('array index must be an integer');
        if (!Array.isArray(target)) {
          throw new OriginalReferenceError(`cannot use array indexing on ${goFormat(target)}`);
        }
        if (i < 0 || i >= target.length) {
          throw new OriginalReferenceError(`array index ${i} out of bounds (length: ${target.length})`);
        }
        return target[i];
      }
      case 'method':
        return callMethod(
          this.value(e.object),
          e.name,
          e.args.map((a) => this.methodArg(a)),
        );
      case 'call':
        return this.call(e);
      case 'neg':
        return -this.number(e.arg);
      case 'arith':
        return this.arith(e);
      case 'cmp':
      case 'logic':
      case 'not':
        return this.bool(e);
      case 'cond':
        return this.bool(e.test) ? this.value(e.then) : this.value(e.else);
    }
  }

  /** Evaluate: the boolean answer of `e`. */
  bool(e: Expr): boolean {
    switch (e.k) {
      case 'logic':
        return e.op === '&&'
          ? this.bool(e.left) && this.bool(e.right)
          : this.bool(e.left) || this.bool(e.right);
      case 'not':
        return !this.bool(e.arg);
      case 'cond':
        return this.bool(e.test) ? this.bool(e.then) : this.bool(e.else);
      case 'cmp': {
        let left: unknown;
        let right: unknown;
        try {
          left = e.left ? this.value(e.left) : this.shorthandInput();
          right = this.value(e.right);
        } catch (err) {
          if (err instanceof OriginalExpressionError) return false;
          throw err;
        }
        switch (e.op) {
          case '==':
            return looseEquals(left, right);
          case '!=':
            return !looseEquals(left, right);
          default:
            return orderCompare(left, right, e.op);
        }
      }
      default: {
        if (e.k === 'call' && BOOL_FUNCTIONS.has(e.name)) {
          const result = this.call(e);
          if (typeof result !== 'boolean') {
            throw new OriginalExpressionError(`function ${e.name}() did not return a boolean value`);
          }
          return result;
        }
        // Any other value answers true only if it is `true`.
        try {
          return this.value(e) === true;
        } catch (err) {
          if (err instanceof OriginalExpressionError) return false;
          throw err;
        }
      }
    }
  }

  /** The left side of the shorthand `>=18`: the input, unwrapped through nested `value` keys. */
  private shorthandInput(): unknown {
    let v = this.scope.input;
    while (isObject(v) && Object.hasOwn(v, 'value')) v = v.value;
    return v;
  }

  private number(e: Expr): number {
    const v = this.value(e);
    const n = toNumber(v);
    if (n === undefined) {
      throw new OriginalExpressionError(
        `value '${goFormat(v)}' at '${describe(e)}' cannot be converted to number`,
      );
    }
    return n;
  }

  private arith(e: Extract<Expr, { k: 'arith' }>): number {
    const a = this.number(e.left);
    const b = this.number(e.right);
    switch (e.op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        if (b === 0) throw new OriginalExpressionError('division by zero');
        return a / b;
      case '%': {
        const d = Math.trunc(b);
        if (d === 0) throw new OriginalExpressionError('modulo by zero');
        const r = Math.trunc(a) % d;
        return r === 0 ? 0 : r;
      }
    }
  }

  /** A method argument; a bare word that resolves to nothing is taken as text, as the original did. */
  private methodArg(a: Expr): unknown {
    if (a.k === 'name') {
      try {
        return this.value(a);
      } catch (err) {
        if (err instanceof OriginalReferenceError) return a.name;
        throw err;
      }
    }
    return this.value(a);
  }

  private call(e: Extract<Expr, { k: 'call' }>): unknown {
    switch (e.name) {
      case 'map': {
        if (e.args.length !== 2) {
          throw new OriginalExpressionError(`map() requires exactly 2 arguments, got ${e.args.length}`);
        }
        const list = this.value(e.args[0] as Expr);
        if (!Array.isArray(list))
          throw new OriginalExpressionError(`map() needs an array, got ${goFormat(list)}`);
        const body = e.args[1] as Expr;
        return list.map((item, index) =>
          new Evaluator({
            ...this.scope,
            input: item,
            variables: { ...this.scope.variables, item, index },
          }).value(body),
        );
      }
      case 'isNull':
        if (e.args.length !== 1) {
          throw new OriginalExpressionError(`isNull() requires exactly 1 argument, got ${e.args.length}`);
        }
        return this.lenient(e.args[0] as Expr) === null;
      case 'coalesce':
        if (e.args.length < 1) throw new OriginalExpressionError('coalesce() requires at least 1 argument');
        for (const a of e.args) {
          const v = this.lenient(a);
          if (v !== null) return v;
        }
        return null;
      default:
        return callFunction(
          e.name,
          e.args.map((a) => this.value(a)),
          this.scope.now,
        );
    }
  }

  /** A value for isNull/coalesce: a reference that does not resolve counts as null. */
  private lenient(e: Expr): unknown {
    try {
      return this.value(e) ?? null;
    } catch (err) {
      if (err instanceof OriginalReferenceError) return null;
      throw err;
    }
  }
}

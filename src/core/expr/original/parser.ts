/**
 * Recursive-descent parser of the original expression language. Precedence, loosest first —
 * the order in which the original split strings (reference §4), now as a grammar:
 *
 *   ternary     or ('?' ternary ':' ternary)?
 *   or          and ('||' and)*
 *   and         not ('&&' not)*
 *   not         '!' not | comparison            (`!a == b` is `!(a == b)`, as the original)
 *   comparison  CMP additive                      (shorthand: the left side is the input)
 *             | additive (CMP additive)?
 *   additive    term (('+' | '-') term)*
 *   term        unary (('*' | '/' | '%') unary)*
 *   unary       ('-' | '+') unary | postfix
 *   postfix     primary ('.' NAME ('(' args ')')? | '[' ternary ']')*
 *   primary     NUMBER | STRING | NAME ('(' args ')')? | '(' ternary ')'
 */
import QuickLRU from 'quick-lru';
import type { ArithmeticOp, ComparisonOp, Expr } from './ast.js';
import { OriginalSyntaxError } from './errors.js';
import { tokenize, type Token } from './tokens.js';

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);
const LITERALS: Record<string, unknown> = { true: true, false: false, null: null };

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  private peek(): Token {
    return this.tokens[this.i] as Token;
  }
  private next(): Token {
    return this.tokens[this.i++] as Token;
  }
  private isOp(value: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.value === value;
  }
  private expectOp(value: string): void {
    if (!this.isOp(value)) this.fail(`expected '${value}'`);
    this.i++;
  }
  private fail(what: string): never {
    const t = this.peek();
    const found =
      t.kind === 'eof' ? 'end of expression' : `'${t.kind === 'str' ? JSON.stringify(t.value) : t.value}'`;
    throw new OriginalSyntaxError(
      `${what} at position ${t.pos + 1}, found ${found} in: ${this.source}`,
      t.pos,
    );
  }

  parse(): Expr {
    if (this.peek().kind === 'eof') this.fail('empty expression');
    const e = this.ternary();
    if (this.peek().kind !== 'eof') this.fail('unexpected token');
    return e;
  }

  private ternary(): Expr {
    const test = this.or();
    if (!this.isOp('?')) return test;
    this.i++;
    const then = this.ternary();
    this.expectOp(':');
    const otherwise = this.ternary();
    return { k: 'cond', test, then, else: otherwise };
  }

  private or(): Expr {
    let left = this.and();
    while (this.isOp('||')) {
      this.i++;
      left = { k: 'logic', op: '||', left, right: this.and() };
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.isOp('&&')) {
      this.i++;
      left = { k: 'logic', op: '&&', left, right: this.not() };
    }
    return left;
  }

  private not(): Expr {
    if (this.isOp('!')) {
      this.i++;
      return { k: 'not', arg: this.not() };
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const t = this.peek();
    if (t.kind === 'op' && COMPARISONS.has(t.value)) {
      this.i++;
      return { k: 'cmp', op: t.value as ComparisonOp, left: null, right: this.additive() };
    }
    const left = this.additive();
    const op = this.peek();
    if (op.kind === 'op' && COMPARISONS.has(op.value)) {
      this.i++;
      const right = this.additive();
      const after = this.peek();
      if (after.kind === 'op' && COMPARISONS.has(after.value))
        this.fail('comparisons cannot be chained; use &&');
      return { k: 'cmp', op: op.value as ComparisonOp, left, right };
    }
    return left;
  }

  private additive(): Expr {
    let left = this.term();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next().value as ArithmeticOp;
      left = { k: 'arith', op, left, right: this.term() };
    }
    return left;
  }

  private term(): Expr {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = this.next().value as ArithmeticOp;
      left = { k: 'arith', op, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    if (this.isOp('-')) {
      this.i++;
      return { k: 'neg', arg: this.unary() };
    }
    if (this.isOp('+')) {
      this.i++;
      return { k: 'arith', op: '+', left: { k: 'lit', value: 0 }, right: this.unary() };
    }
    return this.postfix();
  }

  private postfix(): Expr {
    let e = this.primary();
    for (;;) {
      if (this.isOp('.')) {
        this.i++;
        const name = this.peek();
        if (name.kind !== 'ident' && name.kind !== 'num') this.fail("expected a field name after '.'");
        this.i++;
        if (this.isOp('(')) {
          e = { k: 'method', object: e, name: name.value, args: this.args() };
        } else {
          e = { k: 'member', object: e, name: name.value };
        }
      } else if (this.isOp('[')) {
        this.i++;
        const index = this.ternary();
        this.expectOp(']');
        e = { k: 'index', object: e, index };
      } else {
        return e;
      }
    }
  }

  private args(): Expr[] {
    this.expectOp('(');
    const args: Expr[] = [];
    if (this.isOp(')')) {
      this.i++;
      return args;
    }
    for (;;) {
      args.push(this.ternary());
      if (this.isOp(',')) {
        this.i++;
        continue;
      }
      this.expectOp(')');
      return args;
    }
  }

  private primary(): Expr {
    const t = this.peek();
    if (t.kind === 'num') {
      this.i++;
      return { k: 'lit', value: t.num };
    }
    if (t.kind === 'str') {
      this.i++;
      return { k: 'lit', value: t.value };
    }
    if (t.kind === 'ident') {
      this.i++;
      if (this.isOp('(')) return { k: 'call', name: t.value, args: this.args() };
      if (Object.hasOwn(LITERALS, t.value)) return { k: 'lit', value: LITERALS[t.value] };
      return { k: 'name', name: t.value };
    }
    if (this.isOp('(')) {
      this.i++;
      const e = this.ternary();
      this.expectOp(')');
      return e;
    }
    return this.fail('expected a value');
  }
}

const cache = new QuickLRU<string, Expr>({ maxSize: 5_000 });

/** Parses an original expression (cached by source text); throws OriginalSyntaxError. */
export function parseOriginal(source: string): Expr {
  const key = source.trim();
  const hit = cache.get(key);
  if (hit) return hit;
  const ast = new Parser(tokenize(key), key).parse();
  cache.set(key, ast);
  return ast;
}

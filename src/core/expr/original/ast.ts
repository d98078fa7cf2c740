/** Syntax tree of the original expression language. */

export type ComparisonOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithmeticOp = '+' | '-' | '*' | '/' | '%';

export type Expr =
  | { k: 'lit'; value: unknown }
  /** A name at the root: `input`, `item`, `variables`, `context`, `node` or a bare field/variable. */
  | { k: 'name'; name: string }
  | { k: 'member'; object: Expr; name: string }
  | { k: 'index'; object: Expr; index: Expr }
  | { k: 'method'; object: Expr; name: string; args: Expr[] }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'neg'; arg: Expr }
  | { k: 'not'; arg: Expr }
  | { k: 'arith'; op: ArithmeticOp; left: Expr; right: Expr }
  /** `left` null: the shorthand `>=18`, whose left side is the input unwrapped through `value` keys. */
  | { k: 'cmp'; op: ComparisonOp; left: Expr | null; right: Expr }
  | { k: 'logic'; op: '&&' | '||'; left: Expr; right: Expr }
  | { k: 'cond'; test: Expr; then: Expr; else: Expr };

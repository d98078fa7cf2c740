/**
 * Tokenizer of the original expression language (reference §4). The original split strings;
 * a real tokenizer keeps string literals whole, so an operator inside quotes stays text.
 */
import { OriginalSyntaxError } from './errors.js';

export type TokenKind = 'num' | 'str' | 'ident' | 'op' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The number for `num`, the unquoted text for `str`, the name for `ident`, the operator for `op`. */
  value: string;
  num?: number;
  /** 0-based offset in the source. */
  pos: number;
}

/** Operators, longest first so `>=` wins over `>`. */
const OPERATORS = [
  '||',
  '&&',
  '==',
  '!=',
  '<=',
  '>=',
  '<',
  '>',
  '!',
  '+',
  '-',
  '*',
  '/',
  '%',
  '(',
  ')',
  '[',
  ']',
  '.',
  ',',
  '?',
  ':',
] as const;

const NUMBER = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/;
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*/;
/** A node id after `node.`: the original's dependency regex `node\.([a-zA-Z0-9_-]+)`. */
const NODE_ID = /^[A-Za-z0-9_-]+/;

/** Splits `source` into tokens; throws OriginalSyntaxError on a character no token starts with. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
      continue;
    }
    const rest = source.slice(i);
    const prev = tokens[tokens.length - 1];
    const prev2 = tokens[tokens.length - 2];
    const prev3 = tokens[tokens.length - 3];
    const afterNodeDot =
      prev?.kind === 'op' &&
      prev.value === '.' &&
      prev2?.kind === 'ident' &&
      prev2.value === 'node' &&
      !(prev3?.kind === 'op' && prev3.value === '.');
    if (afterNodeDot) {
      const m = NODE_ID.exec(rest);
      if (m) {
        tokens.push({ kind: 'ident', value: m[0], pos: i });
        i += m[0].length;
        continue;
      }
    }
    if (ch === '"' || ch === "'") {
      let text = '';
      let j = i + 1;
      for (;;) {
        if (j >= source.length) throw new OriginalSyntaxError(`unterminated string starting at ${i + 1}`, i);
        const c = source[j] as string;
        if (c === ch) break;
        if (c === '\\' && (source[j + 1] === ch || source[j + 1] === '\\')) {
          text += source[j + 1];
          j += 2;
          continue;
        }
        text += c;
        j++;
      }
      tokens.push({ kind: 'str', value: text, pos: i });
      i = j + 1;
      continue;
    }
    const num = NUMBER.exec(rest);
    if (num) {
      tokens.push({ kind: 'num', value: num[0], num: Number(num[0]), pos: i });
      i += num[0].length;
      continue;
    }
    const ident = IDENT.exec(rest);
    if (ident) {
      tokens.push({ kind: 'ident', value: ident[0], pos: i });
      i += ident[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (op) {
      tokens.push({ kind: 'op', value: op, pos: i });
      i += op.length;
      continue;
    }
    throw new OriginalSyntaxError(`unexpected character '${ch}' at position ${i + 1}`, i);
  }
  tokens.push({ kind: 'eof', value: '', pos: source.length });
  return tokens;
}

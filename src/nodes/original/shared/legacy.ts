/**
 * The original engine's legacy numeric condition parser (`evaluateCondition` in
 * executor/helpers.go): `true`, `false`, `>N`, `<N`, `>=N`, `<=N`, `==N`, `!=N` against a
 * number or a map's `value`. The condition node falls back to it when an expression fails.
 */
import { isMap } from './go.js';

/** Go's `fmt.Sscanf(s, "%f", &x)`: a leading float after optional spaces; 0 when none. */
function scanFloat(s: string): number {
  const m = /^\s*([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?)/.exec(s);
  return m ? Number(m[1]) : 0;
}

/**
 * @example legacyCondition('>=18', {value: 21}) // true
 */
export function legacyCondition(condition: string, value: unknown): boolean {
  if (condition === 'true') return true;
  if (condition === 'false') return false;
  let num: number;
  if (typeof value === 'number') num = value;
  else if (isMap(value) && typeof value.value === 'number') num = value.value;
  else return false;
  let op = '';
  let threshold = 0;
  if (condition.length >= 2) {
    const two = condition.slice(0, 2);
    if (two === '>=' || two === '<=' || two === '==' || two === '!=') {
      op = two;
      threshold = scanFloat(condition.slice(2));
    } else if (condition[0] === '>' || condition[0] === '<') {
      op = condition[0];
      threshold = scanFloat(condition.slice(1));
    }
  }
  switch (op) {
    case '>':
      return num > threshold;
    case '<':
      return num < threshold;
    case '>=':
      return num >= threshold;
    case '<=':
      return num <= threshold;
    case '==':
      return num === threshold;
    case '!=':
      return num !== threshold;
    default:
      return false;
  }
}

/**
 * Text helpers of the original engine (executor/helpers.go): Go's `strings.Title`,
 * camelCase and case inversion, and the string size limit.
 */

/** One rune's case mapping as Go's unicode.ToUpper/ToLower: a mapping to several characters (ß → SS) keeps the rune. */
function mapRune(ch: string, upper: boolean): string {
  const m = upper ? ch.toUpperCase() : ch.toLowerCase();
  return [...m].length === 1 ? m : ch;
}

/** Go's `strings.ToUpper` (rune by rune). */
export function goUpper(s: string): string {
  let out = '';
  for (const ch of s) out += mapRune(ch, true);
  return out;
}

/** Go's `strings.ToLower` (rune by rune). */
export function goLower(s: string): string {
  let out = '';
  for (const ch of s) out += mapRune(ch, false);
  return out;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Go's `isSeparator` of strings.Title: ASCII non-alphanumerics (but `_`) and spaces separate words. */
function isSeparator(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  if (code <= 0x7f) {
    return !/[0-9A-Za-z_]/.test(ch);
  }
  if (LETTER_OR_DIGIT.test(ch)) return false;
  return /\s/u.test(ch);
}

/**
 * `strings.Title(strings.ToLower(s))`: every letter after a separator upper-cased.
 * @example toTitleCase('hELLO wORLD-x') // 'Hello World-X'
 */
export function toTitleCase(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of goLower(s)) {
    out += isSeparator(prev) ? mapRune(ch, true) : ch;
    prev = ch;
  }
  return out;
}

/**
 * Words split on white space; the first lower-cased, the others capitalised, joined.
 * @example toCamelCase('hello big world') // 'helloBigWorld'
 */
export function toCamelCase(s: string): string {
  const words = s.split(/\s+/u).filter((w) => w !== '');
  if (words.length === 0) return s;
  return words
    .map((w, i) => {
      if (i === 0) return goLower(w);
      const [first = '', ...rest] = [...w];
      return goUpper(first) + goLower(rest.join(''));
    })
    .join('');
}

/**
 * Swaps the case of every letter.
 * @example toInverseCase('Hello') // 'hELLO'
 */
export function toInverseCase(s: string): string {
  let out = '';
  for (const ch of s) {
    const up = mapRune(ch, true);
    const low = mapRune(ch, false);
    out += ch === up && ch !== low ? low : ch === low && ch !== up ? up : ch;
  }
  return out;
}

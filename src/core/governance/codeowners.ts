/**
 * CODEOWNERS, with GitHub's semantics: gitignore-style patterns (no `!` negation, no `[ ]`
 * ranges), case-sensitive paths, owners `@user`, `@org/team` or an email, and the **last**
 * matching line wins (a line with a pattern and no owners leaves those paths unowned). Pure.
 */

/** Where GitHub looks for the file, in order; the first one that exists is used. */
export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

/** One line of a CODEOWNERS file. */
export interface CodeownersRule {
  pattern: string;
  /** `@user`, `@org/team` or `name@example.com`, as written (may be empty). */
  owners: string[];
  /** 1-based line number. */
  line: number;
  regex: RegExp;
}

/** A line GitHub would flag as an error (it is skipped). */
export interface CodeownersProblem {
  file: string;
  line: number;
  message: string;
}

export interface Codeowners {
  file: string;
  rules: CodeownersRule[];
}

const USER = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const TEAM = /^@[A-Za-z0-9](?:[A-Za-z0-9-]*)\/[A-Za-z0-9_.-]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** True when `owner` is a syntactically valid CODEOWNERS owner. */
export function isValidOwner(owner: string): boolean {
  return USER.test(owner) || TEAM.test(owner) || EMAIL.test(owner);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Compiles one CODEOWNERS pattern to a regular expression over repository-relative paths
 * (no leading slash). Throws with a reason for patterns GitHub rejects.
 * @example patternToRegex('docs/*').test('docs/a.md') // true; 'docs/x/a.md' → false
 */
export function patternToRegex(pattern: string): RegExp {
  if (pattern === '') throw new Error('empty pattern');
  if (pattern.startsWith('!')) throw new Error('negation with "!" is not supported in CODEOWNERS');
  if (/(^|[^\\])\[/.test(pattern))
    throw new Error('character ranges with "[ ]" are not supported in CODEOWNERS');
  if (pattern.includes('***')) throw new Error('a pattern cannot contain three consecutive asterisks');
  if (pattern === '/') return /^\b$/; // matches nothing
  let segs = pattern.split('/');
  let re = '^';
  if (segs[0] === '') {
    segs = segs.slice(1); // leading slash: relative to the root
  } else if (segs.length === 1 || (segs.length === 2 && segs[1] === '')) {
    // a single segment matches at any depth (as if written `**/seg`)
    if (segs[0] !== '**') segs = ['**', ...segs];
  }
  // a trailing slash: the directory's contents, at any depth
  if (segs.length > 1 && segs[segs.length - 1] === '') segs[segs.length - 1] = '**';
  if (segs.length > 1 && segs[0] === '**') {
    segs = segs.slice(1);
    re += '(?:.+/)?';
  }
  const last = segs.length - 1;
  let needSlash = false;
  segs.forEach((seg, i) => {
    if (seg === '**') {
      if (i === 0 && i === last) re += '.+';
      else if (i === 0) {
        re += '(?:.+/)?';
        needSlash = false;
      } else if (i === last) re += '/.*';
      else {
        re += '(?:/.+)?';
        needSlash = true;
      }
      return;
    }
    if (needSlash) re += '/';
    if (seg === '*') {
      // `docs/*` matches the files directly in docs/, not deeper ones
      re += i === last ? '[^/]+$' : '[^/]+';
    } else {
      let escaped = false;
      for (const ch of seg) {
        if (escaped) {
          re += escapeRe(ch);
          escaped = false;
        } else if (ch === '\\') escaped = true;
        else if (ch === '*') re += '[^/]*';
        else if (ch === '?') re += '[^/]';
        else re += escapeRe(ch);
      }
      // no trailing slash: the pattern matches a file, or a directory and everything in it
      if (i === last) re += '(?:$|/)';
    }
    needSlash = true;
  });
  return new RegExp(re);
}

/**
 * Parses CODEOWNERS text. Invalid patterns and malformed owners are reported as problems
 * and skipped, as GitHub skips them.
 * @example parseCodeowners('*.yaml @org/flows\n', '.github/CODEOWNERS').codeowners.rules[0]?.owners // ['@org/flows']
 */
export function parseCodeowners(
  text: string,
  file: string,
): { codeowners: Codeowners; problems: CodeownersProblem[] } {
  const rules: CodeownersRule[] = [];
  const problems: CodeownersProblem[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, idx) => {
    const line = idx + 1;
    const problem = (message: string) => problems.push({ file, line, message });
    // strip comments: a `#` that is not escaped starts one
    let body = '';
    for (let i = 0; i < raw.length; i++) {
      const ch = raw[i]!;
      if (ch === '\\' && i + 1 < raw.length) {
        body += ch + raw[i + 1]!;
        i++;
      } else if (ch === '#') break;
      else body += ch;
    }
    // split on unescaped whitespace
    const fields: string[] = [];
    let cur = '';
    for (let i = 0; i < body.length; i++) {
      const ch = body[i]!;
      if (ch === '\\' && i + 1 < body.length && /\s/.test(body[i + 1]!)) {
        cur += ch + body[i + 1]!;
        i++;
      } else if (/\s/.test(ch)) {
        if (cur) fields.push(cur);
        cur = '';
      } else cur += ch;
    }
    if (cur) fields.push(cur);
    if (fields.length === 0) return;
    const [pattern, ...owners] = fields as [string, ...string[]];
    let regex: RegExp;
    try {
      regex = patternToRegex(pattern);
    } catch (err) {
      problem(
        `${file}:${line}: pattern ${JSON.stringify(pattern)}: ${(err as Error).message}; this line is ignored`,
      );
      return;
    }
    const good: string[] = [];
    for (const o of owners) {
      if (isValidOwner(o)) good.push(o);
      else
        problem(
          `${file}:${line}: ${JSON.stringify(o)} is not a valid owner; write @user, @org/team or an email address`,
        );
    }
    rules.push({ pattern, owners: good, line, regex });
  });
  return { codeowners: { file, rules }, problems };
}

/**
 * The owners of a repository-relative path: the owners of the last matching rule (empty
 * when none matches, or when the last match lists no owners).
 * @example ownersOf(codeowners, 'workflows/deploy.yaml') // {owners: ['@org/ops'], rule}
 */
export function ownersOf(
  codeowners: Codeowners | undefined,
  path: string,
): { owners: string[]; rule?: CodeownersRule } {
  if (!codeowners) return { owners: [] };
  const p = path.replace(/^\/+/, '');
  for (let i = codeowners.rules.length - 1; i >= 0; i--) {
    const rule = codeowners.rules[i]!;
    if (rule.regex.test(p)) return { owners: [...rule.owners], rule };
  }
  return { owners: [] };
}

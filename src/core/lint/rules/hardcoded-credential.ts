/**
 * `hardcoded-credential`: a credential written into the workflow: a token of a well-known
 * format (GitHub, Slack, AWS access key id, Stripe live key, JWT, private key block) in any
 * node option, input default or output, a literal `Authorization: Bearer …` header, or a
 * literal `auth.bearer` / `auth.basic.password` / `auth.value` of an http node. Anyone who can
 * read the repository can use it, and it stays in git history. Only literal text is checked:
 * `${{ secrets.NAME }}` and other templates are what the rule asks for. Messages never repeat
 * the credential.
 */
import { isTemplate, parseTemplate } from '../../expr/template.js';
import type { JsonPath } from '../../parse/source-map.js';
import type { Json } from '../../workflow.js';
import type { Rule } from '../types.js';
import { workflowStrings } from '../expressions.js';

/** Token formats: what it is, how it looks, and a secret name to suggest. */
const PATTERNS: readonly { what: string; re: RegExp; secret: string }[] = [
  {
    what: 'a GitHub token',
    re: /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/,
    secret: 'GITHUB_TOKEN',
  },
  { what: 'a Slack token', re: /\bxox[baprs]-[A-Za-z0-9-]{10,}/, secret: 'SLACK_TOKEN' },
  { what: 'an AWS access key id', re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, secret: 'AWS_ACCESS_KEY_ID' },
  { what: 'a Stripe live key', re: /\b[sr]k_live_[0-9A-Za-z]{10,}/, secret: 'STRIPE_KEY' },
  { what: 'a private key', re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/, secret: 'PRIVATE_KEY' },
  { what: 'a JWT', re: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\./, secret: 'API_TOKEN' },
];

/** Literal text runs of a string (outside `${{ }}`), with their offsets. */
function literalRuns(value: string): { text: string; offset: number }[] {
  if (!isTemplate(value)) return [{ text: value, offset: 0 }];
  try {
    const runs: { text: string; offset: number }[] = [];
    let at = 0;
    for (const p of parseTemplate(value)) {
      if (p.kind === 'text') {
        const offset = value.indexOf(p.text, at);
        runs.push({ text: p.text, offset });
        at = offset + p.text.length;
      } else at = p.offset + p.source.length;
    }
    return runs;
  } catch {
    return [];
  }
}

/** Credential fields of an http node's `auth` that must come from a template. */
const AUTH_FIELDS: Readonly<Record<string, { what: string; secret: string }>> = {
  'auth.bearer': { what: 'a literal bearer token', secret: 'API_TOKEN' },
  'auth.basic.password': { what: 'a literal password', secret: 'API_PASSWORD' },
  'auth.value': { what: 'a literal credential', secret: 'API_KEY' },
};

const key = (path: JsonPath, from: number) => path.slice(from).join('.');

export const rule: Rule = {
  meta: {
    id: 'hardcoded-credential',
    category: 'security',
    severity: 'error',
    fixable: false,
    description:
      'A token, key or password written into the workflow is readable by anyone with the repository; use ${{ secrets.NAME }}.',
  },
  check(ctx) {
    const strings = [...workflowStrings(ctx)];
    for (const [name, spec] of Object.entries(ctx.workflow.inputs)) {
      const d: Json | undefined = spec.default;
      if (typeof d === 'string') strings.push({ path: ['inputs', name, 'default'], value: d, raw: false });
    }
    for (const s of strings) {
      const where = s.path.join('.');
      let found: { what: string; secret: string; offset: number; length: number } | undefined;
      for (const run of literalRuns(s.value)) {
        for (const p of PATTERNS) {
          const m = p.re.exec(run.text);
          if (m && (!found || run.offset + m.index < found.offset))
            found = { what: p.what, secret: p.secret, offset: run.offset + m.index, length: m[0].length };
        }
      }
      const node = s.nodeId !== undefined ? ctx.workflow.nodes[s.nodeId] : undefined;
      if (!found && node?.type === 'http' && !isTemplate(s.value) && s.value.trim() !== '') {
        const opt = key(s.path, 2);
        const auth = Object.hasOwn(AUTH_FIELDS, opt) ? AUTH_FIELDS[opt] : undefined;
        if (auth) found = { ...auth, offset: 0, length: s.value.length };
        const bearer = /^\s*Bearer\s+(\S{8,})/i.exec(s.value);
        if (s.path[2] === 'headers' && s.path.length === 4 && bearer)
          found = {
            what: 'a literal Bearer token',
            secret: 'API_TOKEN',
            offset: s.value.indexOf(bearer[1]!),
            length: bearer[1]!.length,
          };
      }
      if (!found) continue;
      const how = found.what.startsWith('a literal')
        ? `write '\${{ secrets.${found.secret} }}' instead`
        : `remove it (and revoke it: it is in git history), store it as a secret and write '\${{ secrets.${found.secret} }}'`;
      ctx.report({
        message: `${where} holds ${found.what}: anyone who can read the workflow can use it; ${how}`,
        range: ctx.map.rangeInString(s.path, found.offset, found.length),
      });
    }
  },
};

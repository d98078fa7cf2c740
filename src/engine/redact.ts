/**
 * Redaction at the source: every secret value is replaced by `***` in anything that
 * leaves the engine (events, results, error messages). Pure.
 */

export const REDACTED = '***';

/** A function that returns its argument with every secret value masked (deeply, copying only what changes). */
export type Redactor = <T>(value: T) => T;

/**
 * Builds a redactor for these secret values (masked in strings and in object keys). Values
 * derived from a secret (`$uppercase`, `$substring`, base64…) are not recognised: do not
 * transform secrets in expressions. Values shorter than 3 characters are not
 * masked inside longer strings (that would mangle ordinary text) but are masked when a
 * whole string equals them.
 * @example createRedactor(['s3cr3t'])({auth: 'Bearer s3cr3t'}) // {auth: 'Bearer ***'}
 */
export function createRedactor(secrets: Iterable<string>): Redactor {
  const values = [...new Set([...secrets].filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  if (values.length === 0) return <T>(v: T) => v;
  const exact = new Set(values);
  const inner = values.filter((s) => s.length >= 3);
  const pattern = inner.length > 0 ? new RegExp(inner.map(escapeRegExp).join('|'), 'g') : undefined;
  const str = (s: string): string => (exact.has(s) ? REDACTED : pattern ? s.replace(pattern, REDACTED) : s);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return str(v);
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const r = walk(v[i]);
        if (r !== v[i]) (out ??= v.slice())[i] = r;
      }
      return out ?? v;
    }
    // Keys too: an expression can build an object keyed by a secret.
    let changed = false;
    const entries = Object.entries(v).map(([k, val]) => {
      const rk = str(k);
      const rv = walk(val);
      if (rk !== k || rv !== val) changed = true;
      return [rk, rv] as const;
    });
    return changed ? Object.fromEntries(entries) : v;
  };
  return walk as Redactor;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

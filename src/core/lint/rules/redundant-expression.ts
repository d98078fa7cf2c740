/**
 * `redundant-expression`: a value that is exactly one template around a constant literal
 * (`${{ 42 }}`, `${{ "text" }}`, `${{ true }}`, `${{ null }}`) means the literal itself: write it
 * directly. `when:` is left to `constant-when`. `--fix` replaces the scalar with the YAML
 * literal, quoting strings that would otherwise read as another type.
 */
import { astOf } from '../expression-ast.js';
import { shorten, templateStrings } from '../expressions.js';
import { lineStarts, offsetOf } from '../source-edits.js';
import type { Rule } from '../types.js';

/** Words YAML (1.1 or 1.2) could read as something other than a string. */
const KEYWORDS = /^(?:true|false|yes|no|on|off|y|n|null|~)$/i;

/** The YAML text of a scalar, quoted unless it is unambiguously a plain string. */
function yamlLiteral(value: string | number | boolean | null): string {
  if (typeof value !== 'string') return String(value);
  const plain = /^[A-Za-z_][A-Za-z0-9_./ -]*$/.test(value) && !value.endsWith(' ') && !KEYWORDS.test(value);
  return plain ? value : JSON.stringify(value);
}

export const rule: Rule = {
  meta: {
    id: 'redundant-expression',
    category: 'expressions',
    severity: 'warning',
    fixable: true,
    description:
      'A template that is just a constant (${{ 42 }}) is the constant itself: write the value directly.',
  },
  check(ctx) {
    for (const t of templateStrings(ctx)) {
      const only = t.parts.length === 1 ? t.parts[0] : undefined;
      if (only?.kind !== 'expr' || (t.path[0] === 'nodes' && t.path[2] === 'when' && t.path.length === 3))
        continue;
      const ast = astOf(only.source);
      const v = ast?.value;
      const literal =
        (ast?.type === 'number' && typeof v === 'number') ||
        (ast?.type === 'string' && typeof v === 'string') ||
        (ast?.type === 'value' && (typeof v === 'boolean' || v === null));
      if (!literal) continue;
      const text = yamlLiteral(v as string | number | boolean | null);
      const range = ctx.map.rangeOf(t.path);
      const starts = lineStarts(ctx.text);
      const written = ctx.text.slice(
        offsetOf(starts, ctx.text, range.start),
        offsetOf(starts, ctx.text, range.end),
      );
      // Only plain or quoted one-line scalars: block scalars and anything unexpected keep no fix.
      const fixable = /^['"]?\$\{\{/.test(written) && !written.includes('\n');
      ctx.report({
        message: `"\${{ ${shorten(only.source)} }}" is a constant: write ${text} directly, without \${{ }}`,
        range: ctx.map.rangeInString(t.path, 0, t.value.length),
        ...(fixable
          ? { fix: { description: `replace the template with ${text}`, edits: [{ range, text }] } }
          : {}),
      });
    }
  },
};

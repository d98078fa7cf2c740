/**
 * `expression-spacing`: templates are written `${{ expr }}`, with exactly one space inside
 * each brace pair, so they read the same everywhere. Templates spread over several lines are
 * left alone (their layout is deliberate). `--fix` rewrites only the whitespace inside the braces.
 */
import type { TextEdit, Rule } from '../types.js';
import { shorten, templateStrings } from '../expressions.js';
import { exactOffset } from '../source-edits.js';

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

export const rule: Rule = {
  meta: {
    id: 'expression-spacing',
    category: 'expressions',
    severity: 'info',
    fixable: true,
    description: 'Templates are written "${{ expr }}" with exactly one space inside the braces.',
  },
  check(ctx) {
    for (const t of templateStrings(ctx)) {
      for (const p of t.parts) {
        if (p.kind !== 'expr') continue;
        let open = p.offset; // end of the leading whitespace = start of the expression
        while (open > 0 && isSpace(t.value[open - 1])) open--;
        let close = p.offset + p.source.length; // start of the trailing whitespace
        while (isSpace(t.value[close])) close++;
        const lead = t.value.slice(open, p.offset);
        const trail = t.value.slice(p.offset + p.source.length, close);
        const start = open - 3;
        if (t.value.slice(start, open) !== '${{' || t.value.slice(close, close + 2) !== '}}') continue;
        if (lead.includes('\n') || trail.includes('\n') || (lead === ' ' && trail === ' ')) continue;
        const length = close + 2 - start;
        const at = exactOffset(ctx, t.path, t.value, start, length);
        const edits: TextEdit[] =
          at === undefined
            ? []
            : [
                { range: ctx.map.rangeAtOffset(at + 3, lead.length), text: ' ' },
                { range: ctx.map.rangeAtOffset(at + (close - start), trail.length), text: ' ' },
              ].filter((_e, i) => (i === 0 ? lead : trail) !== ' ');
        const wanted = `\${{ ${shorten(p.source)} }}`;
        ctx.report({
          message: `put exactly one space inside the braces: write "${wanted}"`,
          range: ctx.map.rangeInString(t.path, start, length),
          ...(edits.length > 0 ? { fix: { description: `respace to "${wanted}"`, edits } } : {}),
        });
      }
    }
  },
};

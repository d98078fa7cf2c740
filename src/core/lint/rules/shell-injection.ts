/**
 * `shell-injection`: an `exec` node that runs a shell script built with `${{ }}`: either
 * `shell: true` with a template in `command`, or a shell (`sh`, `bash`…) whose `-c` script
 * argument holds a template. The value is spliced into the script text, so a value with `;`,
 * `$( )` or quotes runs as shell code. Values belong in `args` (the script reads them as
 * `"$1"`, `"$2"`…), `env` or `stdin`, which the shell never parses. Constant templates
 * (`${{ 42 }}`) are not reported.
 */
import type { JsonPath } from '../../parse/source-map.js';
import type { Rule } from '../types.js';
import { isTemplate, parseTemplate } from '../../expr/template.js';
import { astOf } from '../expression-ast.js';
import { shorten } from '../expressions.js';

const SHELLS = new Set([
  'sh',
  'bash',
  'zsh',
  'dash',
  'ksh',
  'ash',
  '/bin/sh',
  '/bin/bash',
  '/usr/bin/env sh',
]);
const CONSTANT = new Set(['number', 'string', 'value']);

/** The templates of a string as `[start, end)` spans of `${{ … }}`, skipping constant ones. */
function templateSpans(value: string): { start: number; end: number; source: string }[] {
  if (!isTemplate(value)) return [];
  let parts;
  try {
    parts = parseTemplate(value);
  } catch {
    return [];
  }
  const spans = [];
  for (const p of parts) {
    if (p.kind !== 'expr' || CONSTANT.has(astOf(p.source)?.type ?? '')) continue;
    const start = value.lastIndexOf('${{', p.offset);
    const end = value.indexOf('}}', p.offset + p.source.length) + 2;
    if (start >= 0 && end >= 2) spans.push({ start, end, source: p.source });
  }
  return spans;
}

export const rule: Rule = {
  meta: {
    id: 'shell-injection',
    category: 'security',
    severity: 'error',
    fixable: false,
    description:
      'A ${{ }} template inside shell script text lets its value run as shell code; pass values as args, env or stdin.',
  },
  check(ctx) {
    for (const node of Object.values(ctx.workflow.nodes)) {
      if (node.type !== 'exec') continue;
      const { command, args, shell } = node.options;
      const scripts: { path: JsonPath; value: string; where: string }[] = [];
      if (shell === true && typeof command === 'string')
        scripts.push({
          path: ['nodes', node.id, 'command'],
          value: command,
          where: 'its shell: true command',
        });
      if (typeof command === 'string' && SHELLS.has(command.trim()) && Array.isArray(args)) {
        args.forEach((a, i) => {
          if (i > 0 && args[i - 1] === '-c' && typeof a === 'string')
            scripts.push({
              path: ['nodes', node.id, 'args', i],
              value: a,
              where: `the script it passes to ${command.trim()} -c`,
            });
        });
      }
      for (const s of scripts) {
        for (const span of templateSpans(s.value)) {
          ctx.report({
            message:
              `exec node "${node.id}" splices \${{ ${shorten(span.source, 40)} }} into ${s.where}: a value containing ; $( ) or quotes runs as shell code; ` +
              `pass it in args and refer to it as "$1" (quoted), or through env or stdin`,
            range: ctx.map.rangeInString(s.path, span.start, span.end - span.start),
          });
        }
      }
    }
  },
};

/**
 * `missing-schema-comment`: a workflow file without the `# yaml-language-server: $schema=…`
 * line gets no completion, hover docs or inline validation in editors (VS Code's YAML
 * extension, Neovim's yamlls, JetBrains). The fix adds the line at the top.
 */
import { insertBeforeLine } from '../source-edits.js';
import type { Rule } from '../types.js';

/** The published editor schema of workflow files. */
export const WORKFLOW_SCHEMA_URL =
  'https://raw.githubusercontent.com/thaiyyal/thaiyyal/main/schemas/workflow.schema.json';

const DIRECTIVE = /^#\s*yaml-language-server:\s*\$schema=/;

export const rule: Rule = {
  meta: {
    id: 'missing-schema-comment',
    category: 'maintainability',
    severity: 'info',
    fixable: true,
    // Opt-in: not every team uses a YAML language server, and the fix touches every file.
    recommended: false,
    description:
      'A workflow without a "# yaml-language-server: $schema=…" line gets no completion or inline checks in editors.',
  },
  check(ctx) {
    // The directive counts anywhere in the leading comment block, as the language server reads it.
    for (const line of ctx.lines) {
      if (DIRECTIVE.test(line.trim())) return;
      if (line.trim() !== '' && !line.trimStart().startsWith('#')) break;
    }
    ctx.report({
      message:
        'add "# yaml-language-server: $schema=…" as the first line so editors complete and check this workflow (thaiyyal init adds it)',
      range: { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } },
      fix: {
        description: 'add the yaml-language-server schema line',
        edits: [insertBeforeLine(1, `# yaml-language-server: $schema=${WORKFLOW_SCHEMA_URL}\n`)],
      },
    });
  },
};

/**
 * docs/rules/README.md, the index of every rule id, rendered from the rule catalog (the
 * registry plus the validator's and suppression findings). A test keeps the file in sync.
 */
import type { RuleInfo } from '../catalog.js';

const escapeCell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The whole README text. */
export function renderRulesIndex(rules: readonly RuleInfo[]): string {
  const row = (r: RuleInfo) =>
    `| [${r.id}](${r.id}.md) | ${r.category} | ${r.severity}${r.recommended === false ? ' (opt-in)' : ''} | ${r.fixable ? 'yes' : 'no'} | ${escapeCell(r.description)} |`;
  const table = (rs: readonly RuleInfo[]) => [
    '| rule | category | severity | fixable | description |',
    '|---|---|---|---|---|',
    ...rs.map(row),
  ];
  const lintRules = rules.filter((r) => r.kind === 'rule');
  const builtIn = rules.filter((r) => r.kind !== 'rule');
  const fixable = lintRules.filter((r) => r.fixable).length;
  return [
    '# Lint rules',
    '',
    '<!-- Generated from the rule registry (src/core/lint/catalog.ts); test/core/lint/format/rules-index.test.ts',
    '     checks it. Regenerate with THAIYYAL_UPDATE_DOCS=1 npx vitest run test/core/lint/format/rules-index.test.ts -->',
    '',
    `\`thaiyyal lint\` runs ${lintRules.length} rules (${fixable} with safe fixes for \`--fix\`) on top of the validator.`,
    'Severities are defaults: change them in the `lint.rules` section of the project config',
    '([docs/config.md](../config.md#lint)) or with `--rule id=severity`; `thaiyyal lint --rules` prints this table.',
    'Suppress a finding with `# thaiyyal-disable-next-line <rule> -- reason`.',
    '',
    '## Rules',
    '',
    ...table(lintRules),
    '',
    '## Validator and suppression findings',
    '',
    'These come from validating the workflow (they make `thaiyyal validate` fail too) and from checking',
    'suppression comments. Validator findings can be turned `off`, but their severity cannot be changed.',
    '',
    ...table(builtIn),
    '',
  ].join('\n');
}

/**
 * Every id a finding of `thaiyyal lint` can carry, with its metadata: the registered rules
 * (from their own `meta`), the validator's findings and the findings about suppression
 * comments. The one list that config validation, `--rules`, SARIF and docs/rules/README.md
 * read, so they cannot disagree.
 */
import type { Severity } from '../diagnostics.js';
import { META_RULE_IDS, RULES, VALIDATOR_RULE_IDS } from './registry.js';
import type { RuleMeta } from './types.js';

/** Metadata of one rule id. */
export interface RuleInfo extends RuleMeta {
  /** `rule`: a registered lint rule; `validator`: reported by the workflow validator; `meta`: about suppressions. */
  kind: 'rule' | 'validator' | 'meta';
}

/** Descriptions of the validator's and the suppression checks' findings (their docs pages say more). */
const BUILT_IN: Record<string, { description: string; severity: Severity }> = {
  cycle: {
    description: 'Nodes that depend on each other in a loop; every member of the cycle is named.',
    severity: 'error',
  },
  'expression-syntax': {
    description: 'A `${{ }}` template or JSONata expression that does not parse.',
    severity: 'error',
  },
  'invalid-option': {
    description: "A node option whose value does not match the node type's options schema.",
    severity: 'error',
  },
  'not-a-workflow': {
    description: 'A YAML file that is not a thaiyyal workflow (no `apiVersion`/`kind: Workflow`).',
    severity: 'error',
  },
  schema: {
    description: 'A value that does not match the workflow format (wrong type, missing required key…).',
    severity: 'error',
  },
  'unknown-key': {
    description: 'A key the workflow format or the node type does not know, with a "did you mean".',
    severity: 'error',
  },
  'unknown-node-type': {
    description: 'A node whose `type` is not a registered node type.',
    severity: 'error',
  },
  'unknown-reference': {
    description: 'A `needs`, expression or output that names a node or input that does not exist.',
    severity: 'error',
  },
  'yaml-limit': {
    description: 'A file too large, too deep or with too many aliases (alias bombs) to parse safely.',
    severity: 'error',
  },
  'yaml-syntax': {
    description: 'YAML that does not parse: the message says what the parser expected and where.',
    severity: 'error',
  },
  'unknown-rule': {
    description: 'A `thaiyyal-disable` comment that names a rule id that does not exist.',
    severity: 'error',
  },
  'unused-suppression': {
    description: 'A `thaiyyal-disable` comment that suppresses nothing; stale ones hide nothing and mislead.',
    severity: 'warning',
  },
};

function builtIn(id: string, kind: 'validator' | 'meta'): RuleInfo {
  const b = BUILT_IN[id] ?? { description: id, severity: 'error' as const };
  return {
    id,
    category: 'structure',
    severity: b.severity,
    fixable: false,
    description: b.description,
    kind,
  };
}

/** Every rule id, sorted by id. */
export const RULE_CATALOG: readonly RuleInfo[] = [
  ...RULES.map((r): RuleInfo => ({ ...r.meta, kind: 'rule' })),
  ...VALIDATOR_RULE_IDS.map((id) => builtIn(id, 'validator')),
  ...META_RULE_IDS.map((id) => builtIn(id, 'meta')),
].sort((a, b) => a.id.localeCompare(b.id));

/** Looks up the metadata of a rule id (undefined for ids that are not rules, e.g. `io`). */
export function ruleInfo(id: string): RuleInfo | undefined {
  return RULE_CATALOG.find((r) => r.id === id);
}

/** Where a rule's documentation lives (used as SARIF `helpUri` and in output). */
export { RULE_DOCS_BASE } from './rule-docs-base.js';
import { RULE_DOCS_BASE } from './rule-docs-base.js';

/** The docs URL of a rule. */
export function ruleDocsUrl(id: string): string {
  return `${RULE_DOCS_BASE}${id}.md`;
}

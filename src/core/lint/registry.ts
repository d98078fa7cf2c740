/**
 * The explicit registry of lint rules, sorted by id. Adding a rule = one file in `rules/`,
 * one line here, a docs page `docs/rules/<id>.md` and a table-driven test.
 */
import type { Rule } from './types.js';
import { rule as comparisonTypeMismatch } from './rules/comparison-type-mismatch.js';
import { rule as constantWhen } from './rules/constant-when.js';
import { rule as credentialsInUrl } from './rules/credentials-in-url.js';
import { rule as delayExceedsTimeout } from './rules/delay-exceeds-timeout.js';
import { rule as duplicateNode } from './rules/duplicate-node.js';
import { rule as dynamicNodeReference } from './rules/dynamic-node-reference.js';
import { rule as excessiveRetries } from './rules/excessive-retries.js';
import { rule as expressionSpacing } from './rules/expression-spacing.js';
import { rule as hardcodedCredential } from './rules/hardcoded-credential.js';
import { rule as httpPlainHttp } from './rules/http-plain-http.js';
import { rule as httpPrivateAddress } from './rules/http-private-address.js';
import { rule as missingDescription } from './rules/missing-description.js';
import { rule as missingOwners } from './rules/missing-owners.js';
import { rule as missingSchemaComment } from './rules/missing-schema-comment.js';
import { rule as missingTimeout } from './rules/missing-timeout.js';
import { rule as nodeIdNaming } from './rules/node-id-naming.js';
import { rule as numericDuration } from './rules/numeric-duration.js';
import { rule as redundantExpression } from './rules/redundant-expression.js';
import { rule as redundantNeeds } from './rules/redundant-needs.js';
import { rule as redundantTolerateSkipped } from './rules/redundant-tolerate-skipped.js';
import { rule as retryNonIdempotent } from './rules/retry-non-idempotent.js';
import { rule as retryWithoutDelay } from './rules/retry-without-delay.js';
import { rule as secretInLog } from './rules/secret-in-log.js';
import { rule as secretInOutput } from './rules/secret-in-output.js';
import { rule as shellInjection } from './rules/shell-injection.js';
import { rule as skippableOutput } from './rules/skippable-output.js';
import { rule as stringArithmetic } from './rules/string-arithmetic.js';
import { rule as unboundedForeach } from './rules/unbounded-foreach.js';
import { rule as undocumentedInput } from './rules/undocumented-input.js';
import { rule as unknownOutputField } from './rules/unknown-output-field.js';
import { rule as unusedInput } from './rules/unused-input.js';
import { rule as unusedNode } from './rules/unused-node.js';

/** Every lint rule, sorted by id. */
export const RULES: readonly Rule[] = [
  comparisonTypeMismatch,
  constantWhen,
  credentialsInUrl,
  delayExceedsTimeout,
  duplicateNode,
  dynamicNodeReference,
  excessiveRetries,
  expressionSpacing,
  hardcodedCredential,
  httpPlainHttp,
  httpPrivateAddress,
  missingDescription,
  missingOwners,
  missingSchemaComment,
  missingTimeout,
  nodeIdNaming,
  numericDuration,
  redundantExpression,
  redundantNeeds,
  redundantTolerateSkipped,
  retryNonIdempotent,
  retryWithoutDelay,
  secretInLog,
  secretInOutput,
  shellInjection,
  skippableOutput,
  stringArithmetic,
  unboundedForeach,
  undocumentedInput,
  unknownOutputField,
  unusedInput,
  unusedNode,
];

/** Rule ids of findings the validator reports (each has a docs page too); severity is fixed. */
export const VALIDATOR_RULE_IDS: readonly string[] = [
  'cycle',
  'expression-syntax',
  'invalid-option',
  'not-a-workflow',
  'schema',
  'unknown-key',
  'unknown-node-type',
  'unknown-reference',
  'yaml-limit',
  'yaml-syntax',
];

/** Findings about suppression comments themselves. */
export const META_RULE_IDS: readonly string[] = ['unknown-rule', 'unused-suppression'];

/** Every id that may appear in config and suppression comments. */
export const ALL_RULE_IDS: ReadonlySet<string> = new Set([
  ...RULES.map((r) => r.meta.id),
  ...VALIDATOR_RULE_IDS,
  ...META_RULE_IDS,
]);

/** Looks a rule up by id. */
export function getRule(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}

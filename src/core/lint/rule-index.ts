/**
 * Generated from the rule catalog by test/core/lint/rule-index.test.ts — do not edit.
 * What the config schema needs about every rule id, without loading the rules themselves.
 */
import type { Severity } from '../diagnostics.js';

export interface RuleIndexEntry {
  id: string;
  kind: 'rule' | 'validator' | 'meta';
  severity: Severity;
  description: string;
}

// prettier-ignore
export const RULE_INDEX: readonly RuleIndexEntry[] = [
  { id: "comparison-type-mismatch", kind: "rule", severity: "error", description: "A comparison between operands of different known types (a number and a string…) is always false or fails at run time." },
  { id: "constant-when", kind: "rule", severity: "warning", description: "A when that is the same on every run is either noise (always true) or disables the node (always false)." },
  { id: "credentials-in-url", kind: "rule", severity: "error", description: "An http url with user:password@ is refused at run time; put credentials in auth, from secrets." },
  { id: "cycle", kind: "validator", severity: "error", description: "Nodes that depend on each other in a loop; every member of the cycle is named." },
  { id: "delay-exceeds-timeout", kind: "rule", severity: "error", description: "A delay node that waits at least as long as its timeout always times out." },
  { id: "duplicate-node", kind: "rule", severity: "warning", description: "Nodes with the same type, options, when and foreach do the same work twice." },
  { id: "dynamic-node-reference", kind: "rule", severity: "warning", description: "An expression that reads nodes dynamically hides its dependencies; list them in needs." },
  { id: "excessive-retries", kind: "rule", severity: "warning", description: "More than 10 attempts, or retry delays adding up to over 10 minutes, keep a failing run alive too long." },
  { id: "expression-spacing", kind: "rule", severity: "info", description: "Templates are written \"${{ expr }}\" with exactly one space inside the braces." },
  { id: "expression-syntax", kind: "validator", severity: "error", description: "A `${{ }}` template or JSONata expression that does not parse." },
  { id: "hardcoded-credential", kind: "rule", severity: "error", description: "A token, key or password written into the workflow is readable by anyone with the repository; use ${{ secrets.NAME }}." },
  { id: "http-plain-http", kind: "rule", severity: "warning", description: "A plain http:// request to a public host can be read and changed by anyone on the path; use https://." },
  { id: "http-private-address", kind: "rule", severity: "error", description: "An http request to a literal private, loopback, link-local or metadata address is blocked at run time unless http.allow lists it." },
  { id: "invalid-option", kind: "validator", severity: "error", description: "A node option whose value does not match the node type's options schema." },
  { id: "missing-description", kind: "rule", severity: "info", description: "A workflow without a description leaves readers to guess what it is for from its nodes." },
  { id: "missing-owners", kind: "rule", severity: "info", description: "A workflow without owners has nobody to ask when it fails or needs a change." },
  { id: "missing-schema-comment", kind: "rule", severity: "info", description: "A workflow without a \"# yaml-language-server: $schema=…\" line gets no completion or inline checks in editors." },
  { id: "missing-timeout", kind: "rule", severity: "warning", description: "An http or exec node without a timeout (and no defaults.timeout) can hang a run for the project default." },
  { id: "node-id-naming", kind: "rule", severity: "warning", description: "Node ids should be camelCase or kebab-case, one style per workflow." },
  { id: "not-a-workflow", kind: "validator", severity: "error", description: "A YAML file that is not a thaiyyal workflow (no `apiVersion`/`kind: Workflow`)." },
  { id: "numeric-duration", kind: "rule", severity: "warning", description: "A duration written as a bare number is milliseconds, which readers often take for seconds; write 30s." },
  { id: "redundant-expression", kind: "rule", severity: "warning", description: "A template that is just a constant (${{ 42 }}) is the constant itself: write the value directly." },
  { id: "redundant-needs", kind: "rule", severity: "warning", description: "A needs entry already implied by an expression or another dependency, or listed twice." },
  { id: "redundant-tolerate-skipped", kind: "rule", severity: "warning", description: "tolerateSkipped: true on a node whose dependencies can never be skipped does nothing." },
  { id: "retry-non-idempotent", kind: "rule", severity: "warning", description: "Retrying a POST or PATCH request may repeat a write the server already applied." },
  { id: "retry-without-delay", kind: "rule", severity: "warning", description: "Retrying with no delay between attempts hammers a failing service instead of giving it time." },
  { id: "schema", kind: "validator", severity: "error", description: "A value that does not match the workflow format (wrong type, missing required key…)." },
  { id: "secret-in-log", kind: "rule", severity: "error", description: "A log node that writes a secret is a mistake: the value is redacted at best and leaked at worst." },
  { id: "secret-in-output", kind: "rule", severity: "error", description: "A workflow output that reads a secret hands it to whoever reads the outputs and the event log." },
  { id: "shell-injection", kind: "rule", severity: "error", description: "A ${{ }} template inside shell script text lets its value run as shell code; pass values as args, env or stdin." },
  { id: "skippable-output", kind: "rule", severity: "warning", description: "An output that reads a node that may be skipped is null after the skip." },
  { id: "string-arithmetic", kind: "rule", severity: "error", description: "Arithmetic on a string fails at run time: JSONata never converts strings to numbers." },
  { id: "unbounded-foreach", kind: "rule", severity: "warning", description: "A foreach over http, exec or workflow nodes should set its concurrency (at most 32)." },
  { id: "undocumented-input", kind: "rule", severity: "warning", description: "An input without a description leaves callers guessing what to pass." },
  { id: "unknown-key", kind: "validator", severity: "error", description: "A key the workflow format or the node type does not know, with a \"did you mean\"." },
  { id: "unknown-node-type", kind: "validator", severity: "error", description: "A node whose `type` is not a registered node type." },
  { id: "unknown-output-field", kind: "rule", severity: "error", description: "A field read from a node output whose shape is known and has no such field is always empty." },
  { id: "unknown-reference", kind: "validator", severity: "error", description: "A `needs`, expression or output that names a node or input that does not exist." },
  { id: "unknown-rule", kind: "meta", severity: "error", description: "A `thaiyyal-disable` comment that names a rule id that does not exist." },
  { id: "unused-input", kind: "rule", severity: "warning", description: "A declared input that nothing reads: callers pass a value that changes nothing." },
  { id: "unused-node", kind: "rule", severity: "warning", description: "A pure node whose output nothing reads does work that is thrown away." },
  { id: "unused-suppression", kind: "meta", severity: "warning", description: "A `thaiyyal-disable` comment that suppresses nothing; stale ones hide nothing and mislead." },
  { id: "yaml-limit", kind: "validator", severity: "error", description: "A file too large, too deep or with too many aliases (alias bombs) to parse safely." },
  { id: "yaml-syntax", kind: "validator", severity: "error", description: "YAML that does not parse: the message says what the parser expected and where." },
];

/**
 * Semver from the contract: each change of a {@link WorkflowDiff} gets a level (major, minor, patch) and a reason
 * by a fixed table (docs/versioning.md), and the diff's bump is the highest level. The contract of a workflow is
 * what a caller sees: its inputs (names, types, requiredness, allowed values), its outputs (names), its triggers and
 * its name. Everything else — nodes, options, defaults, metadata — is internal: patch.
 */
import type { InputType, Json } from '../workflow.js';
import type { Change, WorkflowDiff } from './diff.js';
import { isJsonObject, jsonEqual } from '../json.js';

export type Level = 'major' | 'minor' | 'patch';
export type Bump = Level | 'none';

/** One row of the classification table. */
export interface Rule {
  /** Stable id of the row, e.g. `input.removed`. */
  id: string;
  level: Level;
  /** Why, in words, shown next to the change. */
  reason: string;
}

export interface ClassifiedChange {
  change: Change;
  level: Level;
  /** The table row that decided. */
  rule: string;
  reason: string;
}

export interface Classification {
  bump: Bump;
  changes: ClassifiedChange[];
}

/**
 * The classification table. docs/versioning.md lists the same rows; test/core/versioning/classify.test.ts checks
 * one example per row.
 */
export const RULES = {
  'workflow.apiVersion': { level: 'major', reason: 'the workflow format version changed' },
  'workflow.name': {
    level: 'major',
    reason: 'the workflow was renamed; callers and tags refer to it by name',
  },
  'workflow.metadata': { level: 'patch', reason: 'metadata only (description, owners, labels)' },
  'workflow.defaults': { level: 'patch', reason: 'internal: default timeout, retry or concurrency changed' },
  'workflow.resources': { level: 'patch', reason: 'internal: resources changed' },
  'input.removed': { level: 'major', reason: 'callers passing this input are refused' },
  'input.renamed': { level: 'major', reason: 'callers passing the old name are refused' },
  'input.added.required': {
    level: 'major',
    reason: 'new required input without a default: every caller must pass it',
  },
  'input.added.optional': { level: 'minor', reason: 'new optional input' },
  'input.required.added': {
    level: 'major',
    reason: 'input made required (no default): callers omitting it are refused',
  },
  'input.required.removed': { level: 'minor', reason: 'input no longer required' },
  'input.type.narrowed': {
    level: 'major',
    reason: 'input type narrowed: some values accepted before are refused',
  },
  'input.type.changed': { level: 'major', reason: 'input type changed: values accepted before are refused' },
  'input.type.widened': {
    level: 'minor',
    reason: 'input type widened: every value accepted before still is',
  },
  'input.enum.narrowed': {
    level: 'major',
    reason: 'allowed values removed: some values accepted before are refused',
  },
  'input.enum.widened': { level: 'minor', reason: 'allowed values added or the restriction lifted' },
  'input.default.removed': {
    level: 'major',
    reason: 'default removed from a required input: callers must now pass it',
  },
  'input.default.changed': {
    level: 'minor',
    reason: 'default changed: callers that omit the input get another value',
  },
  'input.secret': { level: 'patch', reason: 'redaction of the input changed' },
  'input.description': { level: 'patch', reason: 'documentation only' },
  'output.removed': { level: 'major', reason: 'callers reading this output get nothing' },
  'output.renamed': { level: 'major', reason: 'callers reading the old name get nothing' },
  'output.added': { level: 'minor', reason: 'new output' },
  'output.changed': { level: 'patch', reason: "internal: how the output's value is computed changed" },
  'trigger.removed': { level: 'major', reason: 'the workflow no longer starts on this trigger' },
  'trigger.changed': { level: 'major', reason: 'the workflow starts on this trigger differently' },
  'trigger.added': { level: 'minor', reason: 'the workflow also starts on a new trigger' },
  'node.changed': { level: 'patch', reason: 'internal: a node changed' },
  'node.added': { level: 'patch', reason: 'internal: a node was added' },
  'node.removed': { level: 'patch', reason: 'internal: a node was removed' },
  'node.renamed': { level: 'patch', reason: 'internal: a node was renamed' },
} as const satisfies Record<string, Omit<Rule, 'id'>>;

export type RuleId = keyof typeof RULES;

const RANK: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

/** The higher of two bumps. */
export function maxBump(a: Bump, b: Bump): Bump {
  return RANK[a] >= RANK[b] ? a : b;
}

/** Every row of the table, in order. */
export function rules(): Rule[] {
  return Object.entries(RULES).map(([id, r]) => ({ id, ...r }));
}

/** Classifies every change of `diff`; the bump is the highest level, `none` for an empty diff. */
export function classifyDiff(diff: WorkflowDiff): Classification {
  const changes = diff.changes.map((change) => {
    const id = ruleFor(change, diff);
    const r = RULES[id];
    return { change, level: r.level, rule: id, reason: r.reason } satisfies ClassifiedChange;
  });
  const bump = changes.reduce<Bump>((acc, c) => maxBump(acc, c.level), 'none');
  return { bump, changes };
}

/** Which row of the table decides `change`. */
export function ruleFor(change: Change, diff?: WorkflowDiff): RuleId {
  switch (change.area) {
    case 'workflow':
      if (change.subject === 'apiVersion') return 'workflow.apiVersion';
      if (change.subject === 'name') return 'workflow.name';
      if (change.subject === 'defaults') return 'workflow.defaults';
      if (change.subject === 'resources') return 'workflow.resources';
      return 'workflow.metadata';
    case 'output':
      return `output.${change.kind}` as RuleId;
    case 'trigger':
      return change.kind === 'renamed' ? 'trigger.changed' : (`trigger.${change.kind}` as RuleId);
    case 'node':
      return `node.${change.kind}` as RuleId;
    case 'input':
      return inputRule(change, diff);
  }
}

function effectivelyRequired(spec: Json | undefined): boolean {
  return isJsonObject(spec) && spec.required === true && spec.default === undefined;
}

function inputRule(change: Change, diff?: WorkflowDiff): RuleId {
  if (change.kind === 'removed') return 'input.removed';
  if (change.kind === 'renamed') return 'input.renamed';
  if (change.kind === 'added')
    return effectivelyRequired(change.after) ? 'input.added.required' : 'input.added.optional';
  switch (change.field) {
    case 'required':
      return change.after === true ? 'input.required.added' : 'input.required.removed';
    case 'type':
      return typeRule(change.before as InputType, change.after as InputType);
    case 'enum':
      return enumRule(change.before, change.after);
    case 'default':
      // Default removed: breaking only when the input is required (then every caller must pass it).
      if (change.after === undefined && diff?.requiredInputs.includes(change.subject))
        return 'input.default.removed';
      return 'input.default.changed';
    case 'secret':
      return 'input.secret';
    default:
      return 'input.description';
  }
}

function typeRule(a: InputType, b: InputType): RuleId {
  if (a === 'number' && b === 'integer') return 'input.type.narrowed';
  if (a === 'integer' && b === 'number') return 'input.type.widened';
  return 'input.type.changed';
}

function enumRule(a: Json | undefined, b: Json | undefined): RuleId {
  if (b === undefined) return 'input.enum.widened';
  if (a === undefined || !Array.isArray(a) || !Array.isArray(b)) return 'input.enum.narrowed';
  const lost = a.some((x) => !b.some((y) => jsonEqual(x, y)));
  return lost ? 'input.enum.narrowed' : 'input.enum.widened';
}

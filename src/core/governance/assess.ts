/**
 * From changed files to the items the decision weighs: which changed files are workflows or
 * governance files, each workflow's bump level (semantic diff + classification), its owners
 * and its security-sensitive changes. Pure: file texts are read by the caller.
 */
import type { ExpressionOptionsOf } from '../graph.js';
import { classifyDiff } from '../versioning/classify.js';
import { diffWorkflows } from '../versioning/diff.js';
import type { Workflow } from '../workflow.js';
import { CODEOWNERS_PATHS, ownersOf, type Codeowners } from './codeowners.js';
import type { ChangedItem } from './decide.js';
import type { Bump } from './policy.js';
import { securityChanges } from './security.js';

/** Files whose change changes the gate itself: CODEOWNERS and the project config at the root. */
export const GOVERNANCE_FILES: readonly string[] = [
  ...CODEOWNERS_PATHS,
  'thaiyyal.config.yaml',
  'thaiyyal.config.yml',
];

/** A file as a forge or `git diff --name-status` reports it. */
export interface ChangedFile {
  path: string;
  status: 'added' | 'modified' | 'removed' | 'renamed';
  previousPath?: string;
}

/** True when YAML text declares a thaiyyal workflow (cheap check before parsing). */
export function looksLikeWorkflow(text: string | undefined): boolean {
  return (
    text !== undefined &&
    /^apiVersion:\s*["']?thaiyyal\.dev\//m.test(text) &&
    /^kind:\s*["']?Workflow\b/m.test(text)
  );
}

/** One side of a workflow change: the parsed workflow, or why it does not validate. */
export type WorkflowSide = { workflow: Workflow } | { invalid: string } | undefined;

/**
 * The item for one changed workflow. `codeowners` is the base's; the workflow's own `owners:`
 * count from the base version only, so a change cannot appoint its own approvers.
 * @example assessWorkflow({file, before: {workflow: a}, after: {workflow: b}, codeowners, expressionOptionsOf}).bump // 'minor'
 */
export function assessWorkflow(args: {
  file: ChangedFile;
  before: WorkflowSide;
  after: WorkflowSide;
  codeowners: Codeowners | undefined;
  expressionOptionsOf: ExpressionOptionsOf;
}): ChangedItem {
  const { file, before, after } = args;
  const owners = new Set<string>(ownersOf(args.codeowners, file.path).owners);
  if (file.previousPath) for (const o of ownersOf(args.codeowners, file.previousPath).owners) owners.add(o);
  const base = before && 'workflow' in before ? before.workflow : undefined;
  const head = after && 'workflow' in after ? after.workflow : undefined;
  for (const o of base?.owners ?? []) owners.add(o);

  let bump: Bump;
  let changes: string[] = [];
  if (file.status === 'removed' || !after) {
    bump = 'major';
    changes = ['the workflow was removed: callers and triggers break'];
  } else if (!before || file.status === 'added') {
    bump = 'minor';
    changes = ['new workflow'];
  } else if (base && head) {
    const c = classifyDiff(diffWorkflows(base, head));
    bump = c.bump;
    const rank = { major: 0, minor: 1, patch: 2 };
    changes = [...c.changes]
      .sort((a, b) => rank[a.level] - rank[b.level])
      .map((x) => `${x.level}: ${x.change.path} ${x.change.kind} — ${x.reason}`);
  } else {
    bump = 'major';
    changes = [
      base
        ? 'the new version does not validate; treated as major'
        : 'the base version does not validate; treated as major',
    ];
  }
  // a move changes which CODEOWNERS lines own the file from now on: never free
  if (file.previousPath !== undefined && file.previousPath !== file.path) {
    changes = [...changes, `patch: file moved from ${file.previousPath}`];
    if (bump === 'none') bump = 'patch';
  }
  const item: ChangedItem = {
    path: file.path,
    kind: 'workflow',
    status: file.status,
    bump,
    changes,
    owners: [...owners],
    security: head ? securityChanges(base, head, args.expressionOptionsOf) : [],
  };
  const name = head?.name ?? base?.name;
  if (name !== undefined) item.name = name;
  if (file.previousPath !== undefined) item.previousPath = file.previousPath;
  if (after && 'invalid' in after) item.invalid = after.invalid;
  return item;
}

/** The item for a changed governance file (CODEOWNERS, the project config). */
export function assessGovernanceFile(file: ChangedFile, codeowners: Codeowners | undefined): ChangedItem {
  return {
    path: file.path,
    kind: 'governance',
    status: file.status,
    bump: 'none',
    changes: ['changes who must approve, or how many'],
    owners: ownersOf(codeowners, file.path).owners,
    security: [],
  };
}

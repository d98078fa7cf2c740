/**
 * The merge decision: given the workflows a change touches (with their bump level, owners and
 * security-sensitive changes), who reviewed it and the policy, is it approved — and if not,
 * exactly what is missing, per workflow and rule. Pure.
 */
import {
  displayIdentity,
  identityKey,
  ownersMatched,
  sameIdentity,
  type Bump,
  type GovernancePolicy,
  type Identity,
} from './policy.js';
import type { SecurityChange } from './security.js';

/** A review, as the forge (or a commit trailer) reports it. */
export interface Review {
  by: Identity;
  state: 'approved' | 'changes_requested' | 'commented' | 'dismissed' | 'pending';
  /** Given before the last push (GitHub: reviewed another commit) or the last content change (git). */
  stale: boolean;
  /** When it was given (ISO), for the output only. */
  at?: string;
  /** GitHub's author_association (OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR…), when known. */
  association?: string;
}

/** One changed workflow, or one changed governance file (CODEOWNERS, the project config). */
export interface ChangedItem {
  /** Repository-relative path at the head (at the base for a removed file). */
  path: string;
  kind: 'workflow' | 'governance';
  /** The workflow's `name`, when known. */
  name?: string;
  status: 'added' | 'modified' | 'removed' | 'renamed';
  previousPath?: string;
  /** Bump level of the contract change (workflows). */
  bump: Bump;
  /** One line per semantic change (for the output). */
  changes: string[];
  /** Owners: CODEOWNERS at the base plus the workflow's `owners:` at the base. */
  owners: string[];
  security: SecurityChange[];
  /** Set when the head version does not validate: the change is blocked until it does. */
  invalid?: string;
}

export interface DecisionInput {
  items: ChangedItem[];
  /** The change's author(s): the PR author, or the authors of the commits (git mode). */
  authors: Identity[];
  /** Reviews in the order given (oldest first); a reviewer's latest state wins. */
  reviews: Review[];
  policy: GovernancePolicy;
}

export type RuleId = 'owner-approvals' | 'security-approvals' | 'changes-requested' | 'valid-workflow';

export interface RuleResult {
  /** The item's path, or `*` for a rule about the whole change. */
  path: string;
  rule: RuleId;
  /** Approvals needed and counted (approval rules). */
  need?: number;
  have?: number;
  /** Who counted (approval rules) or who blocks (changes-requested). */
  by: string[];
  /** Who could approve: the owners the rule asks for. */
  eligible: string[];
  message: string;
}

export interface Decision {
  version: 1;
  verdict: 'approved' | 'blocked';
  missing: RuleResult[];
  satisfied: RuleResult[];
  /** Approvals that did not count anywhere, and why. */
  ignored: { by: string; reason: string }[];
}

interface Effective {
  who: Identity;
  state: 'approved' | 'changes_requested';
  stale: boolean;
  association?: string;
}

/** Each reviewer's latest state, as GitHub computes it: comments do not change it, a dismissal clears it. */
export function effectiveReviews(reviews: readonly Review[]): Effective[] {
  const latest = new Map<string, Effective | undefined>();
  for (const r of reviews) {
    const key = identityKey(r.by);
    if (r.state === 'approved' || r.state === 'changes_requested') {
      latest.set(key, {
        who: r.by,
        state: r.state,
        stale: r.stale,
        ...(r.association ? { association: r.association } : {}),
      });
    } else if (r.state === 'dismissed') latest.set(key, undefined);
  }
  return [...latest.values()].filter((e): e is Effective => e !== undefined);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const WRITE_ACCESS = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);

/**
 * Decides whether the change may merge.
 * @example decide({items, authors: [{login: 'ada'}], reviews, policy}).verdict // 'blocked'
 */
export function decide(input: DecisionInput): Decision {
  const { policy } = input;
  const missing: RuleResult[] = [];
  const satisfied: RuleResult[] = [];
  const ignored = new Map<string, string>();
  const effective = effectiveReviews(input.reviews);
  const isAuthor = (who: Identity) => input.authors.some((a) => sameIdentity(a, who));

  // approvals that can count at all
  const approvers: Identity[] = [];
  for (const e of effective) {
    if (e.state !== 'approved') continue;
    const name = displayIdentity(e.who);
    if (!policy.selfApproval && isAuthor(e.who)) {
      ignored.set(name, 'the author cannot approve their own change (governance.selfApproval is false)');
    } else if (policy.dismissStaleApprovals && e.stale) {
      ignored.set(name, 'approved before the last push; the approval must be given again');
    } else approvers.push(e.who);
  }
  const used = new Set<string>();

  const approvalRule = (
    item: ChangedItem,
    rule: 'owner-approvals' | 'security-approvals',
    need: number,
    owners: string[],
    what: string,
    anyone: boolean,
  ) => {
    const by = approvers.filter((a) => anyone || ownersMatched(a, owners, policy.teams).length > 0);
    for (const a of by) used.add(identityKey(a));
    const names = by.map(displayIdentity);
    const have = by.length;
    const eligible = anyone ? ['any reviewer'] : owners;
    if (have >= need) {
      satisfied.push({
        path: item.path,
        rule,
        need,
        have,
        by: names,
        eligible,
        message:
          need === 0
            ? `${item.path}: no approval needed for ${what}`
            : `${item.path}: ${what} approved by ${names.join(', ')}`,
      });
    } else if (!anyone && owners.length === 0) {
      missing.push({
        path: item.path,
        rule,
        need,
        have,
        by: names,
        eligible,
        message: `${item.path}: ${what} needs ${plural(need, 'approval')} from an owner, but it has no owner (governance.unowned is block); add a CODEOWNERS line or \`owners:\` to the workflow`,
      });
    } else {
      missing.push({
        path: item.path,
        rule,
        need,
        have,
        by: names,
        eligible,
        message: `${item.path}: ${what} needs ${plural(need - have, 'more approval')} from ${
          anyone ? 'any reviewer other than the author' : owners.join(', ')
        } (${have} of ${need}${have > 0 ? `: ${names.join(', ')}` : ''})`,
      });
    }
  };

  for (const item of input.items) {
    if (item.invalid !== undefined) {
      missing.push({
        path: item.path,
        rule: 'valid-workflow',
        by: [],
        eligible: [],
        message: `${item.path}: the new version does not validate (${item.invalid}); fix it first`,
      });
    }
    if (item.kind === 'workflow') {
      const need = policy.approvals[item.bump];
      const unowned = item.owners.length === 0;
      const what = `a ${item.bump === 'none' ? 'non-semantic' : item.bump} change${
        item.status === 'added' ? ' (new workflow)' : item.status === 'removed' ? ' (workflow removed)' : ''
      }`;
      approvalRule(
        item,
        'owner-approvals',
        need,
        item.owners,
        what,
        unowned && policy.unowned === 'any-reviewer',
      );
    }
    const sensitive = item.kind === 'governance' || item.security.length > 0;
    if (sensitive) {
      const fallback = policy.security.owners.length === 0;
      const owners = fallback ? item.owners : policy.security.owners;
      const what =
        item.kind === 'governance'
          ? 'a change to the governance files'
          : `a security-sensitive change (${item.security.map((s) => s.message).join('; ')})`;
      approvalRule(
        item,
        'security-approvals',
        policy.security.approvals,
        owners,
        fallback ? `${what} [no governance.security.owners: the owners stand in]` : what,
        fallback && owners.length === 0 && policy.unowned === 'any-reviewer',
      );
    }
  }

  if (policy.blockOnChangesRequested) {
    const relevant = new Set<string>([...input.items.flatMap((i) => i.owners), ...policy.security.owners]);
    const blockers = effective.filter(
      (e) =>
        e.state === 'changes_requested' &&
        (ownersMatched(e.who, [...relevant], policy.teams).length > 0 ||
          (e.association !== undefined && WRITE_ACCESS.has(e.association))),
    );
    const names = blockers.map((b) => displayIdentity(b.who));
    if (blockers.length > 0) {
      missing.push({
        path: '*',
        rule: 'changes-requested',
        by: names,
        eligible: [],
        message: `changes requested by ${names.join(', ')}: they must approve, or their review must be dismissed`,
      });
    } else if (input.items.length > 0) {
      satisfied.push({
        path: '*',
        rule: 'changes-requested',
        by: [],
        eligible: [],
        message: 'no changes requested',
      });
    }
  }

  for (const a of approvers) {
    const key = identityKey(a);
    if (!used.has(key)) ignored.set(displayIdentity(a), 'not an owner of any changed workflow');
  }
  return {
    version: 1,
    verdict: missing.length === 0 ? 'approved' : 'blocked',
    missing,
    satisfied,
    ignored: [...ignored].map(([by, reason]) => ({ by, reason })),
  };
}

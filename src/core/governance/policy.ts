/**
 * The governance policy (`governance:` in thaiyyal.config.yaml) and who counts as an owner.
 * Pure: team memberships are data passed in (from the config's `teams`, or resolved by the
 * GitHub adapter).
 */

/** The version bump a change to a workflow's contract implies (src/core/versioning/classify.ts). */
export type Bump = 'major' | 'minor' | 'patch' | 'none';

export const BUMPS: readonly Bump[] = ['major', 'minor', 'patch', 'none'];

/** What a workflow with no owner (no CODEOWNERS match, no `owners:`) needs. */
export type UnownedPolicy = 'any-reviewer' | 'block';

export interface GovernancePolicy {
  /** Approvals needed from the workflow's owners, per bump level of its change. */
  approvals: Record<Bump, number>;
  security: {
    /**
     * Who must approve security-sensitive changes (a new exec command, a new HTTP host, a new
     * secret) and changes to CODEOWNERS or the project config: `@user`, `@org/team`, emails.
     * Empty: the workflow's owners stand in (and the output says so).
     */
    owners: string[];
    /** Approvals needed from them. */
    approvals: number;
  };
  /** Whether the author's own approval counts (GitHub's "prevent self-review" is the default: no). */
  selfApproval: boolean;
  /** Approvals given before the last push (GitHub) or the last content change (git) do not count. */
  dismissStaleApprovals: boolean;
  /** A reviewer whose latest review requests changes blocks the merge until they approve or are dismissed. */
  blockOnChangesRequested: boolean;
  /** What a workflow with no owner needs: approvals from any reviewer, or it is blocked. */
  unowned: UnownedPolicy;
  /** Team → members (`@login` or email); used where the forge cannot say (git mode), and merged with it. */
  teams: Record<string, string[]>;
}

export const DEFAULT_GOVERNANCE: GovernancePolicy = {
  approvals: { major: 2, minor: 1, patch: 1, none: 0 },
  security: { owners: [], approvals: 1 },
  selfApproval: false,
  dismissStaleApprovals: true,
  blockOnChangesRequested: true,
  unowned: 'any-reviewer',
  teams: {},
};

/** A person: a forge login and/or an email (git mode). */
export interface Identity {
  login?: string;
  email?: string;
  name?: string;
}

/** How a person is shown: `@login`, else `Name <email>`, else the email. */
export function displayIdentity(who: Identity): string {
  if (who.login) return `@${who.login}`;
  if (who.email) return who.name ? `${who.name} <${who.email}>` : who.email;
  return who.name ?? 'unknown';
}

/** A stable key for a person (logins and emails compare case-insensitively). */
export function identityKey(who: Identity): string {
  return who.login ? `@${who.login.toLowerCase()}` : (who.email ?? who.name ?? '').toLowerCase();
}

/** True when two identities are the same person (same login, or same email). */
export function sameIdentity(a: Identity, b: Identity): boolean {
  if (a.login && b.login) return a.login.toLowerCase() === b.login.toLowerCase();
  if (a.email && b.email) return a.email.toLowerCase() === b.email.toLowerCase();
  return false;
}

/**
 * True when `who` is `owner`: `@login` by login, an email by email, `@org/team` by the team's
 * members in `teams` (members written `@login` or as emails).
 * @example isOwner({login: 'ada'}, '@acme/flows', {'@acme/flows': ['@ada']}) // true
 */
export function isOwner(who: Identity, owner: string, teams: Record<string, string[]>): boolean {
  const o = owner.toLowerCase();
  if (o.startsWith('@') && o.includes('/')) {
    const members = Object.entries(teams).find(([t]) => t.toLowerCase() === o)?.[1] ?? [];
    return members.some((m) => !(m.startsWith('@') && m.includes('/')) && isOwner(who, m, {}));
  }
  if (o.startsWith('@')) return who.login !== undefined && `@${who.login.toLowerCase()}` === o;
  return who.email !== undefined && who.email.toLowerCase() === o;
}

/** The owners (of a list) that `who` is, or is a member of. */
export function ownersMatched(
  who: Identity,
  owners: readonly string[],
  teams: Record<string, string[]>,
): string[] {
  return owners.filter((o) => isOwner(who, o, teams));
}

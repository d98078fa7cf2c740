/** The merge decision, table-driven: per-bump approvals, security owners, self-approval, stale and dismissed reviews. */
import { describe, expect, it } from 'vitest';
import {
  decide,
  effectiveReviews,
  type ChangedItem,
  type Review,
} from '../../../src/core/governance/decide.js';
import { DEFAULT_GOVERNANCE, isOwner, type GovernancePolicy } from '../../../src/core/governance/policy.js';
import type { SecurityChange } from '../../../src/core/governance/security.js';

const wf = (over: Partial<ChangedItem> = {}): ChangedItem => ({
  path: 'workflows/deploy.yaml',
  kind: 'workflow',
  name: 'deploy',
  status: 'modified',
  bump: 'minor',
  changes: [],
  owners: ['@acme/ops', '@olga'],
  security: [],
  ...over,
});
const approve = (login: string, stale = false): Review => ({ by: { login }, state: 'approved', stale });
const request = (login: string, association = 'MEMBER'): Review => ({
  by: { login },
  state: 'changes_requested',
  stale: false,
  association,
});
const policy = (over: Partial<GovernancePolicy> = {}): GovernancePolicy => ({
  ...DEFAULT_GOVERNANCE,
  teams: { '@acme/ops': ['@otto', '@oona'], '@acme/security': ['@sam', 'sue@acme.dev'] },
  ...over,
});
const secret: SecurityChange = {
  kind: 'secret',
  name: 'DEPLOY_KEY',
  message: 'new secret referenced: secrets.DEPLOY_KEY',
};

interface Case {
  name: string;
  items: ChangedItem[];
  reviews: Review[];
  policy?: Partial<GovernancePolicy>;
  authors?: string[];
  verdict: 'approved' | 'blocked';
  /** `path rule have/need` of each missing requirement. */
  missing: string[];
  ignored?: string[];
}

const CASES: Case[] = [
  {
    name: 'minor change, one owner approves',
    items: [wf()],
    reviews: [approve('olga')],
    verdict: 'approved',
    missing: [],
  },
  {
    name: 'minor change, a team member approves',
    items: [wf()],
    reviews: [approve('otto')],
    verdict: 'approved',
    missing: [],
  },
  {
    name: 'minor change, no review',
    items: [wf()],
    reviews: [],
    verdict: 'blocked',
    missing: ['workflows/deploy.yaml owner-approvals 0/1'],
  },
  {
    name: 'major change needs two owners',
    items: [wf({ bump: 'major' })],
    reviews: [approve('olga')],
    verdict: 'blocked',
    missing: ['workflows/deploy.yaml owner-approvals 1/2'],
  },
  {
    name: 'major change, two owners approve',
    items: [wf({ bump: 'major' })],
    reviews: [approve('olga'), approve('otto')],
    verdict: 'approved',
    missing: [],
  },
  {
    name: 'the same reviewer twice counts once',
    items: [wf({ bump: 'major' })],
    reviews: [approve('olga'), approve('olga')],
    verdict: 'blocked',
    missing: ['workflows/deploy.yaml owner-approvals 1/2'],
  },
  {
    name: 'a non-owner approval does not count',
    items: [wf()],
    reviews: [approve('nina')],
    verdict: 'blocked',
    missing: ['workflows/deploy.yaml owner-approvals 0/1'],
    ignored: ['@nina: not an owner of any changed workflow'],
  },
  {
    name: 'non-semantic change needs nothing by default',
    items: [wf({ bump: 'none' })],
    reviews: [],
    verdict: 'approved',
    missing: [],
  },
  {
    name: 'per-bump counts come from the policy',
    items: [wf({ bump: 'patch' })],
    reviews: [approve('olga')],
    policy: { approvals: { major: 3, minor: 2, patch: 2, none: 1 } },
    verdict: 'blocked',
    missing: ['workflows/deploy.yaml owner-approvals 1/2'],
  },
  {
    name: 'self-approval does not count',
    items: [wf()],
    reviews: [approve('olga')],
    authors: ['olga'],
    verdict: 'blocked',
    missing: ['workflows/deploy.yaml owner-approvals 0/1'],
    ignored: ['@olga: the author cannot approve their own change (governance.selfApproval is false)'],
  },
  {
    name: 'self-approval counts when the policy allows it',
    items: [wf()],
    reviews: [approve('olga')],
    authors: ['olga'],
    policy: { selfApproval: true },
    verdict: 'approved',
    missing: [],
  },
  {
    name: 'an approval older than the last push does not count',
    items: [wf()],
    reviews: [approve('olga', true)],
    verdict: 'blocked',
    missing: ['workflows/deploy.yaml owner-approvals 0/1'],
    ignored: ['@olga: approved before the last push; the approval must be given again'],
  },
  {
    name: 'stale approvals count when dismissStaleApprovals is off',
    items: [wf()],
    reviews: [approve('olga', true)],
    policy: { dismissStaleApprovals: false },
    verdict: 'approved',
    missing: [],
  },
  {
    name: 'approved again after the push',
    items: [wf()],
    reviews: [approve('olga', true), approve('olga')],
    verdict: 'approved',
    missing: [],
  },
  {
    name: 'changes requested by an owner block',
    items: [wf()],
    reviews: [approve('olga'), request('otto', 'CONTRIBUTOR')],
    verdict: 'blocked',
    missing: ['* changes-requested'],
  },
  {
    name: 'changes requested, then approved: the latest review wins',
    items: [wf()],
    reviews: [request('olga'), approve('olga')],
    verdict: 'approved',
    missing: [],
  },
  {
    name: 'approved, then changes requested: the latest review wins',
    items: [wf()],
    reviews: [approve('olga'), request('olga')],
    verdict: 'blocked',
    missing: ['workflows/deploy.yaml owner-approvals 0/1', '* changes-requested'],
  },
  {
    name: 'a comment after an approval does not undo it',
    items: [wf()],
    reviews: [approve('olga'), { by: { login: 'olga' }, state: 'commented', stale: false }],
    verdict: 'approved',
    missing: [],
  },
  {
    name: 'a dismissed change request no longer blocks',
    items: [wf()],
    reviews: [approve('olga'), request('otto'), { by: { login: 'otto' }, state: 'dismissed', stale: false }],
    verdict: 'approved',
    missing: [],
  },
  {
    name: 'a dismissed approval no longer counts',
    items: [wf()],
    reviews: [approve('olga'), { by: { login: 'olga' }, state: 'dismissed', stale: false }],
    verdict: 'blocked',
    missing: ['workflows/deploy.yaml owner-approvals 0/1'],
  },
  {
    name: 'changes requested by an outsider without write access do not block',
    items: [wf()],
    reviews: [approve('olga'), request('drive-by', 'NONE')],
    verdict: 'approved',
    missing: [],
  },
  {
    name: 'changes requested by a collaborator block',
    items: [wf()],
    reviews: [approve('olga'), request('carl', 'COLLABORATOR')],
    verdict: 'blocked',
    missing: ['* changes-requested'],
  },
  {
    name: 'changes requested do not block when the policy says so',
    items: [wf()],
    reviews: [approve('olga'), request('otto')],
    policy: { blockOnChangesRequested: false },
    verdict: 'approved',
    missing: [],
  },
  {
    name: 'security-sensitive change needs a security owner',
    items: [wf({ security: [secret] })],
    reviews: [approve('olga')],
    policy: { security: { owners: ['@acme/security'], approvals: 1 } },
    verdict: 'blocked',
    missing: ['workflows/deploy.yaml security-approvals 0/1'],
  },
  {
    name: 'security-sensitive change approved by an owner and a security owner (email member)',
    items: [wf({ security: [secret] })],
    reviews: [
      approve('olga'),
      { by: { login: 'sue', email: 'sue@acme.dev' }, state: 'approved', stale: false },
    ],
    policy: { security: { owners: ['@acme/security'], approvals: 1 } },
    verdict: 'approved',
    missing: [],
  },
  {
    name: 'a security owner who is also an owner satisfies both rules',
    items: [wf({ security: [secret], owners: ['@sam'] })],
    reviews: [approve('sam')],
    policy: { security: { owners: ['@acme/security'], approvals: 1 } },
    verdict: 'approved',
    missing: [],
  },
  {
    name: 'without security owners, the workflow owners stand in',
    items: [wf({ security: [secret] })],
    reviews: [approve('olga')],
    verdict: 'approved',
    missing: [],
  },
  {
    name: 'an unowned workflow: any reviewer but the author',
    items: [wf({ owners: [] })],
    reviews: [approve('nina'), approve('ada')],
    authors: ['ada'],
    verdict: 'approved',
    missing: [],
  },
  {
    name: 'an unowned workflow is blocked when the policy says so',
    items: [wf({ owners: [] })],
    reviews: [approve('nina')],
    policy: { unowned: 'block' },
    verdict: 'blocked',
    missing: ['workflows/deploy.yaml owner-approvals 0/1'],
  },
  {
    name: 'a governance file needs the security owners',
    items: [
      {
        path: '.github/CODEOWNERS',
        kind: 'governance',
        status: 'modified',
        bump: 'none',
        changes: [],
        owners: [],
        security: [],
      },
    ],
    reviews: [approve('olga')],
    policy: { security: { owners: ['@acme/security'], approvals: 1 } },
    verdict: 'blocked',
    missing: ['.github/CODEOWNERS security-approvals 0/1'],
  },
  {
    name: 'a workflow that does not validate is blocked whatever the reviews',
    items: [wf({ invalid: 'workflows/deploy.yaml:3:1: bad [schema]' })],
    reviews: [approve('olga')],
    verdict: 'blocked',
    missing: ['workflows/deploy.yaml valid-workflow'],
  },
  {
    name: 'two workflows, each with its own owners',
    items: [wf(), wf({ path: 'workflows/report.yaml', owners: ['@rita'], bump: 'patch' })],
    reviews: [approve('olga')],
    verdict: 'blocked',
    missing: ['workflows/report.yaml owner-approvals 0/1'],
  },
  { name: 'nothing changed', items: [], reviews: [], verdict: 'approved', missing: [] },
];

describe('decide', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const d = decide({
        items: c.items,
        authors: (c.authors ?? ['ada']).map((login) => ({ login })),
        reviews: c.reviews,
        policy: policy(c.policy),
      });
      expect(d.verdict).toBe(c.verdict);
      expect(
        d.missing.map((m) => `${m.path} ${m.rule}${m.need !== undefined ? ` ${m.have}/${m.need}` : ''}`),
      ).toEqual(c.missing);
      if (c.ignored) expect(d.ignored.map((i) => `${i.by}: ${i.reason}`)).toEqual(c.ignored);
    });
  }

  it('says exactly what is missing, and who may give it', () => {
    const d = decide({
      items: [wf({ bump: 'major', security: [secret] })],
      authors: [{ login: 'ada' }],
      reviews: [approve('olga'), request('otto')],
      policy: policy({ security: { owners: ['@acme/security'], approvals: 1 } }),
    });
    expect(d.missing.map((m) => m.message)).toEqual([
      'workflows/deploy.yaml: a major change needs 1 more approval from @acme/ops, @olga (1 of 2: @olga)',
      'workflows/deploy.yaml: a security-sensitive change (new secret referenced: secrets.DEPLOY_KEY) needs 1 more approval from @acme/security (0 of 1)',
      'changes requested by @otto: they must approve, or their review must be dismissed',
    ]);
    expect(d.missing[0]).toMatchObject({ eligible: ['@acme/ops', '@olga'], by: ['@olga'], need: 2, have: 1 });
    expect(d.satisfied).toEqual([]);
  });

  it('lists what is satisfied', () => {
    const d = decide({
      items: [wf()],
      authors: [{ login: 'ada' }],
      reviews: [approve('oona')],
      policy: policy(),
    });
    expect(d.satisfied.map((s) => s.message)).toEqual([
      'workflows/deploy.yaml: a minor change approved by @oona',
      'no changes requested',
    ]);
  });
});

describe('effectiveReviews and isOwner', () => {
  it('keeps each reviewer latest approving or blocking state', () => {
    const e = effectiveReviews([
      approve('a'),
      request('b'),
      approve('B'),
      { by: { login: 'a' }, state: 'pending', stale: false },
    ]);
    expect(e.map((x) => `${x.who.login}:${x.state}`)).toEqual(['a:approved', 'B:approved']);
  });

  it.each([
    [{ login: 'Olga' }, '@olga', true],
    [{ login: 'olga' }, '@olgaa', false],
    [{ email: 'Sue@Acme.dev' }, 'sue@acme.dev', true],
    [{ login: 'sue' }, 'sue@acme.dev', false],
    [{ login: 'sam' }, '@acme/security', true],
    [{ email: 'sue@acme.dev' }, '@ACME/Security', true],
    [{ login: 'olga' }, '@acme/security', false],
    [{ login: 'x' }, '@acme/unknown', false],
  ])('%j is %s: %s', (who, owner, expected) => {
    expect(isOwner(who, owner, policy().teams)).toBe(expected);
  });
});

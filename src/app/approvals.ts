/**
 * `thaiyyal approvals`: may this change merge? Wires the pure decision (src/core/governance)
 * to GitHub (`--pr`, src/adapters/github.ts) or to plain git (`--git`, signed `Approved-by:`
 * trailers, src/adapters/git-approvals.ts). Returns data; throws UserError; never prints.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseConfig } from '../core/config-parse.js';
import { formatDiagnostic, hasErrors } from '../core/diagnostics.js';
import { UserError } from '../core/errors.js';
import {
  assessGovernanceFile,
  assessWorkflow,
  GOVERNANCE_FILES,
  looksLikeWorkflow,
  type ChangedFile,
  type WorkflowSide,
} from '../core/governance/assess.js';
import { CODEOWNERS_PATHS, parseCodeowners, type Codeowners } from '../core/governance/codeowners.js';
import { decide, type ChangedItem, type Decision, type Review } from '../core/governance/decide.js';
import {
  DEFAULT_GOVERNANCE,
  displayIdentity,
  type GovernancePolicy,
  type Identity,
} from '../core/governance/policy.js';
import { parseWorkflow } from '../core/validate.js';
import { loadProjectConfig } from '../adapters/load-config.js';
import { expressionOptionsOf, nodeTypes } from '../nodes/registry.js';

/** The status context `--set-status` posts. */
export const STATUS_CONTEXT = 'thaiyyal/approvals';

/** The result of `approvals check` (`--json`). */
export interface ApprovalReport extends Decision {
  mode: 'github' | 'git';
  target: {
    repository?: string;
    pr?: number;
    title?: string;
    url?: string;
    base: string;
    head: string;
    authors: string[];
  };
  /** Where the policy and CODEOWNERS were read (the base, so a change cannot loosen its own gate). */
  policySource: { config?: string; codeowners?: string };
  /** The changed workflows and governance files that were weighed. */
  items: ChangedItem[];
  warnings: string[];
  /** Set with --set-status. */
  status?: { context: string; state: 'success' | 'failure'; description: string };
}

/** Reads a file at the base or the head; undefined when absent. */
type Reader = (side: 'base' | 'head', path: string) => Promise<string | undefined>;

/** The policy and CODEOWNERS as of the base. */
async function basePolicy(
  read: Reader,
  root: string,
  warnings: string[],
): Promise<{ policy: GovernancePolicy; codeowners?: Codeowners; source: ApprovalReport['policySource'] }> {
  const source: ApprovalReport['policySource'] = {};
  let policy = structuredClone(DEFAULT_GOVERNANCE);
  for (const name of ['thaiyyal.config.yaml', 'thaiyyal.config.yml']) {
    const text = await read('base', name);
    if (text === undefined) continue;
    const label = `${name} (base)`;
    const { config, diagnostics } = parseConfig(text, label, root);
    if (!config || hasErrors(diagnostics)) {
      throw new UserError(
        'config',
        `invalid project config ${label}:\n${diagnostics
          .filter((d) => d.severity === 'error')
          .map(formatDiagnostic)
          .join('\n')}`,
        { diagnostics, suggestions: ['see docs/config.md and docs/governance.md'] },
      );
    }
    policy = config.governance;
    source.config = name;
    break;
  }
  let codeowners: Codeowners | undefined;
  for (const path of CODEOWNERS_PATHS) {
    const text = await read('base', path);
    if (text === undefined) continue;
    const parsed = parseCodeowners(text, path);
    for (const p of parsed.problems) warnings.push(p.message);
    codeowners = parsed.codeowners;
    source.codeowners = path;
    break;
  }
  return { policy, ...(codeowners ? { codeowners } : {}), source };
}

function side(text: string | undefined, label: string): WorkflowSide {
  if (text === undefined) return undefined;
  const { workflow, diagnostics } = parseWorkflow(text, label, nodeTypes);
  if (workflow && !hasErrors(diagnostics)) return { workflow };
  const first = diagnostics.find((d) => d.severity === 'error');
  return { invalid: first ? formatDiagnostic(first) : 'invalid workflow' };
}

/** The items to weigh: changed governance files and changed workflows (other files are not ours). */
async function buildItems(files: readonly ChangedFile[], read: Reader, codeowners: Codeowners | undefined) {
  const items: ChangedItem[] = [];
  for (const file of files) {
    if (
      GOVERNANCE_FILES.includes(file.path) ||
      (file.previousPath && GOVERNANCE_FILES.includes(file.previousPath))
    ) {
      items.push(assessGovernanceFile(file, codeowners));
      continue;
    }
    if (!/\.ya?ml$/i.test(file.path)) continue;
    const beforeText =
      file.status === 'added' ? undefined : await read('base', file.previousPath ?? file.path);
    const afterText = file.status === 'removed' ? undefined : await read('head', file.path);
    if (!looksLikeWorkflow(beforeText) && !looksLikeWorkflow(afterText)) continue;
    items.push(
      assessWorkflow({
        file,
        before: side(beforeText, `${file.previousPath ?? file.path} (base)`),
        after: side(afterText, file.path),
        codeowners,
        expressionOptionsOf,
      }),
    );
  }
  return items;
}

/** Team owners (`@org/team`) the items and the policy name. */
function teamsNamed(items: readonly ChangedItem[], policy: GovernancePolicy): string[] {
  const all = new Set([...items.flatMap((i) => i.owners), ...policy.security.owners]);
  return [...all].filter((o) => /^@[^/]+\/.+$/.test(o)).sort();
}

// ---------------------------------------------------------------------------------------------
// GitHub

export interface PullRequestCheckOptions {
  cwd: string;
  /** The environment (GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_EVENT_PATH, GITHUB_API_URL). */
  env: Record<string, string | undefined>;
  pr?: number;
  repository?: string;
  apiUrl?: string;
  setStatus?: boolean;
  timeoutMs?: number;
  now?: () => number;
}

async function prFromEvent(path: string | undefined): Promise<number | undefined> {
  if (!path) return undefined;
  let event: unknown;
  try {
    event = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new UserError(
      'github-event',
      `cannot read the GitHub event payload ${path} (GITHUB_EVENT_PATH): ${(err as Error).message}`,
    );
  }
  const e = event as { pull_request?: { number?: unknown }; number?: unknown };
  const n = e.pull_request?.number ?? (e.pull_request ? e.number : undefined);
  return typeof n === 'number' ? n : undefined;
}

/**
 * `approvals check --pr N`: reads the pull request, its files, reviews and commits from the
 * GitHub REST API, the policy and CODEOWNERS at its base, each changed workflow at base and
 * head, and decides. With `setStatus`, posts the verdict as a commit status on the head.
 */
export async function checkPullRequest(opts: PullRequestCheckOptions): Promise<ApprovalReport> {
  const { env } = opts;
  const repository = opts.repository ?? env['GITHUB_REPOSITORY'];
  if (!repository) {
    throw new UserError('usage', 'which repository? pass --repo owner/name (GITHUB_REPOSITORY is not set)');
  }
  const pr = opts.pr ?? (await prFromEvent(env['GITHUB_EVENT_PATH']));
  if (pr === undefined) {
    throw new UserError('usage', 'which pull request? pass --pr N (the GitHub event is not a pull request)', {
      suggestions: ['in Actions, run on `pull_request` events, or pass --pr ${{ github.event.number }}'],
    });
  }
  const token = env['GITHUB_TOKEN'] ?? env['GH_TOKEN'];
  if (!token) {
    throw new UserError('github-auth', 'GITHUB_TOKEN is not set; the GitHub API needs a token', {
      suggestions: [
        'in Actions: `env: GITHUB_TOKEN: ${{ github.token }}`; locally: export GITHUB_TOKEN=$(gh auth token)',
      ],
    });
  }
  const baseUrl = opts.apiUrl ?? env['GITHUB_API_URL'] ?? 'https://api.github.com';
  const { GitHubClient } = await import('../adapters/github.js');
  const gh = new GitHubClient({
    token,
    baseUrl,
    repository,
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  });
  const info = await gh.pullRequest(pr);
  const [files, reviews, commits] = [await gh.files(pr), await gh.reviews(pr), await gh.commits(pr)];

  // Read files from the local clone when it has both commits (fewer API calls), else through the API.
  const local = await import('../adapters/git-approvals.js');
  let localRoot: string | undefined;
  try {
    const root = await local.gitRoot(opts.cwd);
    if ((await local.hasCommit(root, info.baseSha)) && (await local.hasCommit(root, info.headSha)))
      localRoot = root;
  } catch {
    localRoot = undefined;
  }
  const read: Reader = (s, path) => {
    const sha = s === 'base' ? info.baseSha : info.headSha;
    return localRoot ? local.fileAt(localRoot, sha, path) : gh.fileAt(path, sha);
  };

  const warnings: string[] = [];
  const { policy, codeowners, source } = await basePolicy(read, opts.cwd, warnings);
  const changed: ChangedFile[] = files.map((f) => {
    const status =
      f.status === 'added' || f.status === 'copied'
        ? 'added'
        : f.status === 'removed'
          ? 'removed'
          : f.status === 'renamed'
            ? 'renamed'
            : 'modified';
    return { path: f.filename, status, ...(f.previousFilename ? { previousPath: f.previousFilename } : {}) };
  });
  const items = await buildItems(changed, read, codeowners);

  // Teams the config does not list are resolved through the API (the token needs read:org).
  const teams = { ...policy.teams };
  for (const team of teamsNamed(items, policy)) {
    if (Object.keys(teams).some((t) => t.toLowerCase() === team.toLowerCase())) continue;
    const members = await gh.teamMembers(team);
    if (members === undefined) {
      warnings.push(
        `cannot read the members of ${team} (the token needs read:org); its members' approvals do not count — list them in governance.teams`,
      );
      teams[team] = [];
    } else teams[team] = members.map((m) => `@${m}`);
  }

  const authors: Identity[] = [{ login: info.author }];
  for (const c of commits) {
    if (c.authorLogin && !authors.some((a) => a.login?.toLowerCase() === c.authorLogin!.toLowerCase())) {
      authors.push({ login: c.authorLogin });
    }
  }
  const STATES: Record<string, Review['state']> = {
    APPROVED: 'approved',
    CHANGES_REQUESTED: 'changes_requested',
    COMMENTED: 'commented',
    DISMISSED: 'dismissed',
    PENDING: 'pending',
  };
  const decision = decide({
    items,
    authors,
    reviews: reviews.map((r) => ({
      by: { login: r.login },
      state: STATES[r.state] ?? 'commented',
      stale: r.commitId !== undefined && r.commitId !== info.headSha,
      ...(r.submittedAt ? { at: r.submittedAt } : {}),
      ...(r.association ? { association: r.association } : {}),
    })),
    policy: { ...policy, teams },
  });
  const report: ApprovalReport = {
    ...decision,
    mode: 'github',
    target: {
      repository,
      pr,
      title: info.title,
      ...(info.htmlUrl ? { url: info.htmlUrl } : {}),
      base: info.baseSha,
      head: info.headSha,
      authors: authors.map(displayIdentity),
    },
    policySource: source,
    items,
    warnings,
  };
  if (opts.setStatus) {
    const status = statusOf(report);
    await gh.setStatus(info.headSha, { ...status, ...(info.htmlUrl ? { targetUrl: info.htmlUrl } : {}) });
    report.status = status;
  }
  return report;
}

/** The commit status for a report: success, or failure with what is missing (≤ 140 characters). */
export function statusOf(report: Decision): {
  context: string;
  state: 'success' | 'failure';
  description: string;
} {
  if (report.verdict === 'approved') {
    return {
      context: STATUS_CONTEXT,
      state: 'success',
      description: 'approved: every governance rule is met',
    };
  }
  const first = report.missing[0]!;
  const more = report.missing.length > 1 ? ` (+${report.missing.length - 1} more)` : '';
  const text = `blocked: ${first.message}`;
  const room = 140 - more.length;
  return {
    context: STATUS_CONTEXT,
    state: 'failure',
    description: (text.length > room ? `${text.slice(0, room - 1)}…` : text) + more,
  };
}

// ---------------------------------------------------------------------------------------------
// git

export interface GitCheckOptions {
  cwd: string;
  base?: string;
  head?: string;
}

const SIGNATURE_PROBLEMS: Record<string, string> = {
  N: 'the commit is not signed',
  B: 'the signature is bad',
  U: 'the signature is good but its key is not trusted',
  X: 'the signature has expired',
  Y: 'the signing key has expired',
  R: 'the signing key was revoked',
  E: 'the signature cannot be checked (for SSH keys set gpg.ssh.allowedSignersFile; for GPG import the key)',
};

/** The email of a signer: `Name <email>` (GPG user id) or the principal itself (SSH allowed signers). */
const signerEmail = (signer: string) => /<([^<>]+)>/.exec(signer)?.[1] ?? signer.trim();

/** `Name <email>` → identity; a bare email too. */
export function parseApprover(value: string): Identity | undefined {
  const m = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value);
  if (m) return { email: m[2]!, ...(m[1] ? { name: m[1] } : {}) };
  const bare = value.trim();
  return /^[^\s@<>]+@[^\s@<>]+$/.test(bare) ? { email: bare } : undefined;
}

/**
 * `approvals check --git`: approvals are `Approved-by: Name <email>` trailers on commits of
 * `base..head` that carry a valid signature by that same person; the policy and CODEOWNERS
 * are read at the merge base. An approval counts while no later commit changes the files.
 */
export async function checkGitRange(opts: GitCheckOptions): Promise<ApprovalReport> {
  const git = await import('../adapters/git-approvals.js');
  const root = await git.gitRoot(opts.cwd);
  const headRef = opts.head ?? 'HEAD';
  const head = await git.resolveCommit(root, headRef, '--head');
  const baseRef = opts.base ?? (await git.defaultBase(root));
  if (baseRef === undefined) {
    throw new UserError(
      'usage',
      'no base to compare with: there is no origin/HEAD, main or master; pass --base REF',
    );
  }
  const baseTip = await git.resolveCommit(root, baseRef, '--base');
  const base = await git.mergeBase(root, baseTip, head);
  const read: Reader = (s, path) => git.fileAt(root, s === 'base' ? base : head, path);

  const warnings: string[] = [];
  const { policy, codeowners, source } = await basePolicy(read, root, warnings);
  const items = await buildItems(await git.changedFiles(root, base, head), read, codeowners);
  const commits = await git.rangeCommits(root, base, head);
  const headTree = commits.length > 0 ? commits[commits.length - 1]!.tree : undefined;

  // Whoever wrote, committed or signed a commit that changes files is an author of the change
  // (git records what commits claim: require signed commits where authorship may be forged).
  const authors: Identity[] = [];
  const addAuthor = (email: string, name?: string) => {
    if (email === '' || authors.some((a) => a.email?.toLowerCase() === email.toLowerCase())) return;
    authors.push({ email, ...(name ? { name } : {}) });
  };
  for (const c of commits) {
    if (!c.changesContent) continue;
    addAuthor(c.authorEmail, c.authorName);
    addAuthor(c.committerEmail);
    if (c.signature === 'G') addAuthor(signerEmail(c.signer));
  }
  const reviews: Review[] = [];
  const ignored: Decision['ignored'] = [];
  for (const c of commits) {
    for (const value of c.approvedBy) {
      const who = parseApprover(value);
      const at = c.sha.slice(0, 12);
      if (!who) {
        ignored.push({ by: value, reason: `Approved-by on ${at} is not "Name <email>"` });
        continue;
      }
      const name = displayIdentity(who);
      if (c.signature !== 'G') {
        ignored.push({
          by: name,
          reason: `Approved-by on ${at}: ${SIGNATURE_PROBLEMS[c.signature] ?? `signature status ${c.signature}`}`,
        });
        continue;
      }
      if (signerEmail(c.signer).toLowerCase() !== who.email!.toLowerCase()) {
        ignored.push({
          by: name,
          reason: `Approved-by on ${at} is signed by ${c.signer || 'someone else'}, not by the approver`,
        });
        continue;
      }
      reviews.push({ by: who, state: 'approved', stale: c.tree !== headTree, at: c.sha });
    }
  }
  const decision = decide({ items, authors, reviews, policy });
  return {
    ...decision,
    ignored: [...ignored, ...decision.ignored],
    mode: 'git',
    target: { base, head, authors: authors.map(displayIdentity) },
    policySource: source,
    items,
    warnings,
  };
}

// ---------------------------------------------------------------------------------------------
// policy

export interface PolicyReport {
  version: 1;
  /** The config file the policy comes from, or undefined for the defaults. */
  config?: string;
  policy: GovernancePolicy;
  codeowners?: { file: string; rules: number; problems: string[] };
}

/** `approvals policy`: the effective policy of the project in `cwd` (defaults merged) and its CODEOWNERS. */
export async function effectivePolicy(opts: { cwd: string }): Promise<PolicyReport> {
  const config = await loadProjectConfig(opts.cwd);
  const report: PolicyReport = {
    version: 1,
    ...(config.file ? { config: config.file } : {}),
    policy: config.governance,
  };
  for (const path of CODEOWNERS_PATHS) {
    const text = await readFile(join(config.root, path), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const { codeowners, problems } = parseCodeowners(text, path);
    report.codeowners = {
      file: path,
      rules: codeowners.rules.length,
      problems: problems.map((p) => p.message),
    };
    break;
  }
  return report;
}

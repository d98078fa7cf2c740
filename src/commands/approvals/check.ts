import { Flags } from '@oclif/core';
import { BaseCommand, jsonFlag } from '../base.js';

/** `thaiyyal approvals check`: may this change merge? */
export default class ApprovalsCheck extends BaseCommand {
  static override summary =
    'Decide whether a pull request (or a git range) may merge under the governance policy.';

  static override description = `Weighs every changed workflow: its version bump from the semantic diff (major, minor, patch), its owners (CODEOWNERS and the workflow's owners: field, both as of the base) and its security-sensitive changes (a new exec command, a new HTTP host, a new secret). The policy (governance: in thaiyyal.config.yaml, read at the base so a change cannot loosen its own gate) says how many owner approvals each bump needs and who must approve security-sensitive changes. The author's approval and approvals older than the last push do not count; a reviewer's latest review wins.

With --pr (or on a pull_request event in GitHub Actions) it reads GitHub through the REST API with GITHUB_TOKEN (GITHUB_REPOSITORY, GITHUB_EVENT_PATH and GITHUB_API_URL are used when set); --set-status posts the verdict as the commit status "thaiyyal/approvals".

With --git it needs no forge: approvals are "Approved-by: Name <email>" trailers on commits of base..head that are signed by that person (git log %G? must be G), counted while no later commit changes the files.

Exit codes: 0 approved, 1 blocked, 2 bad input or config, or GitHub could not be read (not found, bad token, rate limit, network).`;

  static override examples = [
    {
      description: 'In GitHub Actions on a pull_request event (repository and PR from the environment)',
      command: '<%= config.bin %> <%= command.id %> --set-status',
    },
    {
      description: 'One pull request, as JSON',
      command: '<%= config.bin %> <%= command.id %> --pr 42 --repo acme/flows --json',
    },
    {
      description: 'Without a forge: signed Approved-by trailers on the commits since main',
      command: '<%= config.bin %> <%= command.id %> --git --base main',
    },
  ];

  static override flags = {
    pr: Flags.integer({
      description: 'Pull request number (default: from GITHUB_EVENT_PATH).',
      min: 1,
      helpValue: 'N',
    }),
    repo: Flags.string({
      description: 'Repository owner/name (default: GITHUB_REPOSITORY).',
      helpValue: 'OWNER/NAME',
    }),
    'api-url': Flags.string({
      description: 'GitHub REST API root (default: GITHUB_API_URL, else https://api.github.com).',
      helpValue: 'URL',
    }),
    'set-status': Flags.boolean({
      description: 'Post the verdict as the commit status thaiyyal/approvals.',
      default: false,
    }),
    git: Flags.boolean({
      description: 'Forge-neutral mode: signed Approved-by trailers on the commits of base..head.',
      default: false,
      exclusive: ['pr', 'repo', 'api-url', 'set-status'],
    }),
    base: Flags.string({
      description: 'With --git: the base branch or commit (default: origin/HEAD, main or master).',
      helpValue: 'REF',
      dependsOn: ['git'],
    }),
    head: Flags.string({
      description: 'With --git: the head (default: HEAD).',
      helpValue: 'REF',
      dependsOn: ['git'],
    }),
    json: jsonFlag,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(ApprovalsCheck);
    const app = await import('../../app/approvals.js');
    const { UserError } = await import('../../core/errors.js');
    let report;
    if (flags.git) {
      report = await app.checkGitRange({
        cwd: process.cwd(),
        ...(flags.base !== undefined ? { base: flags.base } : {}),
        ...(flags.head !== undefined ? { head: flags.head } : {}),
      });
    } else {
      if (flags.pr === undefined && !process.env['GITHUB_EVENT_PATH']) {
        throw new UserError('usage', 'pass --pr N (GitHub) or --git (signed Approved-by trailers)', {
          suggestions: [
            'thaiyyal approvals check --pr 42 --repo acme/flows',
            'thaiyyal approvals check --git --base main',
          ],
        });
      }
      report = await app.checkPullRequest({
        cwd: process.cwd(),
        env: process.env,
        ...(flags.pr !== undefined ? { pr: flags.pr } : {}),
        ...(flags.repo !== undefined ? { repository: flags.repo } : {}),
        ...(flags['api-url'] !== undefined ? { apiUrl: flags['api-url'] } : {}),
        setStatus: flags['set-status'],
      });
    }
    process.exitCode = report.verdict === 'approved' ? 0 : 1;
    if (flags.json) {
      this.printJson(report);
      return;
    }
    const { renderApprovalReport } = await import('./render.js');
    const { palette } = await import('../../ui/style.js');
    this.print(renderApprovalReport(report, palette(process.stdout)));
  }
}

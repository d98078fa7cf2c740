import { BaseCommand, jsonFlag } from '../base.js';

/** `thaiyyal approvals policy`: the effective governance policy. */
export default class ApprovalsPolicy extends BaseCommand {
  static override summary = 'Print the effective governance policy (the config merged over the defaults).';

  static override description = `Shows the governance: section of thaiyyal.config.yaml with every default filled in — approvals per bump level, security owners, self-approval, stale approvals, changes requested, unowned workflows, teams — and which CODEOWNERS file applies (with any line GitHub would reject). See docs/governance.md.`;

  static override examples = [
    { description: 'The policy in force', command: '<%= config.bin %> <%= command.id %>' },
    { description: 'As JSON (for scripts)', command: '<%= config.bin %> <%= command.id %> --json' },
  ];

  static override flags = { json: jsonFlag };

  async run(): Promise<void> {
    const { flags } = await this.parse(ApprovalsPolicy);
    const { effectivePolicy } = await import('../../app/approvals.js');
    const report = await effectivePolicy({ cwd: process.cwd() });
    if (flags.json) {
      this.printJson(report);
      return;
    }
    const { renderPolicy } = await import('./render.js');
    const { palette } = await import('../../ui/style.js');
    this.print(renderPolicy(report, palette(process.stdout)));
  }
}

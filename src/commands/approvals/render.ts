/**
 * Human output of `thaiyyal approvals check` and `approvals policy` (loaded lazily by the
 * commands; `--json` prints the report itself).
 */
import type { ApprovalReport, PolicyReport } from '../../app/approvals.js';
import type { Palette } from '../../ui/style.js';

/** The verdict, then each changed workflow, what is missing and what is satisfied. */
export function renderApprovalReport(r: ApprovalReport, c: Palette): string {
  const lines: string[] = [];
  const what =
    r.mode === 'github'
      ? `${r.target.repository}#${r.target.pr}${r.target.title ? ` ${r.target.title}` : ''}`
      : `${r.target.base.slice(0, 12)}..${r.target.head.slice(0, 12)}`;
  lines.push(
    r.verdict === 'approved'
      ? `${c.green('✓ approved')}  ${what}`
      : `${c.red('✗ blocked')}  ${what}  (${r.missing.length} missing)`,
  );
  if (r.target.authors.length > 0)
    lines.push(c.dim(`  author${r.target.authors.length > 1 ? 's' : ''}: ${r.target.authors.join(', ')}`));
  const src = [r.policySource.config ?? 'default policy', r.policySource.codeowners ?? 'no CODEOWNERS'].join(
    ', ',
  );
  lines.push(c.dim(`  policy from the base: ${src}`));
  if (r.items.length === 0) lines.push('', 'No workflow or governance file changed.');
  for (const item of r.items) {
    lines.push('');
    const name = item.name && item.kind === 'workflow' ? ` (${item.name})` : '';
    const level = item.kind === 'workflow' ? `${item.bump}` : 'governance';
    lines.push(`${c.bold(item.path)}${name}  ${c.cyan(level)}  ${item.status}`);
    lines.push(`  owners: ${item.owners.length > 0 ? item.owners.join(', ') : c.yellow('none')}`);
    for (const ch of item.changes.slice(0, 8)) lines.push(c.dim(`  · ${ch}`));
    if (item.changes.length > 8) lines.push(c.dim(`  · … ${item.changes.length - 8} more`));
    for (const s of item.security) lines.push(`  ${c.yellow('!')} ${s.message}`);
  }
  if (r.missing.length > 0) {
    lines.push('', c.bold('Missing:'));
    for (const m of r.missing) lines.push(`  ${c.red('✗')} ${m.message}`);
  }
  if (r.satisfied.length > 0) {
    lines.push('', c.bold('Satisfied:'));
    for (const s of r.satisfied) lines.push(`  ${c.green('✓')} ${s.message}`);
  }
  if (r.ignored.length > 0) {
    lines.push('', c.bold('Not counted:'));
    for (const i of r.ignored) lines.push(`  – ${i.by}: ${i.reason}`);
  }
  for (const w of r.warnings) lines.push('', `${c.yellow('warning:')} ${w}`);
  if (r.status) lines.push('', `commit status ${r.status.context}: ${r.status.state}`);
  return lines.join('\n') + '\n';
}

/** The effective policy as YAML-like text. */
export function renderPolicy(p: PolicyReport, c: Palette): string {
  const g = p.policy;
  const list = (xs: string[]) => (xs.length > 0 ? xs.join(', ') : '(none)');
  const lines = [
    c.dim(`# effective governance policy (${p.config ?? 'no thaiyyal.config.yaml: defaults'})`),
    'approvals from the owners of a changed workflow, per bump level:',
    `  major: ${g.approvals.major}`,
    `  minor: ${g.approvals.minor}`,
    `  patch: ${g.approvals.patch}`,
    `  none:  ${g.approvals.none}`,
    'security-sensitive changes (new exec, new HTTP host, new secret) and governance files:',
    `  owners:    ${g.security.owners.length > 0 ? g.security.owners.join(', ') : "(none: the workflow's owners stand in)"}`,
    `  approvals: ${g.security.approvals}`,
    `self-approval:              ${g.selfApproval ? 'counts' : 'does not count'}`,
    `stale approvals:            ${g.dismissStaleApprovals ? 'dismissed (approvals before the last push do not count)' : 'count'}`,
    `changes requested:          ${g.blockOnChangesRequested ? 'block until approved or dismissed' : 'do not block'}`,
    `workflows without an owner: ${g.unowned === 'block' ? 'blocked' : 'any reviewer may approve'}`,
  ];
  const teams = Object.entries(g.teams);
  if (teams.length > 0) {
    lines.push('teams:');
    for (const [t, m] of teams) lines.push(`  ${t}: ${list(m)}`);
  }
  if (p.codeowners) {
    lines.push(
      `CODEOWNERS: ${p.codeowners.file} (${p.codeowners.rules} rule${p.codeowners.rules === 1 ? '' : 's'})`,
    );
    for (const problem of p.codeowners.problems) lines.push(`  ${c.yellow('warning:')} ${problem}`);
  } else lines.push('CODEOWNERS: none (.github/CODEOWNERS, CODEOWNERS, docs/CODEOWNERS)');
  return lines.join('\n') + '\n';
}

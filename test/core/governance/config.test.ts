/** The `governance:` section of the project config: merged over the defaults, clear errors. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/config-parse.js';
import { DEFAULT_GOVERNANCE } from '../../../src/core/governance/policy.js';

const parse = (text: string) => parseConfig(text, '/p/thaiyyal.config.yaml', '/p');
const messages = (text: string) =>
  parse(text).diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.col} ${d.message}`);

describe('config governance section', () => {
  it('defaults when absent', () => {
    expect(parse('version: 1\n').config?.governance).toEqual(DEFAULT_GOVERNANCE);
  });

  it('merges what is written over the defaults', () => {
    const { config, diagnostics } = parse(`version: 1
governance:
  approvals: {major: 3, patch: 0}
  security:
    owners: ['@acme/security', sec@acme.dev]
  selfApproval: true
  unowned: block
  teams:
    '@acme/security': ['@sam', sue@acme.dev]
`);
    expect(diagnostics).toEqual([]);
    expect(config?.governance).toEqual({
      ...DEFAULT_GOVERNANCE,
      approvals: { major: 3, minor: 1, patch: 0, none: 0 },
      security: { owners: ['@acme/security', 'sec@acme.dev'], approvals: 1 },
      selfApproval: true,
      unowned: 'block',
      teams: { '@acme/security': ['@sam', 'sue@acme.dev'] },
    });
  });

  it.each([
    [
      'governance:\n  approvals: {majr: 1}\n',
      /unknown key "majr" in "governance.approvals"; did you mean "major"\?/,
    ],
    ['governance:\n  approvals: {major: -1}\n', /governance.approvals.major.*(>=|at least) 0/],
    [
      'governance:\n  security: {owners: [security-team]}\n',
      /is not an owner; write @user, @org\/team or an email address/,
    ],
    ['governance:\n  teams: {security: ["@sam"]}\n', /is not a team; write @org\/team/],
    ['governance:\n  unowned: nobody\n', /governance.unowned/],
    ['governance:\n  selfApproval: yes please\n', /governance.selfApproval/],
  ])('rejects %j', (section, message) => {
    const m = messages(`version: 1\n${section}`);
    expect(m.length).toBeGreaterThan(0);
    expect(m.join('\n')).toMatch(message);
  });
});

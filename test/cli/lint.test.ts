/** `thaiyyal lint` end to end: the real bin/run.js in a temp git repository. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FORMAT_NAMES } from '../../src/core/lint/format/index.js';
import { BIN, makeRepo, runCli, type TempRepo } from '../helpers/cli.js';

const WARN = `apiVersion: thaiyyal.dev/v1
kind: Workflow
name: warn
description: Fetches the status.
owners: [team-a]
nodes:
  fetch:
    type: http
    url: https://status.example.com/api
outputs:
  status: \${{ nodes.fetch.output.status }}
`;
const BAD = `apiVersion: thaiyyal.dev/v1
kind: Workflow
name: bad
description: Broken.
owners: [team-a]
nodes:
  fetch:
    type: htp
`;

let repo: TempRepo;
afterEach(() => repo?.cleanup());
const lint = (args: string[]) => runCli(['lint', ...args], { cwd: repo.dir });

describe('thaiyyal lint', () => {
  it('exit 0 with warnings, 1 with --max-warnings 0 or a --rule that makes them errors', async () => {
    repo = await makeRepo({ 'workflows/warn.yaml': WARN });
    const ok = await lint([]);
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toContain('workflows/warn.yaml\n');
    expect(ok.stdout).toMatch(/warning {2}.*missing-timeout/);
    expect((await lint(['--max-warnings', '0'])).exitCode).toBe(1);
    expect((await lint(['--max-warnings', '5'])).exitCode).toBe(0);
    const strict = await lint(['--rule', 'missing-timeout=error', '-f', 'compact']);
    expect(strict.exitCode).toBe(1);
    expect(strict.stdout).toMatch(/^workflows\/warn\.yaml:7:3: .* \[missing-timeout\]$/m);
    const off = await lint(['--rule', 'missing-timeout=off', '-f', 'compact', '--max-warnings', '0']);
    expect(off.stdout).not.toContain('missing-timeout');
  });

  it('exit 1 on errors; --quiet keeps only errors', async () => {
    repo = await makeRepo({ 'bad.yaml': BAD, 'warn.yaml': WARN });
    const r = await lint(['--format', 'compact', '--quiet']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^bad\.yaml:8:11: unknown node type "htp".*\[unknown-node-type\]$/m);
    expect(r.stdout).not.toContain('(warning)');
  });

  it('exit 2 for an unknown rule id in the config, or in --rule', async () => {
    repo = await makeRepo({
      'thaiyyal.config.yaml': 'version: 1\nlint:\n  rules:\n    missing-timout: error\n',
      'warn.yaml': WARN,
    });
    const r = await lint([]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('did you mean "missing-timeout"');
    await repo.write({ 'thaiyyal.config.yaml': 'version: 1\n' });
    const f = await lint(['--rule', 'no-such-rule=error']);
    expect(f.exitCode).toBe(2);
    expect(f.stderr).toContain('unknown rule "no-such-rule"');
    expect((await lint(['missing-dir/'])).exitCode).toBe(2);
  });

  it('machine formats: json on stdout, sarif to --output-file, github annotations', async () => {
    repo = await makeRepo({ 'warn.yaml': WARN });
    const json = await lint(['--format', 'json']);
    expect(JSON.parse(json.stdout)[0]).toMatchObject({
      file: 'warn.yaml',
      findings: [{ ruleId: 'missing-timeout' }],
    });
    const sarif = await lint(['-f', 'sarif', '-o', 'out/report.sarif']);
    expect(sarif.exitCode).toBe(0);
    expect(sarif.stdout).toBe('');
    const log = JSON.parse(readFileSync(join(repo.dir, 'out/report.sarif'), 'utf8'));
    expect(log.runs[0].results[0]).toMatchObject({ ruleId: 'missing-timeout', level: 'warning' });
    expect(log.runs[0].tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
    const gh = await lint(['-f', 'github']);
    expect(gh.stdout).toMatch(/^::warning file=warn\.yaml,line=7,col=3,.*title=missing-timeout::/m);
  });

  it('--fix writes, --fix-dry-run prints a diff', async () => {
    repo = await makeRepo({ 'warn.yaml': WARN });
    const dry = await lint(['--fix-dry-run']);
    expect(dry.stdout).toContain('+++ b/warn.yaml');
    expect(dry.stdout).toContain('+    timeout: 30s');
    expect(readFileSync(join(repo.dir, 'warn.yaml'), 'utf8')).toBe(WARN);
    const fix = await lint(['--fix', '--max-warnings', '0']);
    expect(fix.exitCode).toBe(0);
    expect(fix.stdout).toContain('fixed 1 problem');
    expect(readFileSync(join(repo.dir, 'warn.yaml'), 'utf8')).toContain('    timeout: 30s\n');
  });

  it('--stdin with --stdin-filename', async () => {
    repo = await makeRepo({});
    const env: NodeJS.ProcessEnv = { ...process.env, CI: '1', NO_COLOR: '1' };
    delete env['NODE_ENV'];
    const r = spawnSync(
      process.execPath,
      [BIN, 'lint', '--stdin', '--stdin-filename', 'wf/x.yaml', '-f', 'compact'],
      {
        cwd: repo.dir,
        input: WARN,
        encoding: 'utf8',
        env,
      },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^wf\/x\.yaml:7:3: .*\[missing-timeout\] \(warning\)$/m);
  });

  it('--rules lists every rule; --help shows the formats and examples', async () => {
    repo = await makeRepo({});
    const table = await lint(['--rules']);
    expect(table.stdout).toMatch(/^missing-timeout +reliability +warning +yes +/m);
    const json = JSON.parse((await lint(['--rules', '--json'])).stdout);
    expect(json.find((r: { id: string }) => r.id === 'cycle')).toMatchObject({
      kind: 'validator',
      severity: 'error',
    });
    const help = await runCli(['lint', '--help'], { cwd: repo.dir });
    expect(help.stdout).toContain(`<options: ${FORMAT_NAMES.join('|')}>`);
    expect(help.stdout).toContain('--fix-dry-run');
    expect(help.stdout).toContain('EXAMPLES');
  });
});

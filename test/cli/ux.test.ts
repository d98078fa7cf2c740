/**
 * Output details: config errors listed once, a config directory named as such, `run --quiet`
 * failures on stderr, `--input` before the file, no listr2 on a 0-column terminal, and
 * array-of-union option types in `nodes`.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgressSink, isInteractive } from '../../src/ui/progress.js';
import { PlainProgressSink } from '../../src/ui/progress-plain.js';
import { optionDocs } from '../../src/ui/nodes-render.js';
import { renderError } from '../../src/ui/errors.js';
import { UserError } from '../../src/core/errors.js';
import type { Diagnostic } from '../../src/core/diagnostics.js';
import { makeRepo, runCli, type TempRepo } from '../helpers/cli.js';
import { FAILING_WORKFLOW, OK_WORKFLOW } from './fixtures.js';

let repo: TempRepo;
beforeAll(async () => {
  repo = await makeRepo({
    'wf.yaml': OK_WORKFLOW,
    'failing.yaml': FAILING_WORKFLOW,
    'bad-config/wf.yaml': OK_WORKFLOW,
    'bad-config/thaiyyal.config.yaml': 'version: 1\nlimits:\n  nodeTimeoutMs: 5\nhttp: {timeoutMs: 3}\n',
    'dir-config/wf.yaml': OK_WORKFLOW,
  });
  await mkdir(join(repo.dir, 'dir-config', 'thaiyyal.config.yaml'));
});
afterAll(() => repo.cleanup());

const count = (text: string, part: string) => text.split(part).length - 1;

describe('config errors', () => {
  it('prints each diagnostic once', async () => {
    const r = await runCli(['run', 'bad-config/wf.yaml'], { cwd: repo.dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('invalid project config');
    expect(count(r.stderr, 'unknown key "nodeTimeoutMs"')).toBe(1);
    expect(count(r.stderr, 'unknown key "timeoutMs"')).toBe(1);
    expect(r.stderr).toContain('did you mean "nodeTimeout"');
    const json = await runCli(['run', 'bad-config/wf.yaml', '--json'], { cwd: repo.dir });
    const doc = JSON.parse(json.stdout) as { error: { code: string; diagnostics: unknown[] } };
    expect(doc.error.code).toBe('config');
    expect(doc.error.diagnostics).toHaveLength(2);
  });

  it('renderError lists a diagnostic only when the message does not already', () => {
    const diag = (line: number, message: string): Diagnostic => ({
      code: 'schema',
      severity: 'error',
      message,
      file: 'c.yaml',
      range: { start: { line, col: 1 }, end: { line, col: 2 } },
    });
    const err = new UserError('config', 'invalid c.yaml:\nc.yaml:1:1: first [schema]', {
      diagnostics: [diag(1, 'first'), diag(2, 'second')],
    });
    const { text } = renderError(err, 'run', { write: () => true });
    expect(count(text, 'first [schema]')).toBe(1);
    expect(count(text, 'second [schema]')).toBe(1);
    expect(text).toContain('\n  c.yaml:1:1: first');
  });

  it('a directory named thaiyyal.config.yaml is named as such, without a "workflow file" hint', async () => {
    const r = await runCli(['run', 'dir-config/wf.yaml'], { cwd: repo.dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('thaiyyal.config.yaml is a directory; the project config must be a file');
    expect(r.stderr).not.toContain('workflow file');
  });
});

describe('thaiyyal run', () => {
  it('--quiet on a failed run: outputs on stdout, the error code and message on stderr', async () => {
    const r = await runCli(['run', 'failing.yaml', '--quiet'], { cwd: repo.dir });
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({});
    expect(r.stderr).toContain('nope');
    expect(r.stderr).toContain('rejected after 1');
  });

  it('--quiet on success prints nothing on stderr', async () => {
    const r = await runCli(['run', 'wf.yaml', '--quiet'], { cwd: repo.dir });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('accepts --input before the file', async () => {
    const r = await runCli(['run', '--input', 'a=5', '-i', 'a=6', 'wf.yaml', '--quiet'], { cwd: repo.dir });
    // given twice: a usage error about the input, not "Missing 1 required arg"
    expect(r.stderr).toContain('--input "a" is given twice');
    const ok = await runCli(['run', '--input', 'a=5', 'wf.yaml', '--quiet'], { cwd: repo.dir });
    expect(ok.stderr).toBe('');
    expect(ok.exitCode).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ result: 10 });
  });
});

describe('progress display', () => {
  const saved = { CI: process.env['CI'], TERM: process.env['TERM'] };
  beforeAll(() => {
    delete process.env['CI'];
    process.env['TERM'] = 'xterm-256color';
  });
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  const tty = (columns: number | undefined) => ({
    isTTY: true,
    write: () => true,
    ...(columns === undefined ? {} : { columns }),
  });

  it('falls back to plain lines when the terminal reports no or too few columns', async () => {
    expect(isInteractive(tty(80))).toBe(true);
    for (const columns of [undefined, 0, 19]) {
      expect(isInteractive(tty(columns))).toBe(false);
      expect(await createProgressSink(tty(columns))).toBeInstanceOf(PlainProgressSink);
    }
  });
});

describe('nodes option types', () => {
  it('an array of a union is parenthesised', () => {
    const [args] = optionDocs({
      type: 'object',
      properties: { args: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'number' }] } } },
    });
    expect(args!.type).toBe('(string | number)[]');
    expect(
      optionDocs({ type: 'object', properties: { a: { type: 'array', items: { type: 'string' } } } })[0]!
        .type,
    ).toBe('string[]');
  });

  it('`nodes exec` shows (string | number)[] for args', async () => {
    const r = await runCli(['nodes', 'exec'], { cwd: repo.dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^ {2}args\s+\(string \| number\)\[\]\s/m);
  });
});

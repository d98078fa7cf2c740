import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createProcessRunner } from '../../src/adapters/process.js';
import { DEFAULT_CONFIG } from '../../src/core/config.js';
import { buildProcessRequest, exec, type ExecOptions } from '../../src/nodes/exec.js';
import { makeTestContext } from '../helpers/node-context.js';
import { failure } from '../helpers/failure.js';

const programs = fileURLToPath(new URL('../fixtures/programs/', import.meta.url));
const fixturesDir = dirname(programs.replace(/\/$/, ''));
const runner = createProcessRunner({ killGraceMs: 300 });

type ExecOutput = { exitCode: number; stdout: unknown; stderr: string; truncated: boolean };

function run(
  options: ExecOptions,
  opts: { exec?: Partial<typeof DEFAULT_CONFIG.exec>; signal?: AbortSignal } = {},
) {
  const ctx = makeTestContext({
    overrides: { process: runner, workflowDir: fixturesDir, ...(opts.signal ? { signal: opts.signal } : {}) },
    config: { exec: { ...DEFAULT_CONFIG.exec, ...opts.exec } },
  });
  return Promise.resolve(exec.execute(options, ctx)) as Promise<ExecOutput>;
}

/** Runs a fixture program with node. */
function program(
  name: string,
  args: (string | number)[] = [],
  extra: Partial<ExecOptions> = {},
): ExecOptions {
  return { command: process.execPath, args: [join(programs, name), ...args], ...extra };
}

describe('exec node', () => {
  it('returns {exitCode, stdout, stderr, truncated}', async () => {
    expect(await run(program('exit.mjs', [0, 1]))).toEqual({
      exitCode: 0,
      stdout: 'out',
      stderr: 'error line 1',
      truncated: false,
    });
  });

  it('a disallowed exit code is exec.exit with the code and the last 20 stderr lines', async () => {
    const f = await failure(run(program('exit.mjs', [2, 30])));
    expect(f.code).toBe('exec.exit');
    expect(f.retryable).toBe(false);
    expect(f.message).toContain('exited with code 2');
    expect(f.message).toContain('error line 30');
    expect(f.message).toContain('error line 11');
    expect(f.message).not.toContain('error line 10\n');
    expect(f.details).toMatchObject({ exitCode: 2 });
  });

  it('allowExitCodes accepts other codes', async () => {
    const out = await run(program('exit.mjs', [1], { allowExitCodes: [0, 1] }));
    expect(out.exitCode).toBe(1);
  });

  it('stdin: strings as-is, other JSON serialised', async () => {
    expect((await run(program('stdin.mjs', [], { stdin: 'plain' }))).stdout).toBe('got:plain');
    expect((await run(program('stdin.mjs', [], { stdin: { a: [1, true] } }))).stdout).toBe(
      'got:{"a":[1,true]}',
    );
  });

  it('env is added to the minimal base', async () => {
    const out = await run(program('env.mjs', [], { env: { COUNT: 3, FLAG: true }, parse: 'json' }));
    const env = out.stdout as Record<string, string>;
    expect(env).toMatchObject({ COUNT: '3', FLAG: 'true' });
    expect(
      Object.keys(env).every((k) => ['COUNT', 'FLAG', 'PATH', 'HOME', 'LANG', 'TMPDIR'].includes(k)),
    ).toBe(true);
  });

  it('cwd resolves against the workflow directory', async () => {
    expect((await run(program('cwd.mjs', [], { cwd: 'programs' }))).stdout).toBe(programs.replace(/\/$/, ''));
    expect((await run(program('cwd.mjs'))).stdout).toBe(fixturesDir);
  });

  it('parse: json and lines', async () => {
    expect((await run(program('json.mjs', [], { parse: 'json' }))).stdout).toEqual({
      name: 'thaiyyal',
      n: [1, 2, 3],
    });
    expect((await run(program('lines.mjs', [], { parse: 'lines' }))).stdout).toEqual([
      'alpha',
      'beta',
      'gamma',
    ]);
    expect((await run(program('args.mjs', [], { parse: 'lines' }))).stdout).toEqual(['[]']);
  });

  it('invalid JSON output is exec.invalid-json', async () => {
    const f = await failure(run(program('json.mjs', ['bad'], { parse: 'json' })));
    expect(f.code).toBe('exec.invalid-json');
  });

  it('truncated JSON output names the cap', async () => {
    const f = await failure(
      run(program('flood.mjs', [5000], { parse: 'json' }), { exec: { maxOutputBytes: 100 } }),
    );
    expect(f.code).toBe('exec.invalid-json');
    expect(f.message).toContain('maxOutputBytes');
  });

  it('caps output from the project config', async () => {
    const out = await run(program('flood.mjs', [100_000]), { exec: { maxOutputBytes: 64 } });
    expect(out.truncated).toBe(true);
    expect(out.stdout).toBe('x'.repeat(64));
  });

  it('times out at the project exec.timeoutMs', async () => {
    const f = await failure(run(program('sleep.mjs', [60_000]), { exec: { timeoutMs: 200 } }));
    expect(f.code).toBe('exec.timeout');
    expect(f.retryable).toBe(true);
  });

  it('ctx.signal cancels', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const f = await failure(run(program('sleep.mjs', [60_000]), { signal: controller.signal }));
    expect(f.code).toBe('exec.cancelled');
  });

  it('shell mode passes args as $1…, never as script text', async () => {
    const out = await run({
      command: 'echo "$1" | tr a-z A-Z; echo "$2"',
      shell: true,
      args: ['hello', '; echo injected'],
    });
    expect(out.stdout).toBe('HELLO\n; echo injected');
  });

  it('a missing command is exec.not-found', async () => {
    const f = await failure(run({ command: 'thaiyyal-definitely-missing' }));
    expect(f.code).toBe('exec.not-found');
    expect(f.message).toContain('thaiyyal-definitely-missing');
  });
});

describe('buildProcessRequest validation', () => {
  const limits = DEFAULT_CONFIG.exec;
  it.each<[string, ExecOptions, string]>([
    ['an empty command', { command: ' ' }, 'command must be a non-empty string'],
    ['an object arg', { command: 'x', args: [{} as never] }, 'args[0]'],
    ['an object env value', { command: 'x', env: { A: {} as never } }, 'env.A'],
  ])('refuses %s', (_name, options, message) => {
    expect(() => buildProcessRequest(options, '/w', limits)).toThrow(message);
  });

  it('numbers in args become strings; absolute cwd is kept', () => {
    expect(buildProcessRequest({ command: 'x', args: ['a', 2], cwd: '/abs' }, '/w', limits)).toMatchObject({
      args: ['a', '2'],
      cwd: '/abs',
      shell: false,
      timeoutMs: limits.timeoutMs,
      maxOutputBytes: limits.maxOutputBytes,
    });
  });
});

describe('exec optionsSchema', () => {
  const validate = new Ajv2020({ strict: true, allErrors: true }).compile(exec.optionsSchema);

  it('compiles in strict mode and accepts the example', () => {
    const [node] = Object.values(parseYaml(exec.example) as Record<string, Record<string, unknown>>);
    const { type, ...options } = node ?? {};
    expect(type).toBe('exec');
    validate(options);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('rejects invalid options', () => {
    expect(validate({ command: 'x', shell: 'yes' })).toBe(false);
    expect(validate({ ...{ command: 'x', shell: 'yes' }, unknownOption: 1 })).toBe(false);
  });

  it('describes every property (editor tooltips)', () => {
    const properties = exec.optionsSchema.properties as Record<string, { description?: string }>;
    for (const [name, schema] of Object.entries(properties)) expect(schema.description, name).toBeTruthy();
  });
});

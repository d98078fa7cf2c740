/**
 * The run twin end to end: real files in a temp project, the real loader, engine and
 * event log on disk.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWorkflowFile } from '../../src/app/run.js';
import { UserError } from '../../src/core/errors.js';
import { EVENT_LOG_VERSION, type RunEvent } from '../../src/engine/events.js';
import { head, project } from '../helpers/project.js';
import { logText } from '../helpers/run-log.js';

describe('runWorkflowFile', () => {
  it('writes the event log to .thaiyyal/runs/<runId>.jsonl, gzipped once the run finished, one versioned event per line', async () => {
    const dir = project({
      'wf.yaml': `${head('log')}inputs:\n  n: {type: number, default: 2}\nnodes:\n  a:\n    type: transform\n    expression: inputs.n * 21\noutputs:\n  a: \${{ nodes.a.output }}\n`,
    });
    const r = await runWorkflowFile({ file: join(dir, 'wf.yaml') });
    expect(r.status).toBe('succeeded');
    expect(r.outputs).toEqual({ a: 42 });
    expect(r.logFile).toBe(join(dir, '.thaiyyal', 'runs', `${r.runId}.jsonl.gz`));
    const events = logText(r.logFile!)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as RunEvent);
    expect(events.map((e) => e.type)).toEqual([
      'run.started',
      'node.scheduled',
      'node.started',
      'node.succeeded',
      'run.finished',
    ]);
    expect(events.every((e) => e.v === EVENT_LOG_VERSION && e.runId === r.runId)).toBe(true);
    expect(r.nodes['a']).toMatchObject({ status: 'succeeded', output: 42, attempts: 1 });
  });

  it('coerces --input strings to declared types and rejects bad inputs with exit 2', async () => {
    const dir = project({
      'wf.yaml': `${head('inputs')}inputs:\n  n: {type: integer, required: true}\nnodes:\n  a:\n    type: transform\n    expression: inputs.n + 1\noutputs:\n  a: \${{ nodes.a.output }}\n`,
    });
    const ok = await runWorkflowFile({ file: join(dir, 'wf.yaml'), inputs: { n: '41' } });
    expect(ok.outputs).toEqual({ a: 42 });
    const err = await runWorkflowFile({ file: join(dir, 'wf.yaml'), inputs: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).exitCode).toBe(2);
    expect((err as UserError).diagnostics.map((d) => d.code)).toEqual(['missing-input']);
  });

  it('reads secrets from the environment and from files, and never writes them to the log', async () => {
    const dir = project({
      'thaiyyal.config.yaml': 'version: 1\nsecrets:\n  files: [.secrets.env]\n',
      '.secrets.env': '# local secrets\nAPI_KEY="from-file-secret"\n',
      'wf.yaml': `${head('secrets')}nodes:\n  a:\n    type: transform\n    expression: '"key=" & secrets.API_KEY & " token=" & secrets.TOKEN'\noutputs:\n  a: \${{ nodes.a.output }}\n`,
    });
    const r = await runWorkflowFile({
      file: join(dir, 'wf.yaml'),
      env: { THAIYYAL_SECRET_TOKEN: 'env-token-value' },
    });
    expect(r.status).toBe('succeeded');
    expect(r.outputs).toEqual({ a: 'key=*** token=***' });
    const log = logText(r.logFile!);
    expect(log).toContain('run.finished');
    expect(log).not.toContain('from-file-secret');
    expect(log).not.toContain('env-token-value');
  });

  it('keeps a secret passed to a sub-workflow masked in the child run log too', async () => {
    const dir = project({
      'main.yaml': `${head('main')}nodes:\n  child:\n    type: workflow\n    file: child.yaml\n    inputs:\n      v: \${{ secrets.TOKEN }}\noutputs:\n  echoed: \${{ nodes.child.output.echoed }}\n`,
      'child.yaml': `${head('child')}inputs:\n  v: {type: string, required: true}\nnodes:\n  say:\n    type: log\n    message: "got \${{ inputs.v }}"\noutputs:\n  echoed: \${{ inputs.v }}\n`,
    });
    const r = await runWorkflowFile({
      file: join(dir, 'main.yaml'),
      env: { THAIYYAL_SECRET_TOKEN: 'child-secret-value' },
    });
    expect(r.status).toBe('succeeded');
    expect(r.outputs).toEqual({ echoed: '***' });
    const runs = join(dir, '.thaiyyal', 'runs');
    const logs = readdirSync(runs);
    expect(logs).toHaveLength(2);
    for (const f of logs) {
      const text = logText(join(runs, f));
      expect(text).toContain('run.finished');
      expect(text).not.toContain('child-secret-value');
    }
  });

  it('names a missing secret and how to set it, before running anything', async () => {
    const dir = project({
      'wf.yaml': `${head('secrets')}nodes:\n  a:\n    type: transform\n    expression: secrets.NOPE\n`,
    });
    const err = (await runWorkflowFile({ file: join(dir, 'wf.yaml'), env: {} }).catch(
      (e: unknown) => e,
    )) as UserError;
    expect(err).toBeInstanceOf(UserError);
    expect(err.code).toBe('missing-secret');
    expect(err.suggestions.join(' ')).toContain('THAIYYAL_SECRET_NOPE');
  });

  it('exposes only allow-listed environment variables as env.X', async () => {
    const dir = project({
      'thaiyyal.config.yaml': 'version: 1\nenv:\n  allow: [VISIBLE]\n',
      'wf.yaml': `${head('env')}nodes:\n  a:\n    type: transform\n    expression: '{"visible": env.VISIBLE, "hidden": env.HIDDEN}'\noutputs:\n  a: \${{ nodes.a.output }}\n`,
    });
    const r = await runWorkflowFile({ file: join(dir, 'wf.yaml'), env: { VISIBLE: 'yes', HIDDEN: 'no' } });
    expect(r.outputs).toEqual({ a: { visible: 'yes' } });
  });

  it('runs sub-workflows as child runs linked to their parent, and bounds their depth', async () => {
    const dir = project({
      'thaiyyal.config.yaml': 'version: 1\nlimits:\n  maxWorkflowDepth: 3\n',
      'main.yaml': `${head('main')}nodes:\n  child:\n    type: workflow\n    file: lib/child.yaml\n    inputs: {x: 20}\noutputs:\n  y: \${{ nodes.child.output.y }}\n`,
      'lib/child.yaml': `${head('child')}inputs:\n  x: {type: number, required: true}\nnodes:\n  double:\n    type: transform\n    expression: inputs.x * 2 + 2\noutputs:\n  y: \${{ nodes.double.output }}\n`,
      'loop.yaml': `${head('loop')}nodes:\n  again:\n    type: workflow\n    file: loop.yaml\n`,
    });
    const r = await runWorkflowFile({ file: join(dir, 'main.yaml') });
    expect(r.outputs).toEqual({ y: 42 });
    const loop = await runWorkflowFile({ file: join(dir, 'loop.yaml') });
    expect(loop.status).toBe('failed');
    expect(loop.error!.message).toContain('maxWorkflowDepth');
  });

  it('rejects an invalid workflow with diagnostics and exit 2', async () => {
    const dir = project({ 'wf.yaml': `${head('bad')}nodes:\n  a:\n    type: nope\n` });
    const err = (await runWorkflowFile({ file: join(dir, 'wf.yaml') }).catch((e: unknown) => e)) as UserError;
    expect(err).toBeInstanceOf(UserError);
    expect(err.exitCode).toBe(2);
    expect(err.diagnostics[0]).toMatchObject({ code: 'unknown-node-type', range: { start: { line: 6 } } });
  });
});

/**
 * Runs every workflow in examples/ through the real app twin: real processes, a real
 * HTTP server on 127.0.0.1 (examples/mock-api.mjs), the project config in examples/.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkflowFile, type RunResult } from '../../src/app/run.js';
// @ts-expect-error -- plain ESM helper shared with users (examples/mock-api.mjs), no types
import { startMockApi } from '../../examples/mock-api.mjs';

const dir = join(import.meta.dirname, '..', '..', 'examples');
let api: { url: string; close: () => Promise<void>; hits: Record<string, number> };

beforeAll(async () => {
  api = await startMockApi({ flakyFailures: 2 });
});
afterAll(() => api.close());

const run = (file: string, inputs: Record<string, unknown> = {}): Promise<RunResult> =>
  runWorkflowFile({ file: join(dir, file), inputs, noLog: true });

describe('examples', () => {
  it('has at least 8 workflows, and this test covers each of them', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'thaiyyal.config.yaml');
    expect(files.length).toBeGreaterThanOrEqual(8);
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });

  const expected: Record<string, () => Promise<void>> = {
    'hello.yaml': async () => {
      const r = await run('hello.yaml');
      expect(r.status).toBe('succeeded');
      expect(r.outputs).toEqual({
        greetings: ['Hello, Ada!', 'Hello, Grace!', 'Hello, Linus!'],
        letters: 13,
      });
    },
    'api-fanout.yaml': async () => {
      const r = await run('api-fanout.yaml', { baseUrl: api.url });
      expect(r.status).toBe('succeeded');
      expect(r.outputs).toEqual({ summary: { repos: 3, stars: 1856, top: 'cli' } });
    },
    'csv-report.yaml': async () => {
      const r = await run('csv-report.yaml');
      expect(r.status).toBe('succeeded');
      expect(r.outputs['rows']).toBe(5);
      expect(r.outputs['total']).toBe(495);
      expect(String(r.outputs['csv']).trim().split('\n')).toEqual([
        'region,revenue',
        'apac,200',
        'eu,180',
        'us,115',
      ]);
    },
    'conditional-routing.yaml': async () => {
      const urgent = await run('conditional-routing.yaml', { severity: 'critical', region: 'us' });
      expect(urgent.outputs).toEqual({ routing: { team: 'sre-us', action: 'paged' } });
      expect(urgent.nodes['ticket']!.status).toBe('skipped');
      const calm = await run('conditional-routing.yaml', { severity: 'low', region: 'apac' });
      expect(calm.outputs).toEqual({ routing: { team: 'sre-global', action: 'ticket' } });
      expect(calm.nodes['page']!.status).toBe('skipped');
    },
    'shell-pipeline.yaml': async () => {
      const r = await run('shell-pipeline.yaml');
      expect(r.status).toBe('succeeded');
      expect(r.outputs['words']).toBe(11);
      expect((r.outputs['top'] as unknown[])[0]).toEqual({ word: 'the', count: 3 });
    },
    'sub-workflow.yaml': async () => {
      const r = await run('sub-workflow.yaml');
      expect(r.status).toBe('succeeded');
      expect(r.outputs).toEqual({ message: 'Hello, Ada! Hello, Grace.' });
    },
    'flaky-retry.yaml': async () => {
      const r = await run('flaky-retry.yaml', { baseUrl: api.url });
      expect(r.status).toBe('succeeded');
      expect(r.outputs).toEqual({ report: { status: 'ok', remaining: 0 } });
      expect(r.nodes['status']!.attempts).toBe(3);
      expect(r.nodes['quota']).toMatchObject({
        status: 'failed',
        attempts: 2,
        error: { code: 'http.status' },
      });
    },
    'config-convert.yaml': async () => {
      const r = await run('config-convert.yaml');
      expect(r.status).toBe('succeeded');
      expect(JSON.parse(String(r.outputs['manifest']))).toMatchObject({ replicas: 5 });
      const bad = await run('config-convert.yaml', { services: '- name: orphan\n  replicas: 1\n' });
      expect(bad.status).toBe('failed');
      expect(bad.error).toMatchObject({ code: 'unowned-service' });
      expect(bad.error!.message).toContain('orphan');
    },
  };

  for (const [file, check] of Object.entries(expected)) it(`runs ${file}`, check);
});

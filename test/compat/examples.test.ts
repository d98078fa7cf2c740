/** Every original workflow in examples/original/ runs with `thaiyyal run` (imported in memory) and gives its final output. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWorkflowFile } from '../../src/app/run.js';

const dir = join(import.meta.dirname, '..', '..', 'examples', 'original');

const expected: Record<string, { result: unknown; skipped: string[] }> = {
  'branching.json': { result: 'WELCOME IN', skipped: ['minor'] },
  'switch-routing.json': { result: 'Well done', skipped: ['praise', 'again'] },
  'array-processing.json': { result: 220, skipped: [] },
};

describe('examples/original', () => {
  it('covers every example', () => {
    expect(
      readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s', async (file, want) => {
    const r = await runWorkflowFile({ file: join(dir, file), noLog: true });
    expect(r.status).toBe('succeeded');
    expect(r.outputs).toEqual({ result: want.result });
    const skipped = Object.entries(r.nodes)
      .filter(([, n]) => n.status === 'skipped')
      .map(([id]) => id)
      .sort();
    expect(skipped).toEqual([...want.skipped].sort());
    expect(r.warnings).toBeUndefined();
  });
});

/** loadWorkflowFile: file problems are diagnostics (io / yaml-limit), never exceptions. */
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  ftruncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { loadWorkflowFile, readSourceFile } from '../../src/adapters/load-workflow.js';
import { nodeTypes } from '../../src/nodes/registry.js';

const dir = mkdtempSync(join(tmpdir(), 'thaiyyal-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const codes = async (path: string) =>
  (await loadWorkflowFile(path, nodeTypes)).diagnostics.map((d) => d.code);

const GOOD = 'apiVersion: thaiyyal.dev/v1\nkind: Workflow\nname: ok\nnodes:\n  a: {type: log, message: hi}\n';

describe('loadWorkflowFile', () => {
  it('loads a valid workflow, labelling it with the path as given', async () => {
    const p = file('ok.yaml', `\uFEFF${GOOD}`);
    const r = await loadWorkflowFile(p, nodeTypes);
    expect(r.diagnostics).toEqual([]);
    expect(r.workflow?.source.file).toBe(p);
    expect(r.graph?.order).toEqual(['a']);
  });

  it('reports a missing file as io, naming the path', async () => {
    const r = await loadWorkflowFile(join(dir, 'nope.yaml'), nodeTypes);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['io']);
    expect(r.diagnostics[0]!.message).toContain('nope.yaml');
    expect(r.diagnostics[0]!.file).toBe(join(dir, 'nope.yaml'));
  });

  it('reports a directory as io', async () => {
    mkdirSync(join(dir, 'sub'));
    expect(await codes(join(dir, 'sub'))).toEqual(['io']);
  });

  it.skipIf(process.getuid?.() === 0)('reports an unreadable file as io', async () => {
    const p = file('locked.yaml', GOOD);
    chmodSync(p, 0o000);
    expect(await codes(p)).toEqual(['io']);
  });

  it('reports a path through a file as io (unreadable even as root)', async () => {
    const p = file('plain.txt', 'x');
    expect(await codes(join(p, 'w.yaml'))).toEqual(['io']);
  });

  it('refuses binary content', async () => {
    expect(await codes(file('bin.yaml', new Uint8Array([0x61, 0x3a, 0x00, 0x01])))).toEqual(['io']);
  });

  it('refuses invalid UTF-8', async () => {
    expect(await codes(file('latin1.yaml', new Uint8Array([0x61, 0x3a, 0x20, 0xe9, 0x0a])))).toEqual(['io']);
  });

  it('reports an empty file as not-a-workflow', async () => {
    expect(await codes(file('empty.yaml', ''))).toEqual(['not-a-workflow']);
  });

  it('refuses a 20 MB file from its size, without reading it', async () => {
    const p = join(dir, 'huge.yaml');
    const fd = openSync(p, 'w');
    writeSync(fd, GOOD);
    ftruncateSync(fd, 20 * 1024 * 1024); // sparse: cheap to create
    closeSync(fd);
    const r = await loadWorkflowFile(p, nodeTypes);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['yaml-limit']);
  });

  it('bounds the read even when stat under-reports', async () => {
    const r = await readSourceFile(file('small-limit.yaml', 'x'.repeat(100)), 10);
    expect('diagnostic' in r && r.diagnostic.code).toBe('yaml-limit');
  });
});

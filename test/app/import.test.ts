import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importWorkflowFile, loadOriginalWorkflow } from '../../src/app/import.js';
import { loadWorkflow } from '../../src/app/load.js';
import { validateWorkflowPaths } from '../../src/app/validate.js';
import { UserError } from '../../src/core/errors.js';

let dir: string;
const payload = {
  name: 'Double it',
  nodes: [
    { id: 'n', data: { value: 21 }, position: { x: 0, y: 0 } },
    { id: 'twice', type: 'expression', data: { expression: 'input * 2' } },
  ],
  edges: [{ source: 'n', target: 'twice' }],
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'thaiyyal-import-'));
  await writeFile(join(dir, 'flow.json'), JSON.stringify(payload, null, 2));
  await writeFile(join(dir, 'bad.json'), '{\n  "nodes": [\n    {"id": "a"\n  ]\n}');
  await writeFile(
    join(dir, 'cycle.json'),
    JSON.stringify({
      nodes: [
        { id: 'a', data: { value: 1 } },
        { id: 'b', data: { value: 2 } },
      ],
      edges: [
        { source: 'a', target: 'b' },
        { source: 'b', target: 'a' },
      ],
    }),
  );
  await writeFile(
    join(dir, 'badopt.json'),
    JSON.stringify({ nodes: [{ id: 'a', type: 'number', data: { value: 'x' } }] }),
  );
  await writeFile(join(dir, 'thaiyyal.config.yaml'), 'version: 1\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('importWorkflowFile', () => {
  it('writes the YAML and reports warnings naming the file and node', async () => {
    const r = await importWorkflowFile({ file: 'flow.json', out: 'flow.yaml', cwd: dir });
    expect(r).toMatchObject({
      version: 1,
      file: 'flow.json',
      output: 'flow.yaml',
      workflow: 'double-it',
      nodes: 2,
    });
    expect(r.warnings).toEqual(['flow.json: node "n": "position" was ignored by the original; dropped']);
    const written = await readFile(join(dir, 'flow.yaml'), 'utf8');
    expect(written).toBe(r.yaml);
    expect(parse(written)).toMatchObject({
      name: 'double-it',
      nodes: { twice: { type: 'original/expression', inputs: ['${{ nodes.n.output }}'] } },
      outputs: { result: '${{ nodes.twice.output }}' },
    });
  });

  it('refuses malformed JSON with the line and column', async () => {
    const err = await importWorkflowFile({ file: 'bad.json', cwd: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).exitCode).toBe(2);
    expect((err as UserError).message).toMatch(
      /^bad\.json cannot be imported:\n {2}- bad\.json: not valid JSON: line 4, column 3: /,
    );
  });

  it('names the nodes of a cycle', async () => {
    const err = (await importWorkflowFile({ file: 'cycle.json', cwd: dir }).catch(
      (e: unknown) => e,
    )) as UserError;
    expect(err.message).toContain('workflow contains cycles (circular dependencies): "a" → "b" → "a"');
  });

  it('reports option values the node type refuses', async () => {
    const err = (await importWorkflowFile({ file: 'badopt.json', cwd: dir }).catch(
      (e: unknown) => e,
    )) as UserError;
    expect(err).toBeInstanceOf(UserError);
    expect(err.diagnostics.length).toBeGreaterThan(0);
    expect(err.diagnostics[0]).toMatchObject({
      code: 'invalid-option',
      file: 'badopt.json',
      range: { start: { line: 1, col: 12 } },
    });
    expect(err.diagnostics[0]!.message).toMatch(/^node "a": /);
  });

  it('a missing file is a usage error', async () => {
    await expect(importWorkflowFile({ file: 'nope.json', cwd: dir })).rejects.toThrow(/no such file/);
  });

  it('the payload limit comes from the project config', async () => {
    const small = join(dir, 'small');
    await mkdir(small);
    await writeFile(
      join(small, 'thaiyyal.config.yaml'),
      'version: 1\noriginal:\n  limits:\n    maxPayloadSize: 50\n',
    );
    await writeFile(join(small, 'flow.json'), JSON.stringify(payload));
    const err = (await importWorkflowFile({ file: 'flow.json', cwd: small }).catch(
      (e: unknown) => e,
    )) as UserError;
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(
      /over the limit of 50 \(original\.limits\.maxPayloadSize in thaiyyal\.config\.yaml\)/,
    );
  });
});

describe('run and validate take the JSON directly', () => {
  it('loadWorkflow imports a .json file in memory, warnings first', async () => {
    const loaded = await loadWorkflow(join(dir, 'flow.json'));
    expect(loaded.workflow?.nodes['twice']?.type).toBe('original/expression');
    expect(loaded.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        ruleId: 'original-import',
        message: 'node "n": "position" was ignored by the original; dropped',
      }),
    ]);
    expect(loaded.imported).toEqual({ renamed: {}, warnings: [expect.stringContaining('"position"')] });
  });

  it('loadOriginalWorkflow reports import errors as diagnostics with the JSON position', async () => {
    const loaded = await loadOriginalWorkflow(join(dir, 'bad.json'));
    expect(loaded.workflow).toBeUndefined();
    expect(loaded.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        range: { start: { line: 4, col: 3 }, end: { line: 4, col: 3 } },
      }),
    ]);
  });

  it('validate reports a JSON workflow like a YAML one', async () => {
    const report = await validateWorkflowPaths([join(dir, 'flow.json'), join(dir, 'cycle.json')]);
    expect(report.files.map((f) => [f.file, f.valid])).toEqual([
      [join(dir, 'cycle.json'), false],
      [join(dir, 'flow.json'), true],
    ]);
    expect(report.files[0]!.diagnostics[0]!.message).toContain('"a" → "b" → "a"');
  });
});

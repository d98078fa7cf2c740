/**
 * Every complete workflow in a ```yaml block of docs/ must validate; when a ```json block
 * follows it, the workflow is run for real and its outputs must equal that block.
 * Workflows that declare a `baseUrl` input get the mock API on 127.0.0.1.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkflowFile } from '../../src/app/run.js';
import { parseWorkflow } from '../../src/core/validate.js';
import { formatDiagnostic } from '../../src/core/diagnostics.js';
import { nodeTypes } from '../../src/nodes/registry.js';
// @ts-expect-error -- plain ESM helper shared with users, no types
import { startMockApi } from '../../examples/mock-api.mjs';

const docs = join(import.meta.dirname, '..', '..', 'docs');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? markdownFiles(p) : f.endsWith('.md') ? [p] : [];
  });
}

interface Example {
  file: string;
  line: number;
  yaml: string;
  expected?: unknown;
}

function examples(): Example[] {
  const out: Example[] = [];
  // docs/rules pages hold deliberately bad workflows; test/core/lint/rule-docs.test.ts runs them.
  for (const file of markdownFiles(docs).filter((f) => !f.includes(`${join('docs', 'rules')}`))) {
    const text = readFileSync(file, 'utf8');
    const re = /```(\w+)\n([\s\S]*?)```/g;
    const blocks: { lang: string; body: string; line: number }[] = [];
    for (let m = re.exec(text); m; m = re.exec(text)) {
      blocks.push({ lang: m[1]!, body: m[2]!, line: text.slice(0, m.index).split('\n').length });
    }
    blocks.forEach((b, i) => {
      if (b.lang !== 'yaml' || !/^(#.*\n)*apiVersion: thaiyyal\.dev\/v1/m.test(b.body) || !/\nkind: Workflow/.test(b.body)) return;
      const next = blocks[i + 1];
      const ex: Example = { file: relative(docs, file), line: b.line, yaml: b.body };
      if (next?.lang === 'json') ex.expected = JSON.parse(next.body);
      out.push(ex);
    });
  }
  return out;
}

const all = examples();
const work = mkdtempSync(join(tmpdir(), 'thaiyyal-docs-'));
writeFileSync(join(work, 'thaiyyal.config.yaml'), 'version: 1\nhttp:\n  allow: [127.0.0.1]\n');
let api: { url: string; close: () => Promise<void> };
beforeAll(async () => {
  api = await startMockApi({ flakyFailures: 1 });
});
afterAll(() => api.close());

describe('workflows in docs/', () => {
  it('finds documented examples', () => {
    expect(all.length).toBeGreaterThan(10);
  });
  for (const ex of all) {
    it(`${ex.file}:${ex.line} ${ex.expected === undefined ? 'validates' : 'runs as documented'}`, async () => {
      const { diagnostics } = parseWorkflow(ex.yaml, `${ex.file}:${ex.line}`, nodeTypes);
      expect(diagnostics.map(formatDiagnostic)).toEqual([]);
      if (ex.expected === undefined) return;
      const path = join(work, `${ex.file.replace(/\W/g, '_')}_${ex.line}.yaml`);
      writeFileSync(path, ex.yaml);
      const inputs = /\n {2}baseUrl:/.test(ex.yaml) ? { baseUrl: api.url } : {};
      const r = await runWorkflowFile({ file: path, inputs, noLog: true, cwd: work });
      expect(r.error).toBeUndefined();
      expect(r.outputs).toEqual(ex.expected);
    });
  }
});

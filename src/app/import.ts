/**
 * The I/O twin of `thaiyyal import`: read an original engine's workflow JSON, import it
 * (src/core/import), check the result against the node registry, and write the YAML.
 * Also the in-memory import `thaiyyal run FILE.json` and `validate FILE.json` use.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { FILE_START, hasErrors, type Diagnostic } from '../core/diagnostics.js';
import { UserError } from '../core/errors.js';
import type { WorkflowGraph } from '../core/graph.js';
import { importOriginal, type ImportResult } from '../core/import/index.js';
import { lineCol } from '../core/import/json.js';
import { originalLimitsOf } from '../core/original-limits.js';
import { MAX_SOURCE_BYTES } from '../core/parse/limits.js';
import { parseWorkflow } from '../core/validate.js';
import type { Workflow } from '../core/workflow.js';
import { loadProjectConfig } from '../adapters/load-config.js';
import { readSourceFile, type WorkflowSource } from '../adapters/load-workflow.js';
import type { ProjectConfig } from '../core/config.js';
import { nodeTypes } from '../nodes/registry.js';

/** What `thaiyyal import --json` prints. */
export interface ImportReport {
  version: 1;
  /** The JSON file, as given. */
  file: string;
  /** The YAML written (`-o`); absent when printed to stdout. */
  output?: string;
  /** The workflow name. */
  workflow: string;
  nodes: number;
  /** Warnings, each naming the file and the node. */
  warnings: string[];
  /** Imported id → original id, for renamed ids. */
  renamed: Record<string, string>;
  /** The YAML document. */
  yaml: string;
}

/** An original workflow JSON imported in memory and validated like a YAML workflow. */
export interface LoadedOriginal {
  workflow?: Workflow;
  graph?: WorkflowGraph;
  /** Import errors and warnings, then the validator's diagnostics of the imported document. */
  diagnostics: Diagnostic[];
  /** The import (warnings, renamed ids); absent when the JSON could not be imported. */
  imported?: ImportResult;
}

function importDiagnostic(file: string, message: string, severity: 'error' | 'warning'): Diagnostic {
  const where = /line (\d+), column (\d+)/.exec(message);
  const pos = where ? { line: Number(where[1]), col: Number(where[2]) } : FILE_START.start;
  return {
    code: 'schema',
    ruleId: 'original-import',
    severity,
    // The file is already the diagnostic's file: drop the "file: " prefix of core messages.
    message: message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message,
    file,
    range: { start: pos, end: pos },
  };
}

/**
 * Diagnostics of the imported YAML point into a document the user never saw: name the node
 * instead, and point at its `"id"` in the JSON.
 */
function inJson(diagnostics: Diagnostic[], imported: ImportResult, json: string, file: string): Diagnostic[] {
  const lines = imported.yaml?.split('\n') ?? [];
  const starts: { line: number; id: string }[] = [];
  let inNodes = false;
  lines.forEach((text, i) => {
    if (/^\S/.test(text)) inNodes = text.startsWith('nodes:');
    const m = inNodes ? /^ {2}([^\s:#][^:]*):\s*$/.exec(text) : null;
    if (m) starts.push({ line: i + 1, id: m[1]!.replace(/^["']|["']$/g, '') });
  });
  return diagnostics.map((d) => {
    const node = [...starts].reverse().find((s) => s.line <= d.range.start.line);
    if (!node || d.range.start.line < (starts[0]?.line ?? Infinity)) return { ...d, file, range: FILE_START };
    const id = imported.renamed[node.id] ?? node.id;
    const at = new RegExp(`"id"\\s*:\\s*${JSON.stringify(id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).exec(
      json,
    );
    const pos = at ? lineCol(json, at.index) : FILE_START.start;
    return { ...d, file, message: `node "${id}": ${d.message}`, range: { start: pos, end: pos } };
  });
}

async function readJson(
  path: string,
  config: ProjectConfig,
): Promise<{ text: string } | { diagnostic: Diagnostic }> {
  const limit = originalLimitsOf(config).maxPayloadSize;
  // Read a little past the payload limit so the importer names the limit and its setting.
  return readSourceFile(path, Math.max(MAX_SOURCE_BYTES, limit > 0 ? limit + 1 : 0));
}

function runImport(text: string, file: string, config: ProjectConfig): ImportResult {
  return importOriginal(text, { file, catalog: nodeTypes, limits: originalLimitsOf(config) });
}

/**
 * Imports an original workflow JSON in memory and validates the result (`run` and
 * `validate` on a `.json` file). `file` labels the diagnostics as given.
 */
export async function loadOriginalWorkflow(
  path: string,
  config?: ProjectConfig,
  source?: WorkflowSource,
): Promise<LoadedOriginal> {
  const cfg = config ?? (await loadProjectConfig(dirname(resolve(path))));
  const src = source ? await source.read(path) : await readJson(path, cfg);
  if ('diagnostic' in src) return { diagnostics: [src.diagnostic] };
  const file = source ? source.label(path) : path;
  const imported = runImport(src.text, file, cfg);
  const own = [
    ...imported.errors.map((e) => importDiagnostic(file, e, 'error')),
    ...imported.warnings.map((w) => importDiagnostic(file, w, 'warning')),
  ];
  if (!imported.yaml) return { diagnostics: own, imported };
  const parsed = parseWorkflow(imported.yaml, file, nodeTypes);
  return {
    ...(parsed.workflow ? { workflow: parsed.workflow } : {}),
    ...(parsed.graph ? { graph: parsed.graph } : {}),
    diagnostics: [...own, ...inJson(parsed.diagnostics, imported, src.text, file)],
    imported,
  };
}

export interface ImportFileOptions {
  /** The original workflow JSON. */
  file: string;
  /** Write the YAML here; without it the YAML is only returned. */
  out?: string;
  /** Where to look for thaiyyal.config.yaml (default: the JSON file's directory). */
  cwd?: string;
  config?: ProjectConfig;
}

/**
 * `thaiyyal import`: converts the JSON to workflow YAML, checks it against the node
 * registry, and writes it when `out` is given. Throws UserError (exit 2) for bad input.
 * @example const r = await importWorkflowFile({file: 'flow.json', out: 'flow.yaml'})
 */
export async function importWorkflowFile(opts: ImportFileOptions): Promise<ImportReport> {
  const abs = resolve(opts.cwd ?? '.', opts.file);
  const config = opts.config ?? (await loadProjectConfig(opts.cwd ?? dirname(abs)));
  const src = await readJson(abs, config);
  if ('diagnostic' in src) {
    throw new UserError('invalid-original-workflow', src.diagnostic.message.replace(abs, opts.file), {
      suggestions: ['give the JSON file of a workflow exported from the original thaiyyal engine'],
    });
  }
  const imported = runImport(src.text, opts.file, config);
  if (!imported.yaml) {
    throw new UserError(
      'invalid-original-workflow',
      `${opts.file} cannot be imported:\n${imported.errors.map((e) => `  - ${e}`).join('\n')}`,
      { suggestions: ['fix the JSON and import again; docs/compat.md lists what the importer checks'] },
    );
  }
  const parsed = parseWorkflow(imported.yaml, opts.file, nodeTypes);
  if (hasErrors(parsed.diagnostics)) {
    throw new UserError(
      'invalid-original-workflow',
      `${opts.file} cannot be imported: a node's data is invalid`,
      {
        diagnostics: inJson(
          parsed.diagnostics.filter((d) => d.severity === 'error'),
          imported,
          src.text,
          opts.file,
        ),
      },
    );
  }
  if (opts.out) await writeFile(resolve(opts.cwd ?? '.', opts.out), imported.yaml, 'utf8');
  return {
    version: 1,
    file: opts.file,
    ...(opts.out ? { output: opts.out } : {}),
    workflow: String(imported.workflow?.name ?? ''),
    nodes: Object.keys((imported.workflow?.nodes as Record<string, unknown>) ?? {}).length,
    warnings: imported.warnings,
    renamed: imported.renamed,
    yaml: imported.yaml,
  };
}

/**
 * The I/O twin of `thaiyyal validate`: expands files and directories into workflow files and
 * validates each with the workflow loader. Rendering lives in the command; this returns data.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, isAbsolute } from 'node:path';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import { UserError } from '../core/errors.js';

/** The result for one file, as printed by `validate --json`. */
export interface FileReport {
  file: string;
  valid: boolean;
  diagnostics: Diagnostic[];
}

/** The whole `validate --json` document. */
export interface ValidateReport {
  files: FileReport[];
  valid: boolean;
}

const WORKFLOW_EXT = /\.ya?ml$/i;
/** Project config files sit beside workflows but are not workflows. */
const CONFIG_FILE = /^thaiyyal\.config\.ya?ml$/i;

/**
 * Expands the given paths: files are kept as given (whatever their extension); directories
 * are walked recursively for `*.yaml`/`*.yml`, skipping `node_modules`, dot-directories and
 * `thaiyyal.config.yaml`. Missing paths, or directories without workflows, are usage errors.
 * Paths are returned relative to `cwd` when inside it, sorted and without duplicates.
 */
export async function expandWorkflowPaths(paths: readonly string[], cwd = process.cwd()): Promise<string[]> {
  const found = new Set<string>();
  for (const p of paths) {
    const abs = isAbsolute(p) ? p : join(cwd, p);
    let st;
    try {
      st = await stat(abs);
    } catch {
      throw new UserError('path-not-found', `${p}: no such file or directory`, {
        suggestions: [
          'give workflow files or directories that contain them, e.g. `thaiyyal validate workflows/`',
        ],
      });
    }
    if (st.isDirectory()) {
      const inDir = await walk(abs);
      if (inDir.length === 0) {
        throw new UserError(
          'no-workflows',
          `${p}: no *.yaml or *.yml workflow files found in this directory`,
          {
            suggestions: ['node_modules and directories starting with "." are skipped'],
          },
        );
      }
      for (const f of inDir) found.add(display(f, cwd));
    } else found.add(display(abs, cwd));
  }
  return [...found].sort();
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(full)));
    else if (e.isFile() && WORKFLOW_EXT.test(e.name) && !CONFIG_FILE.test(e.name)) out.push(full);
  }
  return out;
}

function display(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

/**
 * Validates every workflow under `paths` (see {@link expandWorkflowPaths}) with the workflow
 * loader; files are checked concurrently, results come back in path order.
 */
export async function validateWorkflowPaths(
  paths: readonly string[],
  cwd = process.cwd(),
): Promise<ValidateReport> {
  const files = await expandWorkflowPaths(paths, cwd);
  const { loadWorkflow } = await import('./load.js');
  const reports = await Promise.all(
    files.map(async (file): Promise<FileReport> => {
      const { diagnostics } = await loadWorkflow(file);
      return { file, valid: !hasErrors(diagnostics), diagnostics: sortDiagnostics(diagnostics) };
    }),
  );
  return { files: reports, valid: reports.every((r) => r.valid) };
}

/**
 * The I/O twin of `parseWorkflow`: reads a workflow file safely (bounded size, text only)
 * and validates it. Problems with the file itself are diagnostics too (code `io`).
 */
import { open, stat } from 'node:fs/promises';
import { FILE_START, type Diagnostic } from '../core/diagnostics.js';
import type { WorkflowGraph } from '../core/graph.js';
import type { NodeCatalog } from '../core/parse/node-catalog.js';
import { formatBytes, MAX_SOURCE_BYTES } from '../core/parse/limits.js';
import { parseWorkflow } from '../core/validate.js';
import type { Workflow } from '../core/workflow.js';

/** Text of a source file, or the one diagnostic that says why it cannot be used. */
export type SourceText = { text: string } | { diagnostic: Diagnostic };

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a parent of it is not a directory',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
};

/**
 * Reads a UTF-8 text file of at most `maxBytes`, refusing directories, oversized files
 * (judged by `stat` first, then by a bounded read, so a huge or growing file is never
 * read whole), binary content (NUL bytes) and invalid UTF-8. A leading BOM is dropped.
 */
export async function readSourceFile(path: string, maxBytes = MAX_SOURCE_BYTES): Promise<SourceText> {
  const fail = (code: Diagnostic['code'], message: string): SourceText => ({
    diagnostic: { code, severity: 'error', message, file: path, range: FILE_START },
  });
  const ioReason = (err: unknown) => {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    return REASONS[code] ?? (err as Error).message;
  };
  let size = 0;
  try {
    const st = await stat(path);
    size = st.size;
    if (st.isDirectory()) return fail('io', `cannot read ${path}: it is a directory; pass a workflow file`);
    if (!st.isFile()) return fail('io', `cannot read ${path}: not a regular file`);
    if (st.size > maxBytes) {
      return fail(
        'yaml-limit',
        `${path} is too large (${formatBytes(st.size)}; the limit is ${formatBytes(maxBytes)}); split it into smaller files`,
      );
    }
  } catch (err) {
    return fail('io', `cannot read ${path}: ${ioReason(err)}; check the path`);
  }
  let bytes: Uint8Array;
  try {
    const fh = await open(path, 'r');
    try {
      // Bounded read: one byte more than the limit tells us the file grew past it. The buffer
      // starts at the file's size (allocating the limit for every file costs 5 MB each).
      let buf = new Uint8Array(Math.min(maxBytes, size) + 1);
      let total = 0;
      for (;;) {
        if (total === buf.length) {
          const bigger = new Uint8Array(Math.min(maxBytes + 1, buf.length * 2));
          bigger.set(buf);
          buf = bigger;
        }
        const { bytesRead } = await fh.read(buf, total, buf.length - total, null);
        if (bytesRead === 0) break;
        total += bytesRead;
        if (total > maxBytes) {
          return fail(
            'yaml-limit',
            `${path} is too large (over ${formatBytes(maxBytes)}); split it into smaller files`,
          );
        }
      }
      bytes = buf.subarray(0, total);
    } finally {
      await fh.close();
    }
  } catch (err) {
    return fail('io', `cannot read ${path}: ${ioReason(err)}`);
  }
  if (bytes.includes(0)) {
    return fail(
      'io',
      `${path} looks like a binary file (it contains NUL bytes); a workflow is UTF-8 YAML text`,
    );
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return fail('io', `${path} is not valid UTF-8 text; save it as UTF-8`);
  }
}

/**
 * Reads and validates a workflow file. `path` labels the diagnostics as given (keep it
 * relative for short messages). `nodeTypes` is the node registry, or a function
 * giving the catalogue a text needs.
 * @example const {workflow, graph, diagnostics} = await loadWorkflowFile('workflows/stars.yaml', nodeTypes)
 */
export async function loadWorkflowFile(
  path: string,
  nodeTypes: NodeCatalog | ((text: string) => Promise<NodeCatalog>),
  source?: WorkflowSource,
): Promise<{ workflow?: Workflow; graph?: WorkflowGraph; diagnostics: Diagnostic[] }> {
  const src = source ? await source.read(path) : await readSourceFile(path);
  if ('diagnostic' in src) return { diagnostics: [src.diagnostic] };
  // A function gives the catalogue this text needs (the run path loads some types on demand).
  const catalog = typeof nodeTypes === 'function' ? await nodeTypes(src.text) : nodeTypes;
  // Only these three: the parse result's source map holds the whole YAML document (~35 MB for
  // 10,000 nodes), which a caller holding the result would keep alive for the whole run.
  const { workflow, graph, diagnostics } = parseWorkflow(
    src.text,
    source ? source.label(path) : path,
    catalog,
  );
  return { ...(workflow ? { workflow } : {}), ...(graph ? { graph } : {}), diagnostics };
}

/**
 * Where workflow files come from when not from the file system: `thaiyyal run hello@1.2.0` reads them from git
 * objects at a tag (src/app/versions.ts), sub-workflows included.
 */
export interface WorkflowSource {
  read(path: string): Promise<SourceText>;
  /** The name of `path` in messages (`hello.yaml@hello@1.2.0`). */
  label(path: string): string;
}

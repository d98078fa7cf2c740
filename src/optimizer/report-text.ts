/**
 * Human text of an `optimize` report: per file, each rewrite with why it is safe, node count
 * and estimated critical path before → after, then (with --explain) each stage and (with
 * --suggest) ranked suggestions. Pure: the face passes in its colours.
 */
import type { Rewrite } from './types.js';
import type { Suggestion } from './suggest.js';

/** Just enough of src/ui/style's palette. */
export interface Colors {
  green(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const plain: Colors = { green: (s) => s, yellow: (s) => s, dim: (s) => s, bold: (s) => s };

/** The report as the app returns it (structural, to keep this module free of the app layer). */
export interface ReportLike {
  files: {
    file: string;
    rewrites: Rewrite[];
    nodes: { before: number; after: number };
    criticalPath: { beforeMs: number; afterMs: number; basis: 'history' | 'defaults' };
    stages?: {
      name: string;
      description: string;
      iterations: number;
      converged: boolean;
      rewrites: Rewrite[];
      nodes: number;
    }[];
    suggestions?: Suggestion[];
    diff?: string;
    written?: boolean;
  }[];
  rewrites: number;
}

/**
 * Renders the report.
 * @example
 * // workflows/a.yaml: 2 rewrites
 * //   cse          merged node "b" into "a" (same http on the same inputs); its readers now read "a"
 * //                safe: "b" and "a" are identical in canonical form and idempotent: one run of it equals two
 * //   nodes 5 → 3 · critical path ~300 ms → ~100 ms (67% shorter; per-type defaults)
 */
export function renderOptimizeReport(
  report: ReportLike,
  mode: 'report' | 'write' | 'check' | 'diff',
  c: Colors = plain,
): string {
  const lines: string[] = [];
  for (const f of report.files) {
    if (mode === 'diff') {
      if (f.diff) lines.push(f.diff.trimEnd());
      continue;
    }
    const n = f.rewrites.length;
    lines.push(
      `${c.bold(f.file)}: ${n === 0 ? 'already optimal' : `${n} rewrite${n === 1 ? '' : 's'}${f.written ? ' applied' : ''}`}`,
    );
    for (const r of f.rewrites) {
      lines.push(`  ${r.pass.padEnd(17)} ${r.message}`);
      lines.push(`  ${''.padEnd(17)} ${c.dim(`safe: ${r.safety}`)}`);
    }
    const cp = f.criticalPath;
    const basis = cp.basis === 'history' ? 'p50 of past runs' : 'per-type defaults';
    const shorter =
      cp.beforeMs > 0 && cp.afterMs < cp.beforeMs
        ? `${Math.round(((cp.beforeMs - cp.afterMs) / cp.beforeMs) * 100)}% shorter; `
        : '';
    lines.push(
      `  nodes ${f.nodes.before} → ${f.nodes.after} · critical path ~${cp.beforeMs} ms → ~${cp.afterMs} ms (${shorter}${basis})`,
    );
    for (const s of f.stages ?? []) {
      lines.push(
        `  stage ${c.bold(s.name)}: ${s.description} — ${s.rewrites.length} rewrite${s.rewrites.length === 1 ? '' : 's'} in ${s.iterations} round${s.iterations === 1 ? '' : 's'}${s.converged ? '' : ' (stopped by the convergence guard)'}, ${s.nodes} nodes after`,
      );
      for (const r of s.rewrites) lines.push(`    ${r.pass}: ${r.message}`);
    }
    if (f.suggestions) {
      if (f.suggestions.length === 0) lines.push('  no suggestions');
      f.suggestions.forEach((s, i) => {
        lines.push(
          `  ${c.yellow(`${i + 1}.`)} ${s.message} ${c.dim(`(saves ~${s.savingMs} ms; ${s.basis === 'history' ? 'from run history' : 'estimated'})`)}`,
        );
      });
    }
  }
  if (mode !== 'diff') {
    const total = report.rewrites;
    if (mode === 'write')
      lines.push(total > 0 ? c.green(`✓ ${total} rewrites written`) : '✓ nothing to rewrite');
    else if (mode === 'check')
      lines.push(
        total > 0
          ? c.yellow(`✗ ${total} rewrites available: run thaiyyal optimize --write`)
          : c.green('✓ nothing to optimise'),
      );
    else if (total > 0) lines.push(c.dim('apply with --write, review with --diff'));
  } else if (lines.length === 0) lines.push('no changes');
  return lines.join('\n') + '\n';
}

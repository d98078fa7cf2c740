/** Plain-text reports of `replay --verify`, `runs diff` and `runs prune`. */
import type { VerifyResult } from '../../app/replay/index.js';
import type { PruneResult, RunsDiff } from '../../app/runs.js';
import { palette, type OutStream } from '../style.js';

const show = (v: unknown): string => {
  if (v === undefined) return '(nothing)';
  const s = JSON.stringify(v);
  return s.length > 200 ? `${s.slice(0, 197)}…` : s;
};

/** `replay --verify`: identical, or the first divergence in detail and a count of the rest. */
export function renderVerify(r: VerifyResult, stream: OutStream): string {
  const c = palette(stream);
  const head = `verified run ${r.runId} against ${r.workflowFile}: ${r.nodes} node(s), ${r.effects} recorded effect(s) answered`;
  if (r.identical)
    return `${c.green('✓')} ${head}\n${c.green('identical')}: every node ended the same way with the same output\n`;
  const d = r.divergence!;
  const lines = [`${c.red('✗')} ${head}`, `${c.red('diverged')}: ${d.message}`];
  if (d.nodeId !== undefined) lines.push(`  node      ${d.nodeId}`);
  if (d.path !== undefined) lines.push(`  path      ${d.path}`);
  if (d.recorded !== undefined || d.kind === 'output') lines.push(`  recorded  ${show(d.recorded)}`);
  if (d.replayed !== undefined || d.kind === 'output') lines.push(`  replayed  ${show(d.replayed)}`);
  if (d.error) lines.push(`  error     ${d.error.code}: ${d.error.message}`);
  if (d.recordedSeq !== undefined) lines.push(`  event     ${d.recordedSeq} of the recording`);
  const rest = r.divergences.length - 1;
  if (rest > 0) {
    lines.push('', `${rest} more divergence(s):`);
    for (const x of r.divergences.slice(1, 11)) lines.push(`  ${x.message}`);
    if (rest > 10) lines.push(`  … (--json lists up to 100)`);
  }
  return lines.join('\n') + '\n';
}

/** `runs diff A B`: the nodes that differ, then timing of the rest in one line each. */
export function renderDiff(d: RunsDiff, stream: OutStream): string {
  const c = palette(stream);
  const lines = [
    `A ${d.a.runId} ${d.a.workflow} ${d.a.status}`,
    `B ${d.b.runId} ${d.b.workflow} ${d.b.status}`,
  ];
  if (d.inputs)
    lines.push(`inputs differ at ${d.inputs.path}: A ${show(d.inputs.a)} · B ${show(d.inputs.b)}`);
  if (d.outputs)
    lines.push(`outputs differ at ${d.outputs.path}: A ${show(d.outputs.a)} · B ${show(d.outputs.b)}`);
  lines.push(
    '',
    d.differing === 0 ? c.green('no node differs (timing aside)') : `${d.differing} node(s) differ:`,
  );
  for (const n of d.nodes) {
    const dt = `${n.timing.deltaMs >= 0 ? '+' : ''}${n.timing.deltaMs}ms`;
    if (n.only) {
      lines.push(`${c.yellow('±')} ${n.nodeId}: only in ${n.only.toUpperCase()}`);
      continue;
    }
    if (!n.differs) {
      lines.push(c.dim(`  ${n.nodeId}: same (${n.timing.a}ms → ${n.timing.b}ms, ${dt})`));
      continue;
    }
    lines.push(`${c.red('≠')} ${n.nodeId} (${n.timing.a}ms → ${n.timing.b}ms, ${dt})`);
    if (n.status) lines.push(`    status  ${n.status.a} → ${n.status.b}`);
    if (n.inputs) lines.push(`    inputs  at ${n.inputs.path}: ${show(n.inputs.a)} → ${show(n.inputs.b)}`);
    if (n.output) lines.push(`    output  at ${n.output.path}: ${show(n.output.a)} → ${show(n.output.b)}`);
    if (n.attempts) lines.push(`    attempts ${n.attempts.a} → ${n.attempts.b}`);
  }
  return lines.join('\n') + '\n';
}

/** `runs prune`: what was (or would be) deleted and compressed. */
export function renderPrune(r: PruneResult): string {
  const lines: string[] = [];
  const verb = r.dryRun ? 'would delete' : 'deleted';
  for (const d of r.deleted) lines.push(`${verb} ${d.runId}: ${d.reason}`);
  const rules = [
    r.retention.days !== undefined ? `${r.retention.days} days` : undefined,
    r.retention.count !== undefined ? `${r.retention.count} runs` : undefined,
  ].filter(Boolean);
  lines.push(
    `${r.dryRun ? 'would delete' : 'deleted'} ${r.deleted.length} run(s), ${r.dryRun ? 'would compress' : 'compressed'} ${r.compressed.length}, kept ${r.kept}` +
      (rules.length > 0
        ? ` (retention: ${rules.join(', ')})`
        : ' (no runs.retention in the config: nothing is deleted)'),
  );
  return lines.join('\n') + '\n';
}

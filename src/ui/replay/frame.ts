/**
 * The replay debugger's screen as lines of text, laid out for a terminal of `width` × `height`
 * (80 × 24 at least): a header, the timeline of events around the cursor beside a graph of
 * node states at that moment, the selected node's details, a message line and key hints.
 * Pure: the ink app and the tests render it.
 */
import {
  describeEvent,
  nodeViewAt,
  statusesAfter,
  type Breakpoint,
  type IndexStatus,
  type RunIndex,
} from '../../app/replay/model.js';

/** One line, with an optional colour for the whole line (ink `<Text color>`). */
export interface FrameLine {
  text: string;
  color?: 'red' | 'green' | 'yellow' | 'cyan' | 'gray';
  bold?: boolean;
  inverse?: boolean;
}

export interface ViewState {
  cursor: number;
  /** The node whose details are shown; defaults to the node of the event at the cursor. */
  selected?: string;
  breakpoints: Breakpoint[];
  message?: string;
  /** A prompt being typed (search or breakpoint). */
  prompt?: { label: string; text: string };
  help: boolean;
}

export const GLYPH: Record<IndexStatus, string> = {
  pending: '○',
  scheduled: '·',
  running: '…',
  succeeded: '✓',
  failed: '✗',
  skipped: '–',
  cancelled: '⊘',
};

const STATUS_COLOR: Partial<Record<IndexStatus, FrameLine['color']>> = {
  succeeded: 'green',
  failed: 'red',
  running: 'yellow',
  skipped: 'gray',
  cancelled: 'yellow',
};

/** Cuts (or pads) to exactly `w` columns. */
export function fit(s: string, w: number): string {
  const chars = [...s.replace(/[\n\r\t]/g, ' ')];
  if (chars.length > w) return chars.slice(0, Math.max(0, w - 1)).join('') + '…';
  return chars.join('') + ' '.repeat(w - chars.length);
}

/** Compact one-line JSON, cut to `w`. */
export function oneLine(v: unknown, w: number): string {
  const s = v === undefined ? '—' : JSON.stringify(v);
  return fit(s ?? String(v), w).trimEnd();
}

export const HELP_LINES = [
  'thaiyyal replay — keys',
  '',
  '→ l space   next event            ← h   previous event',
  '↓ j         next node finished    ↑ k   previous node finished',
  'g Home      start                 G End end',
  'f           first failure',
  'c           continue to the next breakpoint      C  back to the previous one',
  'b           add a breakpoint: node id, node type, event type,',
  '            or node:ID type:TYPE event:KIND when:JSONATA (over the state)',
  'x           clear breakpoints',
  '/           search the events' + "' text" + '     n / N  next / previous match',
  'Tab S-Tab   select the next / previous node in the graph',
  '?           this help (any key closes it)       q Esc   quit',
];

/** The node the details pane shows. */
export function selectedNode(ix: RunIndex, v: ViewState): string | undefined {
  if (v.selected !== undefined) return v.selected;
  const e = describeEvent(ix, v.cursor);
  return e.nodeId ?? ix.plan[0]?.id;
}

/** Lays out the screen. */
export function renderFrame(ix: RunIndex, v: ViewState, width = 80, height = 24): FrameLine[] {
  const w = Math.max(60, width);
  const h = Math.max(20, height);
  const lines: FrameLine[] = [];
  const cur = describeEvent(ix, v.cursor);
  lines.push({
    text: fit(
      `replay ${ix.started.runId.slice(0, 10)}… ${ix.started.workflow} · event ${v.cursor}/${ix.count - 1} · ${cur.type}${cur.nodeId ? ` ${cur.nodeId}` : ''}`,
      w,
    ),
    bold: true,
    inverse: true,
  });
  if (v.help) {
    for (const l of HELP_LINES) lines.push({ text: fit(l, w) });
    while (lines.length < h) lines.push({ text: '' });
    return lines.slice(0, h);
  }
  const sel = selectedNode(ix, v);
  // Node details.
  const details: FrameLine[] = [];
  const view = sel === undefined ? undefined : nodeViewAt(ix, sel, v.cursor);
  if (view) {
    details.push({
      text: fit(
        `${GLYPH[view.status]} ${view.id} (${view.type}) · ${view.status} · attempts ${view.attempts}${view.durationMs !== undefined ? ` · ${view.durationMs}ms` : ''}${view.effects ? ` · ${view.effects} effects` : ''}`,
        w,
      ),
      bold: true,
      ...(STATUS_COLOR[view.status] ? { color: STATUS_COLOR[view.status]! } : {}),
    });
    for (const dep of view.deps)
      details.push({ text: fit(`  in  ${dep}: ${oneLine(view.inputs[dep], w)}`, w) });
    if (view.options) details.push({ text: fit(`  opt ${oneLine(view.options, w)}`, w) });
    if ('output' in view) details.push({ text: fit(`  out ${oneLine(view.output, w)}`, w), color: 'cyan' });
    if (view.error) {
      details.push({ text: fit(`  err ${view.error.code}: ${view.error.message}`, w), color: 'red' });
    }
    for (const l of view.logs.slice(-3))
      details.push({ text: fit(`  log ${l.level}: ${l.message}`, w), color: 'gray' });
  }
  // Timeline (left) and node graph (right) take the rows the details leave (at least 6).
  const maxDetails = Math.max(1, h - 4 - 6);
  if (details.length > maxDetails) details.length = maxDetails;
  const paneRows = h - 4 - details.length;
  const leftW = Math.floor(w / 2) - 1;
  const rightW = w - leftW - 1;
  const first = Math.max(0, Math.min(v.cursor - Math.floor(paneRows / 2), ix.count - paneRows));
  const timeline: FrameLine[] = [];
  for (let i = first; i < Math.min(ix.count, first + paneRows); i++) {
    const e = describeEvent(ix, i);
    const mark =
      i === v.cursor ? '▶' : v.breakpoints.some((b) => b.kind === 'node' && b.value === e.nodeId) ? '●' : ' ';
    const type = e.type.replace(/^node\./, '');
    timeline.push({
      text: fit(
        `${mark}${String(i).padStart(5)} +${String(e.tsOffsetMs).padStart(5)}ms ${type} ${e.nodeId ?? ''}`,
        leftW,
      ),
      ...(i === v.cursor ? { inverse: true } : {}),
      ...(type === 'failed'
        ? { color: 'red' as const }
        : type === 'succeeded'
          ? { color: 'green' as const }
          : {}),
    });
  }
  const statuses = statusesAfter(ix, v.cursor);
  const selIdx = sel === undefined ? 0 : (ix.nodeIndex.get(sel) ?? 0);
  const gFirst = Math.max(0, Math.min(selIdx - Math.floor(paneRows / 2), ix.plan.length - paneRows));
  const graph: FrameLine[] = [];
  for (let k = gFirst; k < Math.min(ix.plan.length, gFirst + paneRows); k++) {
    const p = ix.plan[k]!;
    const st = statuses[k]!;
    const deps = p.deps.length > 0 ? ` ← ${p.deps.join(', ')}` : '';
    const color = STATUS_COLOR[st];
    graph.push({
      text: fit(`${k === selIdx ? '›' : ' '}${GLYPH[st]} ${p.id} (${p.type})${deps}`, rightW),
      ...(color ? { color } : {}),
      ...(k === selIdx ? { bold: true } : {}),
    });
  }
  const counts = new Map<IndexStatus, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  const summary = [...counts.entries()].map(([s, n]) => `${GLYPH[s]}${n}`).join(' ');
  lines.push({
    text: fit(`timeline (${ix.count} events)`, leftW) + ' ' + fit(`nodes ${summary}`, rightW),
    bold: true,
  });
  for (let r = 0; r < paneRows; r++) {
    const l = timeline[r] ?? { text: ' '.repeat(leftW) };
    const g = graph[r] ?? { text: '' };
    // One colour per line in ink's line model: the timeline's cursor line wins, else the graph's.
    lines.push({
      text: `${l.text.padEnd(leftW)} ${g.text}`,
      ...(l.inverse ? { inverse: true } : {}),
      ...(l.color ? { color: l.color } : g.color ? { color: g.color } : {}),
    });
  }
  lines.push(...details);
  const bp =
    v.breakpoints.length > 0
      ? `breakpoints: ${v.breakpoints.map((b) => `${b.kind}:${b.value}`).join(' ')}`
      : '';
  lines.push(
    v.prompt
      ? { text: fit(`${v.prompt.label}${v.prompt.text}▏`, w), color: 'yellow' }
      : { text: fit(v.message ?? bp, w), ...(v.message ? { color: 'yellow' as const } : {}) },
  );
  lines.push({
    text: fit(
      '←/→ event  ↑/↓ node  g/G start/end  f failure  c continue  b break  / search  ? help  q quit',
      w,
    ),
    color: 'gray',
  });
  return lines.slice(0, h);
}

/** The plain-text view (no TTY): the run's timeline of node outcomes and the first failure's details. */
export function renderPlain(ix: RunIndex, at?: number): string {
  const cursor = at ?? ix.count - 1;
  const out: string[] = [];
  const statuses = statusesAfter(ix, cursor);
  out.push(`run ${ix.started.runId} · workflow ${ix.started.workflow} · ${ix.count} events`);
  out.push(`state after event ${cursor}:`);
  for (let k = 0; k < ix.plan.length; k++) {
    const p = ix.plan[k]!;
    const view = ix.plan.length <= 200 ? nodeViewAt(ix, p.id, cursor) : undefined;
    let line = `  ${GLYPH[statuses[k]!]} ${p.id} (${p.type}) ${statuses[k]}`;
    if (view?.durationMs !== undefined) line += ` ${view.durationMs}ms`;
    if (view && view.attempts > 1) line += ` · ${view.attempts} attempts`;
    if (view?.error) line += `\n      ${view.error.code}: ${view.error.message}`;
    else if (view && 'output' in view) line += `\n      output ${oneLine(view.output, 100)}`;
    out.push(line);
  }
  if (ix.plan.length > 200)
    out.push(`  (${ix.plan.length} nodes; details shown for runs of up to 200 nodes)`);
  out.push(
    '',
    'run `thaiyyal replay RUN` in a terminal for the interactive debugger, or --at N --json for the state after event N',
  );
  return out.join('\n') + '\n';
}

/**
 * The replay debugger (`thaiyyal replay RUN` on a terminal): an ink app over the pure model
 * (src/app/replay/model.ts) and the pure screen layout (./frame.ts). Keys are listed in
 * frame.ts HELP_LINES and docs/commands/replay.md.
 */
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { useRef, useState } from 'react';
import {
  continueTo,
  move,
  parseBreakpoint,
  search,
  type ConditionEval,
  type RunIndex,
} from '../../app/replay/model.js';
import { renderFrame, selectedNode, type ViewState } from './frame.js';

export interface ReplayAppProps {
  index: RunIndex;
  /** Evaluates `when:` breakpoints (JSONata over the state). */
  evaluate: ConditionEval;
  /** Start here (default: the first event). */
  start?: number;
  /** Fixed size (tests); default: the terminal's. */
  width?: number;
  height?: number;
}

export function ReplayApp({ index, evaluate, start, width, height }: ReplayAppProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [view, setViewState] = useState<ViewState>({
    cursor: start ?? 0,
    breakpoints: [],
    help: false,
  });
  // Keys can arrive faster than renders: every handler reads and writes the latest state here.
  const current = useRef(view);
  const setView = (f: (v: ViewState) => ViewState) => {
    current.current = f(current.current);
    setViewState(current.current);
  };
  const lastSearch = useRef('');
  const cols = width ?? stdout.columns ?? 80;
  const rows = height ?? stdout.rows ?? 24;

  const go = (cursor: number, message?: string) =>
    setView((v) => {
      const { selected: _s, message: _m, ...rest } = v;
      return { ...rest, cursor, ...(message ? { message } : {}) };
    });

  const runSearch = (q: string, dir: 1 | -1) => {
    const hit = search(index, current.current.cursor, q, dir);
    if (hit === undefined) setView((v) => ({ ...v, message: `no event contains "${q}"` }));
    else go(hit, `"${q}" at event ${hit}`);
  };

  useInput((input, key) => {
    const view = current.current;
    if (view.prompt) {
      const p = view.prompt;
      if (key.escape) {
        return setView((v) => {
          const { prompt: _p, message: _m, ...rest } = v;
          return rest;
        });
      }
      if (key.return) {
        setView((v) => {
          const { prompt: _p, ...rest } = v;
          return rest;
        });
        if (p.label.startsWith('/')) {
          lastSearch.current = p.text;
          runSearch(p.text, 1);
        } else {
          try {
            const b = parseBreakpoint(index, p.text);
            setView((v) => {
              const { prompt: _p, ...rest } = v;
              return {
                ...rest,
                breakpoints: [...v.breakpoints, b],
                message: `breakpoint ${b.kind}:${b.value}`,
              };
            });
          } catch (err) {
            setView((v) => ({ ...v, message: (err as Error).message }));
          }
        }
        return;
      }
      if (key.backspace || key.delete) {
        return setView((v) => ({ ...v, prompt: { ...p, text: p.text.slice(0, -1) } }));
      }
      if (input && !key.ctrl && !key.meta) setView((v) => ({ ...v, prompt: { ...p, text: p.text + input } }));
      return;
    }
    if (view.help) return setView((v) => ({ ...v, help: false }));
    if (input === 'q' || key.escape || (key.ctrl && input === 'c')) return exit();
    if (input === '?') return setView((v) => ({ ...v, help: true }));
    if (key.rightArrow || input === 'l' || input === ' ') return go(move(index, view.cursor, 'next'));
    if (key.leftArrow || input === 'h') return go(move(index, view.cursor, 'prev'));
    if (key.downArrow || input === 'j') return go(move(index, view.cursor, 'nextNode'));
    if (key.upArrow || input === 'k') return go(move(index, view.cursor, 'prevNode'));
    if (input === 'g' || key.home) return go(0);
    if (input === 'G' || key.end) return go(index.count - 1);
    if (input === 'f') {
      const to = move(index, view.cursor, 'firstFailure');
      return go(to, to === view.cursor ? 'no failure in this run' : undefined);
    }
    if (input === 'c' || input === 'C') {
      if (view.breakpoints.length === 0)
        return setView((v) => ({ ...v, message: 'no breakpoints: add one with b' }));
      const from = view.cursor;
      void continueTo(index, from, view.breakpoints, input === 'c' ? 1 : -1, evaluate).then(
        (to) => go(to),
        (err: unknown) => setView((v) => ({ ...v, message: (err as Error).message })),
      );
      return;
    }
    if (input === 'b') return setView((v) => ({ ...v, prompt: { label: 'breakpoint> ', text: '' } }));
    if (input === 'x') return setView((v) => ({ ...v, breakpoints: [], message: 'breakpoints cleared' }));
    if (input === '/') return setView((v) => ({ ...v, prompt: { label: '/', text: '' } }));
    if (input === 'n' && lastSearch.current) return runSearch(lastSearch.current, 1);
    if (input === 'N' && lastSearch.current) return runSearch(lastSearch.current, -1);
    if (key.tab) {
      const cur = selectedNode(index, view);
      const k = cur === undefined ? 0 : (index.nodeIndex.get(cur) ?? 0);
      const n = index.plan.length;
      const next = index.plan[(k + (key.shift ? n - 1 : 1)) % n]?.id;
      if (next !== undefined) setView((v) => ({ ...v, selected: next }));
    }
  });

  const lines = renderFrame(index, view, cols, rows - 1);
  return (
    <Box flexDirection="column">
      {lines.map((l, i) => (
        <Text
          key={i}
          wrap="truncate"
          {...(l.color ? { color: l.color } : {})}
          {...(l.bold ? { bold: true } : {})}
          {...(l.inverse ? { inverse: true } : {})}
        >
          {l.text === '' ? ' ' : l.text}
        </Text>
      ))}
    </Box>
  );
}

/** Mounts the app on the terminal and resolves when the user quits. */
export async function runReplayApp(props: ReplayAppProps): Promise<void> {
  const { render } = await import('ink');
  const app = render(<ReplayApp {...props} />, { exitOnCtrlC: false });
  await app.waitUntilExit();
}

/**
 * What an expression reads: which nodes, inputs, secrets and env vars it names. Used to
 * infer dependencies (`nodes.<id>`), and by validate and lint to check references.
 */
import QuickLRU from 'quick-lru';
import { compileExpression } from './jsonata.js';

/** The names one expression refers to, each with its 0-based offset in the expression. */
export interface ExpressionRefs {
  nodes: ReadonlyMap<string, number>;
  inputs: ReadonlyMap<string, number>;
  secrets: ReadonlyMap<string, number>;
  env: ReadonlyMap<string, number>;
  /** True when the expression reads `item`/`index` or `$item`/`$index` (only valid inside `foreach` or per-item options). */
  usesItem: boolean;
  /** True when `nodes` is used in a way whose node id cannot be known statically (e.g. `$lookup(nodes, x)`). */
  dynamicNodes: boolean;
}

interface AstNode {
  type: string;
  value?: unknown;
  position?: number;
  steps?: AstNode[];
  [key: string]: unknown;
}

const ROOTS = ['inputs', 'secrets', 'env'] as const;

/**
 * Collects references from a JSONata expression source (throws ExpressionSyntaxError when it does not parse).
 * @example collectRefs('nodes.fetch.output.items[0] & inputs.name').nodes // Map {'fetch' => 6}
 */
export function collectRefs(source: string): ExpressionRefs {
  let refs = memo.get(source);
  if (!refs) {
    refs = collectRefsUncached(source);
    memo.set(source, refs);
  }
  return refs;
}

/** Refs are small and asked for by several passes; the compiled expression behind them is not kept. */
const memo = new QuickLRU<string, ExpressionRefs>({ maxSize: 50_000 });

/** Shared by every memoised result that names nothing of a kind (most name no secrets or env). */
const NONE: ReadonlyMap<string, number> = new Map();

interface Collecting {
  nodes: Map<string, number>;
  inputs: Map<string, number>;
  secrets: Map<string, number>;
  env: Map<string, number>;
  usesItem: boolean;
  dynamicNodes: boolean;
}

function collectRefsUncached(source: string): ExpressionRefs {
  const refs: Collecting = {
    nodes: new Map(),
    inputs: new Map(),
    secrets: new Map(),
    env: new Map(),
    usesItem: false,
    dynamicNodes: false,
  };
  const ast = compileExpression(source).ast() as unknown as AstNode;
  walk(ast, refs);
  const kept = (m: Map<string, number>) => (m.size > 0 ? m : NONE);
  return {
    nodes: kept(refs.nodes),
    inputs: kept(refs.inputs),
    secrets: kept(refs.secrets),
    env: kept(refs.env),
    usesItem: refs.usesItem,
    dynamicNodes: refs.dynamicNodes,
  };
}

function nameAt(steps: AstNode[], i: number): AstNode | undefined {
  const s = steps[i];
  return s && s.type === 'name' && typeof s.value === 'string' ? s : undefined;
}

function visitPath(steps: AstNode[], refs: Collecting): void {
  // `$$.nodes.x` reads from the root just like `nodes.x`.
  let i = 0;
  if (steps[0]?.type === 'variable' && steps[0].value === '$') i = 1;
  const head = nameAt(steps, i);
  if (!head) return;
  const root = head.value as string;
  if (root === 'item' || root === 'index') refs.usesItem = true;
  const next = nameAt(steps, i + 1);
  if (root === 'nodes') {
    if (next) refs.nodes.set(next.value as string, next.position ?? 0);
    else refs.dynamicNodes = true;
    return;
  }
  for (const r of ROOTS) {
    if (root === r && next && !refs[r].has(next.value as string))
      refs[r].set(next.value as string, next.position ?? 0);
  }
}

function isItem(n: AstNode): boolean {
  return (n.type === 'name' || n.type === 'variable') && (n.value === 'item' || n.value === 'index');
}

function walk(node: unknown, refs: Collecting): void {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, refs);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const n = node as AstNode;
  if (n.type === 'path' && Array.isArray(n.steps)) {
    visitPath(n.steps, refs);
    // `item.x` and `$item` anywhere read the fan-out item; `inputs.item` is just a field named item.
    if (n.steps.some((s, i) => isItem(s) && (i === 0 || s.type === 'variable'))) refs.usesItem = true;
    // Step names are covered above; only look inside their predicates and stages.
    for (const step of n.steps) {
      for (const [k, v] of Object.entries(step)) {
        if (k !== 'position' && k !== 'value' && typeof v === 'object') walk(v, refs);
      }
    }
    return;
  }
  if (isItem(n)) refs.usesItem = true;
  else if (n.type === 'name' && n.value === 'nodes') refs.dynamicNodes = true;
  for (const [k, v] of Object.entries(n)) {
    if (k !== 'position' && k !== 'value' && typeof v === 'object') walk(v, refs);
  }
}

/**
 * Where the expressions of a workflow are: every string value rules scan (node options,
 * `when`, `foreach`, outputs), the `${{ }}` templates among them, and the JSONata expressions
 * they hold — template parts and raw JSONata options (`expressionOptions` of the node type).
 */
import type { Range } from '../diagnostics.js';
import type { ExpressionSyntaxError } from '../expr/jsonata.js';
import { collectExpressions, isTemplate, parseTemplate, type TemplatePart } from '../expr/template.js';
import type { JsonPath } from '../parse/source-map.js';
import type { Json, NodeSpec } from '../workflow.js';
import type { RuleContext } from './types.js';

type Scope = Pick<RuleContext, 'workflow' | 'nodeTypes'>;

/** A string value of the workflow that rules scan. */
export interface WorkflowString {
  path: JsonPath;
  value: string;
  /** The node it belongs to; absent for workflow outputs. */
  nodeId?: string;
  /** True for raw JSONata options (the whole string is one expression, no `${{ }}`). */
  raw: boolean;
}

/** A string value that holds `${{ }}` templates, with its parts. */
export interface TemplateString {
  path: JsonPath;
  value: string;
  parts: TemplatePart[];
  /** The node it belongs to; absent for workflow outputs. */
  nodeId?: string;
}

/** One JSONata expression in the workflow: a template part or a raw JSONata option. */
export interface ExpressionSite {
  path: JsonPath;
  /** The expression text. */
  source: string;
  /** Offset of `source` inside the string value at `path`. */
  offset: number;
  /** True for raw JSONata options (no `${{ }}`). */
  raw: boolean;
  nodeId?: string;
}

/** An expression site, or a template that does not parse (then `source` is the whole string). */
export interface ExpressionEntry extends ExpressionSite {
  error?: ExpressionSyntaxError;
}

function* stringsIn(
  value: Json | undefined,
  path: (string | number)[],
): Generator<{ path: JsonPath; value: string }> {
  if (typeof value === 'string') yield { path, value };
  else if (Array.isArray(value))
    for (let i = 0; i < value.length; i++) yield* stringsIn(value[i], [...path, i]);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) yield* stringsIn(v, [...path, k]);
}

/**
 * Every rule of every file asks for the same strings and expressions: compute them once per
 * workflow (and node) and share them. The model is never mutated, so object identity is a
 * safe key.
 */
function memo<K extends object, V>(cache: WeakMap<K, V>, key: K, make: () => V): V {
  let v = cache.get(key);
  if (v === undefined) {
    v = make();
    cache.set(key, v);
  }
  return v;
}
const nodeStringsCache = new WeakMap<NodeSpec, readonly WorkflowString[]>();
const workflowStringsCache = new WeakMap<object, readonly WorkflowString[]>();
const templateStringsCache = new WeakMap<object, readonly TemplateString[]>();
const workflowExpressionsCache = new WeakMap<object, readonly ExpressionEntry[]>();
const nodeExpressionsCache = new WeakMap<NodeSpec, readonly ExpressionEntry[]>();

/** The string values of one node that rules scan: its options, then `when` and `foreach`. */
function nodeStrings(ctx: Scope, node: NodeSpec): readonly WorkflowString[] {
  return memo(nodeStringsCache, node, () => [...nodeStringsUncached(ctx, node)]);
}

function* nodeStringsUncached(ctx: Scope, node: NodeSpec): Generator<WorkflowString> {
  const rawKeys = new Set(ctx.nodeTypes.get(node.type)?.expressionOptions ?? []);
  for (const [key, v] of Object.entries(node.options)) {
    const raw = rawKeys.has(key) && typeof v === 'string';
    for (const s of stringsIn(v, ['nodes', node.id, key])) yield { ...s, nodeId: node.id, raw };
  }
  for (const key of ['when', 'foreach'] as const)
    for (const s of stringsIn(node[key], ['nodes', node.id, key]))
      yield { ...s, nodeId: node.id, raw: false };
}

/** Every string value of the workflow that rules scan: node options, `when`, `foreach`, outputs. */
export function workflowStrings(ctx: Scope): readonly WorkflowString[] {
  return memo(workflowStringsCache, ctx.workflow, () => {
    const out: WorkflowString[] = [];
    for (const node of Object.values(ctx.workflow.nodes)) out.push(...nodeStrings(ctx, node));
    for (const [name, v] of Object.entries(ctx.workflow.outputs))
      for (const s of stringsIn(v, ['outputs', name])) out.push({ ...s, raw: false });
    return out;
  });
}

/** Every string with a template that parses (syntax errors are the validator's). */
export function templateStrings(ctx: Scope): readonly TemplateString[] {
  return memo(templateStringsCache, ctx.workflow, () => templateStringsUncached(ctx));
}

function templateStringsUncached(ctx: Scope): TemplateString[] {
  const out: TemplateString[] = [];
  for (const s of workflowStrings(ctx)) {
    if (s.raw || !isTemplate(s.value)) continue;
    try {
      out.push({
        path: s.path,
        value: s.value,
        parts: parseTemplate(s.value),
        ...(s.nodeId !== undefined ? { nodeId: s.nodeId } : {}),
      });
    } catch {
      // reported by expression-syntax
    }
  }
  return out;
}

/**
 * The expressions of one string: the whole string for a raw option, else its template parts;
 * a template that does not parse gives one entry with `error` (see `collectExpressions`).
 */
function expressionsOf(s: WorkflowString): ExpressionEntry[] {
  const node = s.nodeId !== undefined ? { nodeId: s.nodeId } : {};
  if (s.raw) return [{ path: s.path, source: s.value, offset: 0, raw: true, ...node }];
  return collectExpressions(s.value, [...s.path]).map((e) => ({ ...e, raw: false, ...node }));
}

/** Every expression of the workflow, those that do not parse included (with `error`). */
export function workflowExpressions(ctx: Scope): readonly ExpressionEntry[] {
  return memo(workflowExpressionsCache, ctx.workflow, () => workflowStrings(ctx).flatMap(expressionsOf));
}

/** Every expression of one node (options, `when`, `foreach`), those that do not parse included. */
export function nodeExpressions(ctx: Scope, node: NodeSpec): readonly ExpressionEntry[] {
  return memo(nodeExpressionsCache, node, () => nodeStrings(ctx, node).flatMap(expressionsOf));
}

/** Every expression of the workflow that parses: template parts and raw JSONata options. */
export function expressionSites(ctx: Scope): readonly ExpressionSite[] {
  return workflowExpressions(ctx).filter((e) => !e.error);
}

/** The range of `length` characters at `offset` inside the expression of a site. */
export function siteRange(
  ctx: Pick<RuleContext, 'map'>,
  site: { path: JsonPath; offset: number },
  offset: number,
  length: number,
): Range {
  return ctx.map.rangeInString(site.path, site.offset + offset, length);
}

/** Shortens an expression for a message. */
export function shorten(source: string, max = 60): string {
  const flat = source.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

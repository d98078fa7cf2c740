/**
 * The workflow validator: YAML text → diagnostics, and when there are no errors the
 * {@link Workflow} model and its graph. Checks run in layers (YAML, limits, identity,
 * structure, node types and options, expressions, graph) and each layer reports every
 * problem it finds, so one run shows the user everything to fix. Pure.
 */
import type { ValidateFunction } from './schema-check.js';
import { hasErrors, sortDiagnostics, type Diagnostic, type DiagnosticCode } from '../diagnostics.js';
import { ExpressionSyntaxError, compileExpression } from '../expr/jsonata.js';
import { collectRefs } from '../expr/refs.js';
import { collectExpressions } from '../expr/template.js';
import { buildGraph, type WorkflowGraph } from '../graph.js';
import { inputTypeProblem } from '../inputs.js';
import { jsonEqual } from '../json.js';
import type { NodeCatalog, NodeTypeInfo } from './node-catalog.js';
import {
  buildWorkflowSchema,
  COMMON_NODE_KEYS,
  nodeOptionsValidationSchema,
} from '../schema/workflow-schema.js';
import { WORKFLOW_API_VERSION, type InputType, type Json, type Workflow } from '../workflow.js';
import { normalizeWorkflow, nodeOptions } from './normalize.js';
import { checkSchema, compileSchema } from './schema-check.js';
import type { JsonPath, YamlSourceMap } from './source-map.js';
import { closest } from './suggest.js';
import { describePath, parseYamlSource } from './yaml-source.js';

/** What {@link parseWorkflowWith} returns: the model and graph only when there are no errors. */
export interface ParsedWorkflow {
  workflow?: Workflow;
  graph?: WorkflowGraph;
  diagnostics: Diagnostic[];
  /**
   * The model whenever the structure is valid, even when options, expressions or the graph
   * have errors: lint rules still have something to look at.
   */
  model?: Workflow;
  /** The source map of the text: line:col of any JSON path. */
  map?: YamlSourceMap;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

let structural: ValidateFunction | undefined;
/** Options validators per node type object, compiled on first use (so catalogs in tests stay separate). */
const optionValidators = new WeakMap<NodeTypeInfo, ValidateFunction>();

function structuralValidator(): ValidateFunction {
  structural ??= compileSchema(buildWorkflowSchema(), 'the workflow format');
  return structural;
}

function optionsValidator(t: NodeTypeInfo): ValidateFunction {
  let v = optionValidators.get(t);
  if (!v) {
    v = compileSchema(nodeOptionsValidationSchema(t), `the options of node type "${t.type}"`);
    optionValidators.set(t, v);
  }
  return v;
}

/** Words naming the thing at `path` in messages ("the workflow", `node "fetch"`, `input "env"`). */
function subjectOf(path: JsonPath, doc: unknown): string {
  if (path.length === 0) return 'the workflow';
  if (path[0] === 'nodes' && path.length === 2) {
    const type =
      (isObj(doc) &&
        isObj(doc.nodes) &&
        isObj(doc.nodes[path[1] as string]) &&
        (doc.nodes[path[1] as string] as Obj).type) ||
      undefined;
    return `node "${String(path[1])}"${typeof type === 'string' ? ` (${type})` : ''}`;
  }
  if (path[0] === 'inputs' && path.length === 2) return `input "${String(path[1])}"`;
  return `"${describePath(path)}"`;
}

class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    readonly file: string,
    readonly map: YamlSourceMap,
  ) {}
  add(
    code: DiagnosticCode,
    message: string,
    range = this.map.rangeOf([]),
    severity: Diagnostic['severity'] = 'error',
  ) {
    this.diagnostics.push({ code, severity, message, file: this.file, range });
  }
}

/**
 * Parses and validates a workflow file's text against a catalog of node types.
 * `file` is only used to label diagnostics.
 */
export function parseWorkflowWith(text: string, file: string, catalog: NodeCatalog): ParsedWorkflow {
  const src = parseYamlSource(text, file);
  const r = new Reporter(file, src.map);
  r.diagnostics.push(...src.diagnostics);
  const done = (extra: Partial<ParsedWorkflow> = {}): ParsedWorkflow => ({
    ...extra,
    map: src.map,
    diagnostics: sortDiagnostics(r.diagnostics),
  });
  if (src.value === undefined) return done();
  if (!checkIdentity(src.value, src.empty, r)) return done();
  const doc = src.value as Obj;

  const structure = checkSchema(structuralValidator(), doc, {
    file,
    map: src.map,
    basePath: [],
    code: 'schema',
    subject: (p) => subjectOf(p, doc),
  });
  r.diagnostics.push(...structure);
  const inputs = isObj(doc.inputs) ? doc.inputs : {};
  checkInputDefaults(inputs, r);

  const declared = new Set(Object.keys(inputs));
  const nodes = isObj(doc.nodes) ? doc.nodes : {};
  for (const [id, raw] of Object.entries(nodes)) {
    if (isObj(raw) && typeof raw.type === 'string') checkNode(id, raw, catalog, declared, doc, r);
  }
  if (isObj(doc.outputs)) {
    for (const [name, v] of Object.entries(doc.outputs)) {
      // Node references of nodes are checked by buildGraph; outputs are not part of the graph.
      checkTemplates(v as Json, ['outputs', name], {
        itemAllowed: false,
        declared,
        r,
        nodeIds: Object.keys(nodes),
      });
    }
  }
  // The model can be built whenever the structure is valid; the graph then also reports
  // unknown node references and cycles alongside option and expression errors.
  if (hasErrors(structure)) return done();
  const workflow = normalizeWorkflow(doc, src.map);
  const built = buildGraph(workflow, (type) => catalog.get(type)?.expressionOptions ?? []);
  r.diagnostics.push(...built.diagnostics);
  if (hasErrors(r.diagnostics) || !built.graph) return done({ model: workflow });
  return done({ workflow, model: workflow, graph: built.graph });
}

/** Is this a thaiyyal workflow at all? Anything else gets one clear `not-a-workflow`. */
function checkIdentity(value: unknown, empty: boolean, r: Reporter): boolean {
  const start = 'a workflow file starts with `apiVersion: ' + WORKFLOW_API_VERSION + '` and `kind: Workflow`';
  if (empty || value === null) {
    r.add('not-a-workflow', `the file is empty; ${start}`);
    return false;
  }
  if (!isObj(value)) {
    r.add(
      'not-a-workflow',
      `the file holds ${Array.isArray(value) ? 'a list' : 'a single value'}, not a workflow; ${start}`,
    );
    return false;
  }
  let ok = true;
  if (value.kind === undefined) {
    r.add('not-a-workflow', `the file has no \`kind\`; ${start}`);
    ok = false;
  } else if (value.kind !== 'Workflow') {
    r.add(
      'not-a-workflow',
      `kind is ${JSON.stringify(value.kind)}, so this is not a workflow; thaiyyal reads files with \`kind: Workflow\``,
      r.map.rangeOf(['kind']),
    );
    ok = false;
  }
  if (value.apiVersion === undefined) {
    r.add('not-a-workflow', `the file has no \`apiVersion\`; add \`apiVersion: ${WORKFLOW_API_VERSION}\``);
    ok = false;
  } else if (value.apiVersion !== WORKFLOW_API_VERSION) {
    r.add(
      'not-a-workflow',
      `apiVersion ${JSON.stringify(value.apiVersion)} is not supported; this thaiyyal reads \`apiVersion: ${WORKFLOW_API_VERSION}\``,
      r.map.rangeOf(['apiVersion']),
    );
    ok = false;
  }
  return ok;
}

/** Defaults and enum values must fit the declared input type (the schema cannot say that). */
function checkInputDefaults(inputs: Obj, r: Reporter): void {
  for (const [name, raw] of Object.entries(inputs)) {
    if (!isObj(raw) || typeof raw.type !== 'string') continue;
    const type = raw.type as InputType;
    const enumValues = Array.isArray(raw.enum) ? raw.enum : undefined;
    enumValues?.forEach((v, i) => {
      const problem = inputTypeProblem(type, v);
      if (problem)
        r.add(
          'schema',
          `enum value ${JSON.stringify(v)} of input "${name}" ${problem} (the input's type)`,
          r.map.rangeOf(['inputs', name, 'enum', i]),
        );
    });
    if (raw.default === undefined) continue;
    const problem = inputTypeProblem(type, raw.default);
    if (problem) {
      r.add(
        'schema',
        `the default of input "${name}" ${problem} (the input's type); fix the default or the type`,
        r.map.rangeOf(['inputs', name, 'default']),
      );
    } else if (enumValues && !enumValues.some((e) => jsonEqual(e, raw.default))) {
      r.add(
        'schema',
        `the default of input "${name}" is not one of its enum values; add it to enum or change it`,
        r.map.rangeOf(['inputs', name, 'default']),
      );
    }
  }
}

function checkNode(
  id: string,
  raw: Obj,
  catalog: NodeCatalog,
  declared: Set<string>,
  doc: Obj,
  r: Reporter,
): void {
  const type = raw.type as string;
  const t = catalog.get(type);
  const base = ['nodes', id];
  if (!t) {
    const near = closest(type, catalog.keys(), 3);
    r.add(
      'unknown-node-type',
      `unknown node type "${type}"; ${near.length > 0 ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}? ` : ''}run \`thaiyyal nodes\` to list the types`,
      r.map.rangeOf([...base, 'type']),
    );
  }
  const options = nodeOptions(raw);
  const raws = new Set(t?.expressionOptions ?? []);
  if (t) {
    r.diagnostics.push(
      ...checkSchema(optionsValidator(t), options, {
        file: r.file,
        map: r.map,
        basePath: base,
        code: 'invalid-option',
        subject: (p) => subjectOf(p, doc),
        extraRootKeys: COMMON_NODE_KEYS,
        allowTemplates: true,
        rawKeys: raws,
      }),
    );
  }
  const fans = raw.foreach !== undefined;
  if (raw.concurrency !== undefined && !fans) {
    r.add(
      'schema',
      `concurrency only applies to a node with foreach; remove it or add foreach`,
      r.map.keyRangeOf([...base, 'concurrency']),
      'warning',
    );
  }
  for (const [name, value] of Object.entries(options)) {
    if (raws.has(name)) checkRawExpression(value, [...base, name], type, { itemAllowed: true, declared, r });
    else checkTemplates(value, [...base, name], { itemAllowed: fans, declared, r });
  }
  if (raw.when !== undefined)
    checkTemplates(raw.when as Json, [...base, 'when'], { itemAllowed: fans, declared, r });
  if (raw.foreach !== undefined) {
    checkTemplates(raw.foreach as Json, [...base, 'foreach'], {
      itemAllowed: false,
      declared,
      r,
      itemHint: 'foreach produces the items, so it cannot read `item` itself',
    });
  }
}

interface ExprScope {
  itemAllowed: boolean;
  declared: Set<string>;
  r: Reporter;
  itemHint?: string;
  /** When set, `nodes.<id>` references are checked against these ids. */
  nodeIds?: readonly string[];
}

/** Syntax and references of every `${{ }}` inside a value. */
function checkTemplates(value: Json | undefined, path: (string | number)[], s: ExprScope): void {
  for (const e of collectExpressions(value, path)) {
    if (e.error) {
      s.r.add(
        'expression-syntax',
        `invalid expression: ${e.error.message}; fix the JSONata inside \${{ }}`,
        s.r.map.rangeInString(e.path, e.error.offset),
      );
      continue;
    }
    checkRefs(e.source, e.offset, e.path, s);
  }
}

/** A raw JSONata option: no `${{ }}` allowed, must parse, and its references must exist. */
function checkRawExpression(value: Json, path: (string | number)[], type: string, s: ExprScope): void {
  if (typeof value !== 'string') return;
  const open = value.indexOf('${{');
  if (open >= 0) {
    s.r.add(
      'expression-syntax',
      `option "${String(path[path.length - 1])}" of a ${type} node is raw JSONata, not a template; drop the \${{ }} around it`,
      s.r.map.rangeInString(path, open, 3),
    );
    return;
  }
  try {
    compileExpression(value);
  } catch (err) {
    if (!(err instanceof ExpressionSyntaxError)) throw err;
    s.r.add(
      'expression-syntax',
      `invalid expression: ${err.message}; fix the JSONata`,
      s.r.map.rangeInString(path, err.offset),
    );
    return;
  }
  checkRefs(value, 0, path, s);
}

function checkRefs(source: string, offset: number, path: (string | number)[], s: ExprScope): void {
  const refs = collectRefs(source);
  for (const [name, at] of refs.inputs) {
    if (s.declared.has(name)) continue;
    const near = closest(name, s.declared, 1)[0];
    s.r.add(
      'unknown-reference',
      `input "${name}" is not declared; ${near ? `did you mean "${near}"? Or declare` : 'declare'} it under \`inputs:\``,
      s.r.map.rangeInString(path, offset + refStart(source, name, at), name.length),
    );
  }
  if (s.nodeIds) {
    for (const [id, at] of refs.nodes) {
      if (s.nodeIds.includes(id)) continue;
      const near = closest(id, s.nodeIds, 1)[0];
      s.r.add(
        'unknown-reference',
        `node "${id}" does not exist${near ? `; did you mean "${near}"?` : '; check the id under `nodes:`'}`,
        s.r.map.rangeInString(path, offset + refStart(source, id, at), id.length),
      );
    }
  }
  if (refs.usesItem && !s.itemAllowed) {
    s.r.add(
      'unknown-reference',
      s.itemHint
        ? `\`item\`/\`index\` cannot be used here: ${s.itemHint}`
        : '`item` and `index` only exist in a node with `foreach`; add foreach to this node or remove the reference',
      s.r.map.rangeInString(path, offset),
    );
  }
}

/**
 * JSONata reports the position just after a name token; turn it into the name's start,
 * checking the source so a backticked name (`` `my-input` ``) is handled too.
 */
function refStart(source: string, name: string, pos: number): number {
  for (const cand of [pos - name.length, pos - name.length - 1, pos]) {
    if (cand >= 0 && source.startsWith(name, cand)) return cand;
  }
  const found = source.indexOf(name);
  return found >= 0 ? found : 0;
}

/**
 * The lint rule contract (eslint's architecture, actionlint's messages): one rule per file
 * in `rules/`, each with its metadata and a `check` that reports findings through the
 * context. Rules never throw or log; they are pure functions of the workflow.
 */
import type { Range, Severity } from '../diagnostics.js';
import type { WorkflowGraph } from '../graph.js';
import type { NodeCatalog } from '../parse/node-catalog.js';
import type { JsonPath, YamlSourceMap } from '../parse/source-map.js';
import type { Workflow } from '../workflow.js';

export type RuleCategory = 'structure' | 'expressions' | 'security' | 'reliability' | 'maintainability';

/** A text edit on the original source: replace `range` with `text`. Comments and layout elsewhere are untouched. */
export interface TextEdit {
  range: Range;
  text: string;
}

/** A safe automatic fix: one or more edits that never overlap. */
export interface Fix {
  /** What the fix does, shown by `--fix-dry-run`. */
  description: string;
  edits: TextEdit[];
}

/** What a rule reports: where (a JSON path, or an exact range) and why. */
export interface Report {
  message: string;
  /** The place, as a JSON path into the workflow (e.g. `['nodes', 'fetch', 'url']`)… */
  path?: JsonPath;
  /** …or an exact range (e.g. inside an expression). Wins over `path`. */
  range?: Range;
  /** Where the key is, not the value (e.g. point at `needs:` rather than its list). */
  atKey?: boolean;
  fix?: Fix;
}

/** Everything a rule may look at. */
export interface RuleContext {
  file: string;
  /** The source text, for rules that look at comments or layout. */
  text: string;
  /** Text split into lines (index 0 = line 1), without line terminators. */
  lines: readonly string[];
  workflow: Workflow;
  /** Absent when the workflow has graph errors (cycles, unknown references). */
  graph: WorkflowGraph | undefined;
  map: YamlSourceMap;
  nodeTypes: NodeCatalog;
  report(r: Report): void;
}

export interface RuleMeta {
  /** kebab-case, stable: used in config, suppressions and docs/rules/<id>.md. */
  id: string;
  category: RuleCategory;
  severity: Severity;
  /** True when the rule offers safe fixes for `--fix`. */
  fixable: boolean;
  /** One sentence: what the rule finds and why it matters. */
  description: string;
  /**
   * False for opt-in rules: off unless `lint.rules` in the config (or `--rule`) gives them a
   * severity. For rules that are a matter of taste, or whose fix touches every file.
   */
  recommended?: boolean;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

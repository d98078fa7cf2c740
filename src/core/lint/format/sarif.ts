/**
 * `sarif`: SARIF 2.1.0 for GitHub code scanning and other viewers. One run; the driver
 * lists every rule id with its description, docs link and default level; results point at
 * files by relative URI with 1-based, end-exclusive regions (UTF-16 columns).
 */
import type { Severity } from '../../diagnostics.js';
import { RULE_CATALOG, ruleDocsUrl, type RuleInfo } from '../catalog.js';
import { ruleIdOf, type Formatter } from './types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/** Where the SARIF 2.1.0 schema lives (the `$schema` of the log). */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** A relative path as a URI reference: forward slashes, each segment percent-encoded. */
export function toUri(file: string): string {
  return file
    .replaceAll('\\', '/')
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

function descriptor(r: RuleInfo) {
  return {
    id: r.id,
    name: r.id
      .split('-')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: r.description },
    helpUri: ruleDocsUrl(r.id),
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { category: r.category, fixable: r.fixable, tags: [r.category] },
  };
}

/** @example JSON.parse(sarif(results, ctx)).runs[0].results[0].level // 'warning' */
export const sarif: Formatter = (results, { toolVersion }) => {
  const rules: RuleInfo[] = [...RULE_CATALOG];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const out = [];
  for (const r of results) {
    for (const f of r.findings) {
      const id = ruleIdOf(f);
      if (!index.has(id)) {
        // A finding outside the catalog (e.g. `io`: a file that cannot be read).
        index.set(id, rules.length);
        rules.push({
          id,
          category: 'structure',
          severity: 'error',
          fixable: false,
          description: f.message,
          kind: 'validator',
        });
      }
      const { start, end } = f.range;
      out.push({
        ruleId: id,
        ruleIndex: index.get(id)!,
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: toUri(f.file) },
              region: {
                startLine: start.line,
                startColumn: start.col,
                endLine: Math.max(end.line, start.line),
                endColumn: end.line > start.line ? end.col : Math.max(end.col, start.col),
              },
            },
          },
        ],
      });
    }
  }
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'thaiyyal',
            version: toolVersion,
            semanticVersion: toolVersion,
            informationUri: 'https://github.com/thaiyyal/thaiyyal',
            rules: rules.map(descriptor),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: out,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

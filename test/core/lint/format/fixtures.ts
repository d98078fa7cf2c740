/** Lint results for the format tests: fixed findings, so the golden strings do not follow rule prose. */
import type { LintFileResult } from '../../../../src/core/lint/format/types.js';
import type { LintFinding } from '../../../../src/core/lint/lint.js';

const at = (line: number, col: number, endLine: number, endCol: number) => ({
  start: { line, col },
  end: { line: endLine, col: endCol },
});

export const SOURCE_A = `apiVersion: thaiyyal.dev/v1
kind: Workflow
name: a
nodes:
  fetch:
    type: http
    url: https://example.com/a,b%c
`;

const missingTimeout: LintFinding = {
  code: 'lint',
  ruleId: 'missing-timeout',
  severity: 'warning',
  message: 'http node "fetch" has no timeout',
  file: 'workflows/a.yaml',
  range: at(5, 3, 5, 8),
  fix: { description: 'add timeout: 30s', edits: [{ range: at(7, 1, 7, 1), text: '    timeout: 30s\n' }] },
};
const unknownType: LintFinding = {
  code: 'unknown-node-type',
  ruleId: 'unknown-node-type',
  severity: 'error',
  message: 'unknown node type "htp"; did you mean "http"?',
  file: 'workflows/a.yaml',
  range: at(6, 11, 6, 15),
};
const info: LintFinding = {
  code: 'lint',
  ruleId: 'missing-owners',
  severity: 'info',
  message: 'workflow "b" has no owners,\nsee: <docs> & "more" 100%',
  file: 'workflows/sub dir/b.yaml',
  range: at(3, 1, 3, 5),
};

export const RESULTS: LintFileResult[] = [
  { file: 'workflows/a.yaml', findings: [missingTimeout, unknownType], source: SOURCE_A },
  { file: 'workflows/clean.yaml', findings: [], source: 'apiVersion: thaiyyal.dev/v1\n' },
  {
    file: 'workflows/sub dir/b.yaml',
    findings: [info],
    source: 'apiVersion: thaiyyal.dev/v1\nkind: Workflow\nname: b\n',
  },
];

export const CTX = {
  toolVersion: '9.9.9',
  style: {
    red: (s: string) => s,
    yellow: (s: string) => s,
    green: (s: string) => s,
    cyan: (s: string) => s,
    dim: (s: string) => s,
    bold: (s: string) => s,
  },
};

/** The output formats: golden strings for the human ones, structure and escaping for the machine ones. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES, FORMATS } from '../../../../src/core/lint/format/index.js';
import { escapeData, escapeProperty } from '../../../../src/core/lint/format/github.js';
import { escapeXml } from '../../../../src/core/lint/format/junit.js';
import { toUri } from '../../../../src/core/lint/format/sarif.js';
import { RULE_CATALOG } from '../../../../src/core/lint/catalog.js';
import { CTX, RESULTS } from './fixtures.js';

describe('formats', () => {
  it('registry', () => {
    expect(FORMAT_NAMES).toEqual(['stylish', 'compact', 'json', 'sarif', 'github', 'junit']);
  });

  it('stylish: grouped by file, aligned, code frames, summary', () => {
    expect(FORMATS.stylish(RESULTS, CTX)).toBe(
      [
        'workflows/a.yaml',
        '  5:3   warning  http node "fetch" has no timeout  missing-timeout',
        '    5 |   fetch:',
        '      |   ^^^^^',
        '  6:11  error    unknown node type "htp"; did you mean "http"?  unknown-node-type',
        '    6 |     type: http',
        '      |           ^^^^',
        '',
        'workflows/sub dir/b.yaml',
        '  3:1  info  workflow "b" has no owners,\nsee: <docs> & "more" 100%  missing-owners',
        '    3 | name: b',
        '      | ^^^^',
        '',
        '✖ 3 problems (1 error, 1 warning, 1 info) in 3 files linted',
        '  1 problem fixable with `--fix`',
        '',
      ].join('\n'),
    );
  });

  it('stylish: clean run, and diffs first', () => {
    expect(FORMATS.stylish([{ file: 'a.yaml', findings: [] }], CTX)).toBe('✔ 1 file linted: no problems\n');
    const out = FORMATS.stylish(
      [{ file: 'a.yaml', findings: [], diff: '--- a/a.yaml\n+++ b/a.yaml\n' }],
      CTX,
    );
    expect(out.startsWith('--- a/a.yaml\n+++ b/a.yaml\n\n')).toBe(true);
  });

  it('stylish: code frame of a long line keeps a window around the place', () => {
    const line = `    url: ${'x'.repeat(300)}BAD${'y'.repeat(300)}`;
    const col = line.indexOf('BAD') + 1;
    const f = {
      ...RESULTS[0]!.findings[1]!,
      range: { start: { line: 1, col }, end: { line: 1, col: col + 3 } },
    };
    const out = FORMATS.stylish([{ file: 'a.yaml', findings: [f], source: line }], CTX).split('\n');
    expect(out[2]!.length).toBeLessThan(200);
    const caret = out[3]!.indexOf('^^^');
    expect(out[2]!.slice(caret, caret + 3)).toBe('BAD');
  });

  it('compact: path:line:col: message [rule], severity suffix for non-errors', () => {
    expect(FORMATS.compact(RESULTS, CTX)).toBe(
      [
        'workflows/a.yaml:5:3: http node "fetch" has no timeout [missing-timeout] (warning)',
        'workflows/a.yaml:6:11: unknown node type "htp"; did you mean "http"? [unknown-node-type]',
        'workflows/sub dir/b.yaml:3:1: workflow "b" has no owners,\nsee: <docs> & "more" 100% [missing-owners] (info)',
        '',
      ].join('\n'),
    );
    expect(FORMATS.compact([], CTX)).toBe('');
  });

  it('the problem matcher reads compact lines', () => {
    const matcher = JSON.parse(
      readFileSync(
        join(import.meta.dirname, '../../../../.github/actions/thaiyyal/thaiyyal-matcher.json'),
        'utf8',
      ),
    ) as { problemMatcher: { owner: string; pattern: { regexp: string }[] }[] };
    const [errors, warnings] = matcher.problemMatcher.map((m) => new RegExp(m.pattern[0]!.regexp));
    const [warn, err] = FORMATS.compact(RESULTS, CTX).split('\n');
    expect(errors!.exec(err!)?.slice(1)).toEqual([
      'workflows/a.yaml',
      '6',
      '11',
      'unknown node type "htp"; did you mean "http"?',
      'unknown-node-type',
    ]);
    expect(errors!.test(warn!)).toBe(false);
    expect(warnings!.exec(warn!)?.slice(1)).toEqual([
      'workflows/a.yaml',
      '5',
      '3',
      'http node "fetch" has no timeout',
      'missing-timeout',
    ]);
    expect(warnings!.test(err!)).toBe(false);
  });

  it('json: one array of {file, findings} with fixes', () => {
    const doc = JSON.parse(FORMATS.json(RESULTS, CTX));
    expect(doc.map((r: { file: string }) => r.file)).toEqual([
      'workflows/a.yaml',
      'workflows/clean.yaml',
      'workflows/sub dir/b.yaml',
    ]);
    expect(doc[0].findings[0]).toMatchObject({
      ruleId: 'missing-timeout',
      severity: 'warning',
      range: { start: { line: 5, col: 3 } },
      fix: { description: 'add timeout: 30s' },
    });
    expect(doc[0].source).toBeUndefined();
  });

  it('github: annotations with escaped properties and messages', () => {
    expect(FORMATS.github(RESULTS, CTX)).toBe(
      [
        '::warning file=workflows/a.yaml,line=5,col=3,endLine=5,endColumn=8,title=missing-timeout::http node "fetch" has no timeout [missing-timeout]',
        '::error file=workflows/a.yaml,line=6,col=11,endLine=6,endColumn=15,title=unknown-node-type::unknown node type "htp"; did you mean "http"? [unknown-node-type]',
        '::notice file=workflows/sub dir/b.yaml,line=3,col=1,endLine=3,endColumn=5,title=missing-owners::workflow "b" has no owners,%0Asee: <docs> & "more" 100%25 [missing-owners]',
        'thaiyyal lint: 3 files, 1 error, 1 warning, 1 info',
        '',
      ].join('\n'),
    );
    expect(escapeData('a%b\r\nc:d,e')).toBe('a%25b%0D%0Ac:d,e');
    expect(escapeProperty('a%b\r\nc:d,e')).toBe('a%25b%0D%0Ac%3Ad%2Ce');
  });

  it('junit: well-formed XML, a suite per file, a failing case per finding', () => {
    const xml = FORMATS.junit(RESULTS, CTX);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({
      ignoreAttributes: false,
      isArray: (n) => ['testsuite', 'testcase'].includes(n),
    }).parse(xml);
    const suites = doc.testsuites.testsuite;
    expect(suites.map((s: Record<string, string>) => [s['@_name'], s['@_failures']])).toEqual([
      ['workflows/a.yaml', '2'],
      ['workflows/clean.yaml', '0'],
      ['workflows/sub dir/b.yaml', '1'],
    ]);
    expect(suites[0].testcase[1].failure['@_message']).toBe('unknown node type "htp"; did you mean "http"?');
    expect(suites[1].testcase[0].failure).toBeUndefined();
    expect(doc.testsuites['@_failures']).toBe('3');
    expect(escapeXml('a<b>&"\'\u0001\uD800')).toBe('a&lt;b&gt;&amp;&quot;&apos;');
  });

  it('sarif: valid against the SARIF 2.1.0 schema, with rules and relative URIs', () => {
    const log = JSON.parse(FORMATS.sarif(RESULTS, CTX));
    // The official SARIF 2.1.0 (rtm.5) schema, as shipped in npm @microsoft/jest-sarif@1.0.0-beta.0
    // (lib/schemas/sarif-2.1.0-rtm.5.json, MIT), vendored rather than installed with its run-time deps.
    // It is draft-04 with one pattern that is invalid in unicode mode: compile it as draft-07, non-unicode.
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'sarif-schema-2.1.0.json'), 'utf8'));
    delete schema.$schema;
    delete schema.id;
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);

    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    const { driver } = log.runs[0].tool;
    expect(driver).toMatchObject({
      name: 'thaiyyal',
      version: '9.9.9',
      informationUri: expect.stringMatching(/^https:\/\//),
    });
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(RULE_CATALOG.map((r) => r.id));
    const mt = driver.rules.find((r: { id: string }) => r.id === 'missing-timeout');
    expect(mt).toMatchObject({
      shortDescription: { text: expect.any(String) },
      helpUri: 'https://github.com/thaiyyal/thaiyyal/blob/main/docs/rules/missing-timeout.md',
      defaultConfiguration: { level: 'warning' },
    });
    const results = log.runs[0].results;
    expect(results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level])).toEqual([
      ['missing-timeout', 'warning'],
      ['unknown-node-type', 'error'],
      ['missing-owners', 'note'],
    ]);
    for (const r of results) expect(driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    expect(results[2].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'workflows/sub%20dir/b.yaml' },
      region: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 5 },
    });
    expect(toUri('a\\b c\\d.yaml')).toBe('a/b%20c/d.yaml');
  });

  it('sarif: findings outside the catalog (unreadable files) still get a rule', () => {
    const io = {
      code: 'io' as const,
      severity: 'error' as const,
      message: 'cannot read a.yaml: permission denied',
      file: 'a.yaml',
      range: { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } },
    };
    const log = JSON.parse(FORMATS.sarif([{ file: 'a.yaml', findings: [io] }], CTX));
    const r = log.runs[0].results[0];
    expect(log.runs[0].tool.driver.rules[r.ruleIndex].id).toBe('io');
  });
});

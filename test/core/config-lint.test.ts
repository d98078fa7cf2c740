/** The `lint:` section of the project config: severities per rule id, ignore globs, clear errors. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config-parse.js';
import { buildConfigSchema } from '../../src/core/schema/config-schema.js';
import { ALL_RULE_IDS } from '../../src/core/lint/registry.js';

const parse = (text: string) => parseConfig(text, '/p/thaiyyal.config.yaml', '/p');
const messages = (text: string) =>
  parse(text).diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.col} ${d.message}`);

describe('config lint section', () => {
  it('reads rule severities and ignore globs', () => {
    const { config, diagnostics } = parse(
      'version: 1\nlint:\n  rules:\n    missing-timeout: error\n    unused-suppression: off\n    cycle: off\n  ignore: [fixtures/**, "**/*.draft.yaml"]\n',
    );
    expect(diagnostics).toEqual([]);
    expect(config?.lint).toEqual({
      rules: { 'missing-timeout': 'error', 'unused-suppression': 'off', cycle: 'off' },
      ignore: ['fixtures/**', '**/*.draft.yaml'],
    });
  });

  it('defaults to no overrides and no ignores', () => {
    expect(parse('version: 1\n').config?.lint).toEqual({ rules: {}, ignore: [] });
  });

  it('rejects an unknown rule id with a "did you mean"', () => {
    expect(messages('version: 1\nlint:\n  rules:\n    missing-timout: error\n')).toEqual([
      'unknown-key@4:5 unknown key "missing-timout" in "lint.rules"; did you mean "missing-timeout"?',
    ]);
  });

  it('rejects a bad severity, and any severity but off for validator findings', () => {
    const found = messages('version: 1\nlint:\n  rules:\n    missing-timeout: fatal\n    cycle: warning\n');
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^schema@4:22 .*"error", "warning", "info", "off"/);
    expect(found[1]).toMatch(/^schema@5:12 .*"error", "off"/);
  });

  it('rejects unknown keys in the section and non-string globs', () => {
    expect(messages('version: 1\nlint:\n  ignores: [a]\n')[0]).toMatch(/did you mean "ignore"/);
    expect(messages('version: 1\nlint:\n  ignore: [1]\n')[0]).toMatch(/^schema@3:12/);
  });

  it('the schema lists every rule id', () => {
    const lint = buildConfigSchema().properties as Record<
      string,
      { properties: { rules: { properties: object } } }
    >;
    expect(Object.keys(lint.lint!.properties.rules.properties).sort()).toEqual([...ALL_RULE_IDS].sort());
  });
});

/** docs/governance.md: its config examples parse, and its CODEOWNERS example owns what its table says. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/config-parse.js';
import { formatDiagnostic } from '../../../src/core/diagnostics.js';
import { ownersOf, parseCodeowners } from '../../../src/core/governance/codeowners.js';
import { DEFAULT_GOVERNANCE } from '../../../src/core/governance/policy.js';

const text = readFileSync(join(import.meta.dirname, '../../../docs/governance.md'), 'utf8');
const blocks = (lang: string) =>
  [...text.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

describe('docs/governance.md', () => {
  const configs = blocks('yaml').filter((b) => b.startsWith('version: 1'));

  it('has config examples that parse', () => {
    expect(configs.length).toBe(2);
    for (const c of configs) {
      const { config, diagnostics } = parseConfig(c, 'docs/governance.md', '/p');
      expect(diagnostics.map(formatDiagnostic)).toEqual([]);
      expect(config?.governance).toBeDefined();
    }
  });

  it('shows the defaults in its first example', () => {
    expect(parseConfig(configs[0]!, 'docs/governance.md', '/p').config?.governance).toEqual(
      DEFAULT_GOVERNANCE,
    );
  });

  it('has a CODEOWNERS example whose owners match its table', () => {
    const start = text.indexOf('```\n# .github/CODEOWNERS\n') + 4;
    const file = text.slice(start, text.indexOf('```', start));
    const { codeowners, problems } = parseCodeowners(file, '.github/CODEOWNERS');
    expect(problems).toEqual([]);
    const rows = [...text.matchAll(/^\| `([^`]+)` \| (.+?) \|$/gm)].filter((m) => m[1]!.includes('/'));
    expect(rows.length).toBe(4);
    for (const [, path, cell] of rows) {
      const expected = cell!.startsWith('none') ? [] : [...cell!.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
      expect(ownersOf(codeowners, path!).owners, path).toEqual(expected);
    }
  });
});

describe('docs/config.md', () => {
  it('has a governance example that parses, and lists the defaults in the full config', () => {
    const config = readFileSync(join(import.meta.dirname, '../../../docs/config.md'), 'utf8');
    const yaml = [...config.matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((m) => m[1]!)
      .filter((b) => b.includes('governance:'));
    expect(yaml.length).toBe(2);
    const full = parseConfig(yaml[0]!, 'docs/config.md', '/p');
    expect(full.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(full.config?.governance).toEqual(DEFAULT_GOVERNANCE);
    const example = parseConfig(yaml[1]!, 'docs/config.md', '/p');
    expect(example.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(example.config?.governance.unowned).toBe('block');
  });
});

import { Args, Flags } from '@oclif/core';
import { BaseCommand } from './base.js';

/** The `--format` names; test/cli/lint.test.ts checks they equal the format registry's. */
const FORMAT_OPTIONS = ['stylish', 'compact', 'json', 'sarif', 'github', 'junit'] as const;

/** `thaiyyal lint [PATHS…]`: workflow linter with fixes, many output formats and inline suppressions. */
export default class Lint extends BaseCommand {
  static override summary = 'Lint workflows: errors, security, reliability and style, with --fix.';

  static override description = `Checks workflow files with the validator and every lint rule (\`--rules\` lists them; docs/rules/ explains each).

PATHS are files, directories and globs (default: the current directory). Directories are searched recursively for *.yaml and *.yml files that look like workflows; node_modules, directories starting with ".", thaiyyal.config.yaml and files ignored by .gitignore are skipped. The project config's lint.ignore globs skip files everywhere; lint.rules sets severities (see docs/config.md).

Suppress a finding inline with "# thaiyyal-disable-next-line <rule> -- reason", or a region with "# thaiyyal-disable <rule>" … "# thaiyyal-enable <rule>".

Exit codes: 0 no errors (and no more warnings than --max-warnings) · 1 errors, or too many warnings · 2 usage or config errors.`;

  static override examples = [
    {
      description: 'Lint every workflow under the current directory',
      command: '<%= config.bin %> <%= command.id %>',
    },
    {
      description: 'Lint a directory and a glob, failing on any warning',
      command: '<%= config.bin %> <%= command.id %> workflows/ "examples/**/*.yaml" --max-warnings 0',
    },
    { description: 'Apply the safe fixes', command: '<%= config.bin %> <%= command.id %> workflows/ --fix' },
    {
      description: 'Show the fixes as a diff without writing',
      command: '<%= config.bin %> <%= command.id %> --fix-dry-run',
    },
    {
      description: 'SARIF for GitHub code scanning',
      command: '<%= config.bin %> <%= command.id %> --format sarif --output-file thaiyyal.sarif',
    },
    {
      description: 'Lint text from an editor buffer',
      command:
        'cat wf.yaml | <%= config.bin %> <%= command.id %> --stdin --stdin-filename wf.yaml --format compact',
    },
    {
      description: 'Make one rule an error for this run, turn another off',
      command:
        '<%= config.bin %> <%= command.id %> --rule missing-timeout=error --rule missing-description=off',
    },
    { description: 'List the rules', command: '<%= config.bin %> <%= command.id %> --rules' },
  ];

  static override strict = false;

  static override args = {
    // ignoreStdin: oclif would otherwise read a piped stdin as the first path (and wait for it).
    paths: Args.string({
      description: 'Workflow files, directories or globs (default: .).',
      required: false,
      ignoreStdin: true,
    }),
  };

  static override flags = {
    format: Flags.string({
      char: 'f',
      description: 'Output format.',
      options: [...FORMAT_OPTIONS],
      default: 'stylish',
    }),
    json: Flags.boolean({ description: 'Same as --format json.', default: false }),
    'output-file': Flags.string({
      char: 'o',
      description: 'Write the report to FILE instead of stdout.',
      helpValue: 'FILE',
    }),
    'max-warnings': Flags.integer({
      description: 'Exit 1 when there are more warnings than this (default: warnings never fail).',
      min: 0,
      helpValue: 'N',
    }),
    fix: Flags.boolean({
      description: 'Apply safe fixes to the files.',
      default: false,
      exclusive: ['fix-dry-run'],
    }),
    'fix-dry-run': Flags.boolean({
      description: 'Print the fixes as a unified diff; write nothing.',
      default: false,
    }),
    stdin: Flags.boolean({ description: 'Lint the text on standard input.', default: false }),
    'stdin-filename': Flags.string({
      description: 'The file name to report for --stdin (and to match lint.ignore against).',
      dependsOn: ['stdin'],
      helpValue: 'PATH',
    }),
    rule: Flags.string({
      description: 'Override a rule severity: <rule-id>=error|warning|info|off; repeatable.',
      multiple: true,
      // `--rule a=off wf.yaml` must not swallow the path as a second value.
      multipleNonGreedy: true,
      helpValue: 'ID=SEVERITY',
    }),
    rules: Flags.boolean({
      description: 'List the rules (a table, or JSON with --format json) and exit.',
      default: false,
    }),
    quiet: Flags.boolean({ char: 'q', description: 'Report errors only.', default: false }),
    color: Flags.boolean({
      description: 'Colour the output (default: on a terminal).',
      allowNo: true,
      default: true,
    }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Lint);
    const format = flags.json ? 'json' : (flags.format as (typeof FORMAT_OPTIONS)[number]);
    const app = await import('../app/lint.js');
    const { RULE_CATALOG } = await import('../core/lint/catalog.js');
    if (flags.rules) {
      const { renderRulesTable, rulesJson } = await import('../ui/lint-rules.js');
      if (format === 'json') this.printJson(rulesJson(RULE_CATALOG));
      else this.print(renderRulesTable(RULE_CATALOG, process.stdout, flags.color));
      return;
    }
    const cwd = process.cwd();
    const rules = app.parseRuleFlags(flags.rule ?? [], new Set(RULE_CATALOG.map((r) => r.id)));
    const stdin = flags.stdin
      ? {
          text: await app.readStdin(process.stdin),
          ...(flags['stdin-filename'] ? { filename: flags['stdin-filename'] } : {}),
        }
      : undefined;
    const run = await app.lintPaths({
      paths: argv as string[],
      cwd,
      fix: flags.fix,
      fixDryRun: flags['fix-dry-run'],
      quiet: flags.quiet,
      rules,
      ...(stdin ? { stdin } : {}),
    });
    const { renderLint } = await import('../ui/lint-render.js');
    const { summarize } = await import('../core/lint/format/types.js');
    const toFile = flags['output-file'];
    const text = renderLint(run, {
      format,
      toolVersion: this.config.version,
      color: flags.color && !toFile,
      stream: process.stdout,
    });
    if (toFile) await app.writeReport(toFile, text, cwd);
    else this.print(text);
    process.exitCode = app.lintExitCode(summarize(run.results), flags['max-warnings']);
  }
}

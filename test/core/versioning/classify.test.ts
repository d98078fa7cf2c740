import { describe, expect, it } from 'vitest';
import { classifyDiff, RULES, rules, type RuleId } from '../../../src/core/versioning/classify.js';
import { diffWorkflows } from '../../../src/core/versioning/diff.js';
import { wf } from './wf.js';

const NODE = 'nodes:\n  a: {type: log, message: hi}\n';

/** One example per row of the classification table (docs/versioning.md). */
const TABLE: Array<{ rule: RuleId; before: string; after: string; name?: [string, string] }> = [
  { rule: 'workflow.apiVersion', before: NODE, after: NODE }, // special-cased below
  { rule: 'workflow.name', before: NODE, after: NODE, name: ['demo', 'demo2'] },
  { rule: 'workflow.metadata', before: NODE, after: `description: now documented\n${NODE}` },
  { rule: 'workflow.defaults', before: NODE, after: `defaults: {timeout: 5s}\n${NODE}` },
  { rule: 'workflow.resources', before: NODE, after: `resources: {cpu: 1}\n${NODE}` },
  { rule: 'input.removed', before: `inputs: {x: {type: string}}\n${NODE}`, after: NODE },
  {
    rule: 'input.renamed',
    before: `inputs: {x: {type: string}}\n${NODE}`,
    after: `inputs: {y: {type: string}}\n${NODE}`,
  },
  {
    rule: 'input.added.required',
    before: NODE,
    after: `inputs: {x: {type: string, required: true}}\n${NODE}`,
  },
  { rule: 'input.added.optional', before: NODE, after: `inputs: {x: {type: string}}\n${NODE}` },
  {
    rule: 'input.required.added',
    before: `inputs: {x: {type: string}}\n${NODE}`,
    after: `inputs: {x: {type: string, required: true}}\n${NODE}`,
  },
  {
    rule: 'input.required.removed',
    before: `inputs: {x: {type: string, required: true}}\n${NODE}`,
    after: `inputs: {x: {type: string}}\n${NODE}`,
  },
  {
    rule: 'input.type.narrowed',
    before: `inputs: {x: {type: number}}\n${NODE}`,
    after: `inputs: {x: {type: integer}}\n${NODE}`,
  },
  {
    rule: 'input.type.changed',
    before: `inputs: {x: {type: string}}\n${NODE}`,
    after: `inputs: {x: {type: number}}\n${NODE}`,
  },
  {
    rule: 'input.type.widened',
    before: `inputs: {x: {type: integer}}\n${NODE}`,
    after: `inputs: {x: {type: number}}\n${NODE}`,
  },
  {
    rule: 'input.enum.narrowed',
    before: `inputs: {x: {type: string, enum: [a, b]}}\n${NODE}`,
    after: `inputs: {x: {type: string, enum: [a]}}\n${NODE}`,
  },
  {
    rule: 'input.enum.widened',
    before: `inputs: {x: {type: string, enum: [a]}}\n${NODE}`,
    after: `inputs: {x: {type: string, enum: [a, b]}}\n${NODE}`,
  },
  {
    rule: 'input.default.removed',
    before: `inputs: {x: {type: string, required: true, default: a}}\n${NODE}`,
    after: `inputs: {x: {type: string, required: true}}\n${NODE}`,
  },
  {
    rule: 'input.default.changed',
    before: `inputs: {x: {type: string, default: a}}\n${NODE}`,
    after: `inputs: {x: {type: string, default: b}}\n${NODE}`,
  },
  {
    rule: 'input.secret',
    before: `inputs: {x: {type: string}}\n${NODE}`,
    after: `inputs: {x: {type: string, secret: true}}\n${NODE}`,
  },
  {
    rule: 'input.description',
    before: `inputs: {x: {type: string}}\n${NODE}`,
    after: `inputs: {x: {type: string, description: the x}}\n${NODE}`,
  },
  { rule: 'output.removed', before: `${NODE}outputs: {o: 1}\n`, after: NODE },
  { rule: 'output.renamed', before: `${NODE}outputs: {o: 1}\n`, after: `${NODE}outputs: {p: 1}\n` },
  { rule: 'output.added', before: NODE, after: `${NODE}outputs: {o: 1}\n` },
  { rule: 'output.changed', before: `${NODE}outputs: {o: 1}\n`, after: `${NODE}outputs: {o: 2}\n` },
  { rule: 'trigger.removed', before: `triggers: {nightly: {cron: '0 3 * * *'}}\n${NODE}`, after: NODE },
  {
    rule: 'trigger.changed',
    before: `triggers: {nightly: {cron: '0 3 * * *'}}\n${NODE}`,
    after: `triggers: {nightly: {cron: '0 4 * * *'}}\n${NODE}`,
  },
  { rule: 'trigger.added', before: NODE, after: `triggers: {nightly: {cron: '0 3 * * *'}}\n${NODE}` },
  { rule: 'node.changed', before: NODE, after: 'nodes:\n  a: {type: log, message: bye}\n' },
  { rule: 'node.added', before: NODE, after: `${NODE}  b: {type: log, message: more}\n` },
  { rule: 'node.removed', before: `${NODE}  b: {type: log, message: more}\n`, after: NODE },
  { rule: 'node.renamed', before: NODE, after: 'nodes:\n  first: {type: log, message: hi}\n' },
];

describe('classifyDiff: one example per row of the table', () => {
  it('covers every row', () => {
    expect(new Set(TABLE.map((r) => r.rule))).toEqual(new Set(Object.keys(RULES)));
  });

  for (const row of TABLE) {
    it(`${row.rule} → ${RULES[row.rule].level}`, () => {
      const a = wf(row.before, row.name?.[0]);
      const b = wf(row.after, row.name?.[1]);
      if (row.rule === 'workflow.apiVersion') b.apiVersion = 'thaiyyal.dev/v2';
      const c = classifyDiff(diffWorkflows(a, b));
      expect(c.changes.map((x) => x.rule)).toEqual([row.rule]);
      expect(c.bump).toBe(RULES[row.rule].level);
      expect(c.changes[0]!.reason).toBe(RULES[row.rule].reason);
    });
  }
});

describe('classifyDiff: the bump is the highest level', () => {
  it('major wins over minor and patch', () => {
    const a = wf(`inputs: {x: {type: string}}\n${NODE}outputs: {o: 1}\n`);
    const b = wf(
      `inputs: {y: {type: number}}\nnodes:\n  a: {type: log, message: changed}\noutputs: {o: 1, p: 2}\n`,
    );
    const c = classifyDiff(diffWorkflows(a, b));
    expect(c.bump).toBe('major');
    expect(c.changes.map((x) => [x.change.path, x.level])).toEqual([
      ['inputs.x', 'major'],
      ['inputs.y', 'minor'],
      ['outputs.p', 'minor'],
      ['nodes.a.options.message', 'patch'],
    ]);
  });

  it('no change → none', () => {
    expect(classifyDiff(diffWorkflows(wf(NODE), wf(NODE)))).toEqual({ bump: 'none', changes: [] });
  });

  it('a removed default on an optional input is minor, on a required one major', () => {
    const opt = classifyDiff(
      diffWorkflows(
        wf(`inputs: {x: {type: string, default: a}}\n${NODE}`),
        wf(`inputs: {x: {type: string}}\n${NODE}`),
      ),
    );
    expect(opt.bump).toBe('minor');
  });

  it('rules() lists every row with its id', () => {
    expect(rules().map((r) => r.id)).toEqual(Object.keys(RULES));
  });
});

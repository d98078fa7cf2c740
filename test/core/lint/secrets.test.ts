import { describe, expect, it } from 'vitest';
import { secretReads } from '../../../src/core/lint/secrets.js';
import { lintContext } from '../../helpers/lint-context.js';
import { wf } from '../../helpers/rule-tester.js';

const { workflow } = lintContext(
  wf(
    [
      'inputs:',
      '  password: {type: string, secret: true}',
      '  user: {type: string}',
      'nodes:',
      '  a: {type: log, message: hi}',
      '',
    ].join('\n'),
  ),
);
const reads = (source: string) =>
  secretReads(source, workflow).map((r) => [r.label, source.slice(r.start, r.start + r.length)]);

describe('secretReads', () => {
  it('finds secrets.X, bare secrets and secret inputs, in source order', () => {
    expect(reads('inputs.user & $string(secrets) & secrets.`API-KEY` & $$.inputs.password')).toEqual([
      ['secrets', 'secrets'],
      ['secrets.API-KEY', 'secrets.`API-KEY`'],
      ['inputs.password', 'inputs.password'],
    ]);
  });

  it('ignores inputs that are not secret and expressions that do not parse', () => {
    expect(reads('inputs.user')).toEqual([]);
    expect(reads('secrets.')).toEqual([]);
  });
});

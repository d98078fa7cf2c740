import { describe, expect, it } from 'vitest';
import { applyEdits, deleteEntry, exactOffset, nodeEntryLine } from '../../../src/core/lint/source-edits.js';
import { lintContext } from '../../helpers/lint-context.js';
import { wf } from '../../helpers/rule-tester.js';

const text = wf(
  [
    'nodes:',
    '  a:',
    '    type: log',
    '    when:',
    '      ${{ true }}',
    '    message: "tab\\there"',
    '  b: {type: log, message: hi, when: "${{ true }}"}',
    '',
  ].join('\n'),
);
const ctx = lintContext(text);

describe('nodeEntryLine', () => {
  it('finds the line of a block-style entry of a block-style node', () => {
    expect(nodeEntryLine(ctx, 'a', 'when')).toBe(7);
    expect(ctx.lines[6]).toBe('    when:');
  });

  it('is undefined for a flow-style node', () => {
    expect(nodeEntryLine(ctx, 'b', 'when')).toBeUndefined();
  });
});

describe('deleteEntry', () => {
  it('deletes the entry with the block nested under it', () => {
    const out = applyEdits(text, [deleteEntry(ctx.lines, 7)]);
    expect(out).not.toContain('when:\n');
    expect(out).toContain('    type: log\n    message:');
  });
});

describe('exactOffset', () => {
  it('is the source offset of text written verbatim', () => {
    const at = exactOffset(ctx, ['nodes', 'b', 'message'], 'hi', 0, 2);
    expect(at).toBe(text.indexOf('message: hi') + 'message: '.length);
  });

  it('is undefined when the text is not written verbatim (escapes)', () => {
    expect(exactOffset(ctx, ['nodes', 'a', 'message'], 'tab\there', 0, 8)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { booleanInput } from '../../../../src/nodes/original/core/boolean_input.js';
import { dateInput } from '../../../../src/nodes/original/core/date_input.js';
import { datetimeInput } from '../../../../src/nodes/original/core/datetime_input.js';
import { number } from '../../../../src/nodes/original/core/number.js';
import { renderer } from '../../../../src/nodes/original/core/renderer.js';
import { textInput } from '../../../../src/nodes/original/core/text_input.js';
import { visualization } from '../../../../src/nodes/original/core/visualization.js';
import { failure } from '../../../helpers/failure.js';
import { run } from '../helpers.js';

describe('original inputs', () => {
  it('number outputs its value (float64), ignoring inputs', async () => {
    expect(await run(number, { value: 10 })).toBe(10);
    expect(await run(number, { value: -2.5, inputs: [99] })).toBe(-2.5);
    expect(await run(number, { value: 0 })).toBe(0);
  });

  it('number without a value fails like the original', async () => {
    const f = await failure(run(number, {}));
    expect(f.code).toBe('original.missing-value');
    expect(f.message).toBe('number node missing value');
  });

  it('text_input outputs text and ignores inputs', async () => {
    expect(await run(textInput, { text: 'hello', inputs: ['other'] })).toBe('hello');
    expect(await run(textInput, { text: '' })).toBe('');
    expect((await failure(run(textInput, {}))).message).toBe('text input node missing text');
  });

  it('boolean_input outputs its boolean (false when unset, as the original)', async () => {
    expect(await run(booleanInput, { boolean_value: true })).toBe(true);
    expect(await run(booleanInput, { boolean_value: false })).toBe(false);
    expect(await run(booleanInput, {})).toBe(false);
  });

  it('date_input and datetime_input output their strings unparsed', async () => {
    expect(await run(dateInput, { date_value: '2024-02-30' })).toBe('2024-02-30');
    expect(await run(datetimeInput, { datetime_value: '2024-03-01T09:30:00Z' })).toBe('2024-03-01T09:30:00Z');
    expect((await failure(run(dateInput, {}))).message).toBe('date input node missing date value');
    expect((await failure(run(datetimeInput, {}))).message).toBe(
      'datetime input node missing datetime value',
    );
  });

  it('visualization passes inputs[0] through and fails without input', async () => {
    expect(await run(visualization, { mode: 'table', inputs: [{ a: 1 }, 2] })).toEqual({ a: 1 });
    expect(await run(visualization, { inputs: [null] })).toBeNull();
    const f = await failure(run(visualization, { mode: 'chart' }));
    expect(f.code).toBe('original.no-input');
    expect(f.message).toBe('visualization node needs at least 1 input');
  });

  it('renderer passes inputs[0] through and gives null without input', async () => {
    expect(await run(renderer, { inputs: [[1, 2]] })).toEqual([1, 2]);
    expect(await run(renderer, {})).toBeNull();
    expect(await run(renderer, { inputs: [] })).toBeNull();
  });

  it('schemas require the original required keys and reject unknown ones', () => {
    expect(number.optionsSchema).toMatchObject({ required: ['value'], additionalProperties: false });
    expect(Object.keys(number.optionsSchema.properties as object)).toEqual([
      'value',
      'inputs',
      'node_results',
      'label',
    ]);
    expect(number.type).toBe('original/number');
  });
});

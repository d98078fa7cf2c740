/** `original/datetime_input`: the original `datetime_input` node — outputs `datetime_value` as a string. */
import { defineOriginal, originalFailure } from '../shared/node.js';

export const datetimeInput = defineOriginal<{ datetime_value: string }>({
  name: 'datetime_input',
  summary: 'Original engine: outputs the ISO 8601 string `datetime_value`, unparsed.',
  category: 'data',
  effects: 'pure',
  properties: { datetime_value: { type: 'string', description: 'An ISO 8601 date-time; output as is.' } },
  required: ['datetime_value'],
  example: `start:
  type: original/datetime_input
  datetime_value: '2024-03-01T09:30:00Z'
`,
  execute(options) {
    if (typeof options.datetime_value !== 'string')
      throw originalFailure('missing-value', 'datetime input node missing datetime value');
    return Promise.resolve(options.datetime_value);
  },
});

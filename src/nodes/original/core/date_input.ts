/** `original/date_input`: the original `date_input` node — outputs `date_value` as a string, unparsed. */
import { defineOriginal, originalFailure } from '../shared/node.js';

export const dateInput = defineOriginal<{ date_value: string }>({
  name: 'date_input',
  summary: 'Original engine: outputs the date string `date_value` (YYYY-MM-DD), unparsed.',
  category: 'data',
  effects: 'pure',
  properties: { date_value: { type: 'string', description: 'A date, YYYY-MM-DD; output as is.' } },
  required: ['date_value'],
  example: `due:
  type: original/date_input
  date_value: '2024-03-01'
`,
  execute(options) {
    if (typeof options.date_value !== 'string')
      throw originalFailure('missing-value', 'date input node missing date value');
    return Promise.resolve(options.date_value);
  },
});

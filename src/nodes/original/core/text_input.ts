/** `original/text_input`: the original `text_input` node — outputs its `text`, ignoring inputs. */
import { defineOriginal, originalFailure } from '../shared/node.js';

export const textInput = defineOriginal<{ text: string }>({
  name: 'text_input',
  summary: 'Original engine: outputs the string `text` (inputs are ignored).',
  category: 'data',
  effects: 'pure',
  properties: { text: { type: 'string', description: 'The text to output.' } },
  required: ['text'],
  example: `greeting:
  type: original/text_input
  text: hello world
`,
  execute(options) {
    if (typeof options.text !== 'string')
      throw originalFailure('missing-value', 'text input node missing text');
    return Promise.resolve(options.text);
  },
});

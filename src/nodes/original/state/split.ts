/**
 * `original/split`: the original `split` node — copies its input to named paths. Like the
 * original it does not gate edges: every downstream node runs.
 */
import { defineOriginal, inputsOf, originalFailure } from '../shared/node.js';

export const split = defineOriginal<{ paths?: string[] }>({
  name: 'split',
  summary: 'Original engine: copies inputs[0] to each path → {value, paths, outputs: {path: value}}.',
  category: 'control',
  effects: 'pure',
  properties: {
    paths: {
      type: 'array',
      items: { type: 'string' },
      description: 'Path names; [path1, path2] when empty.',
    },
  },
  example: `fanout:
  type: original/split
  paths: [audit, notify]
  inputs: [{id: 7}]
`,
  execute(options) {
    const inputs = inputsOf(options);
    if (inputs.length === 0) throw originalFailure('no-input', 'split node requires at least one input');
    const value = inputs[0];
    const paths =
      Array.isArray(options.paths) && options.paths.length > 0 ? [...options.paths] : ['path1', 'path2'];
    const outputs: Record<string, unknown> = {};
    for (const p of paths) outputs[p] = value;
    return Promise.resolve({ value, paths, outputs });
  },
});

/**
 * `original/switch`: the original `switch` node — the first case whose `when` holds on
 * inputs[0] names the `output_path`; the last case is the default.
 */
import { evalBool } from '../shared/expr.js';
import { defineOriginal, firstInput, originalFailure } from '../shared/node.js';

interface SwitchCase {
  when?: string;
  output_path?: string;
  is_default?: boolean;
}

/** The original's SwitchData.Validate: cases, exactly one default and it last, output paths. */
function checkCases(cases: unknown): SwitchCase[] {
  if (!Array.isArray(cases) || cases.length === 0)
    throw originalFailure('invalid-cases', 'switch node requires at least one case');
  const list = cases as SwitchCase[];
  const defaults = list.filter((c) => c.is_default === true).length;
  if (defaults !== 1)
    throw originalFailure('invalid-cases', `switch node requires exactly one default case, got ${defaults}`);
  if (list[list.length - 1]?.is_default !== true)
    throw originalFailure('invalid-cases', 'switch node default case must be the last case');
  list.forEach((c, i) => {
    if (c.is_default !== true && (typeof c.output_path !== 'string' || c.output_path === ''))
      throw originalFailure('invalid-cases', `switch case ${i} requires output_path`);
  });
  return list;
}

export const switchNode = defineOriginal<{ cases: SwitchCase[] }>({
  name: 'switch',
  summary:
    'Original engine: the first case whose expression holds → {value, matched, case, output_path, case_index}; edges gate on output_path.',
  category: 'control',
  effects: 'pure',
  properties: {
    cases: {
      type: 'array',
      minItems: 1,
      description:
        'Cases in order: {when, output_path} and, last, exactly one {is_default: true[, output_path]} (output path "default" unless given).',
      items: {
        type: 'object',
        properties: {
          when: {
            type: 'string',
            description: 'An expression of the original language, e.g. ">100" or "input.kind == \'a\'".',
          },
          output_path: { type: 'string', description: 'The handle this case routes to.' },
          is_default: { type: 'boolean', description: 'Marks the default case (the last one).' },
        },
      },
    },
  },
  required: ['cases'],
  example: `route:
  type: original/switch
  inputs: ['\${{ nodes.score.output }}']
  cases:
    - {when: '>=90', output_path: high}
    - {when: '>=50', output_path: medium}
    - {is_default: true, output_path: low}
`,
  execute(options, ctx) {
    const input = firstInput(options, 'switch', 'switch node requires at least one input');
    const cases = checkCases(options.cases);
    for (const [i, c] of cases.entries()) {
      if (c.is_default === true) {
        return Promise.resolve({
          value: input ?? null,
          matched: false,
          case: 'default',
          output_path: typeof c.output_path === 'string' && c.output_path !== '' ? c.output_path : 'default',
          case_index: i,
        });
      }
      let matched = false;
      try {
        matched = evalBool(c.when ?? '', ctx, options, input);
      } catch {
        // The original skips a case whose expression fails.
        continue;
      }
      if (matched) {
        return Promise.resolve({
          value: input ?? null,
          matched: true,
          case: c.when ?? '',
          output_path: c.output_path ?? 'matched',
          case_index: i,
        });
      }
    }
    // Unreachable: checkCases guarantees a last default case.
    throw originalFailure(
      'invalid-cases',
      'switch node reached end without matching any case or default (validation error)',
    );
  },
});

/**
 * `switch`: matches a value against named cases and reports the branch, which downstream
 * nodes select with `when: ${{ nodes.<id>.output.branch = '<case>' }}`.
 */
import { jsonEqual } from './shared/values.js';
import { FailureCode, NodeFailure, type NodeType } from './types.js';

/** Options of `switch`. */
export interface SwitchOptions {
  value: unknown;
  cases: Record<string, unknown>;
  default?: string;
}

/** Output of `switch`. */
export interface SwitchOutput {
  /** The name of the first matching case, or the default branch name. */
  branch: string;
  /** The value that was switched on, passed through so branches can use it. */
  value: unknown;
}

const DEFAULT_BRANCH = 'default';

/**
 * The `switch` node type. Cases are compared with JSON deep equality; the first match in
 * the order the cases are written wins.
 * @example
 * route:
 *   type: switch
 *   value: ${{ inputs.region }}
 *   cases: {eu: eu-west, us: us-east}
 */
export const switchNode: NodeType<SwitchOptions> = {
  type: 'switch',
  summary: 'Matches a value against named cases (deep equality) and reports the branch for `when` to select.',
  category: 'control',
  effects: 'pure',
  optionsSchema: {
    type: 'object',
    properties: {
      value: { description: 'The value to match, usually ${{ … }}.' },
      cases: {
        type: 'object',
        description:
          'Case name → value to match (deep equality, any JSON). The first matching case in written order is the branch.',
        additionalProperties: true,
      },
      default: {
        type: 'string',
        minLength: 1,
        default: DEFAULT_BRANCH,
        description: 'Branch name reported when no case matches; must not also be a case name.',
      },
    },
    required: ['value', 'cases'],
    additionalProperties: false,
  },
  example: `route:
  type: switch
  value: eu-west
  cases:
    eu: eu-west
    us: us-east
`,
  async execute(options) {
    const fallback = options.default ?? DEFAULT_BRANCH;
    // A case named like the fallback would make `branch = 'default'` mean two things.
    if (Object.hasOwn(options.cases, fallback)) {
      throw new NodeFailure(
        FailureCode.invalidOptions,
        `switch: case "${fallback}" has the same name as the default branch; rename it or set "default" to another name`,
      );
    }
    // Object key order is written order, except that integer-like names sort first (JS
    // object semantics); documented on the docs page.
    const match = Object.entries(options.cases).find(([, expected]) => jsonEqual(options.value, expected));
    const out: SwitchOutput = { branch: match ? match[0] : fallback, value: options.value ?? null };
    return out;
  },
};

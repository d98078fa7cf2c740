/**
 * `switch`: matches a value against named cases and reports the branch, which downstream
 * nodes select with `when: ${{ nodes.<id>.output.branch = '<case>' }}`.
 */
import { jsonEqual } from '../core/json.js';
import { FailureCode, NodeFailure, type NodeType } from './types.js';

/** Options of `switch`. */
export interface SwitchOptions {
  value: unknown;
  cases: Record<string, unknown>;
  default?: boolean;
}

/** Output of `switch`. */
export interface SwitchOutput {
  /** The name of the first matching case, or `default`. */
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
        propertyNames: { not: { const: DEFAULT_BRANCH } },
      },
      default: {
        type: 'boolean',
        default: false,
        description:
          'Declares that downstream nodes handle the "default" branch (taken when no case matches); documentation for readers and lint, no effect on matching.',
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
  default: true
`,
  async execute(options) {
    // A case named "default" would make `branch = 'default'` mean two things.
    if (Object.hasOwn(options.cases, DEFAULT_BRANCH)) {
      throw new NodeFailure(
        FailureCode.invalidOptions,
        `switch: a case may not be named "${DEFAULT_BRANCH}" (that is the branch taken when no case matches); rename it`,
      );
    }
    // Object key order is written order, except that integer-like names sort first (JS
    // object semantics); documented on the docs page.
    const match = Object.entries(options.cases).find(([, expected]) => jsonEqual(options.value, expected));
    const out: SwitchOutput = { branch: match ? match[0] : DEFAULT_BRANCH, value: options.value ?? null };
    return out;
  },
};

/**
 * `original/group_by`: the original `group_by` node — groups objects by the `%v` of a field
 * and aggregates each group. Keys come out sorted (the original's map order was random; its
 * JSON encoding sorted them too).
 */
import { notArrayResult } from '../shared/arrays.js';
import { goString, isMap } from '../shared/go.js';
import { defineOriginal, firstInput, originalFailure } from '../shared/node.js';

const AGGREGATES = ['count', 'sum', 'avg', 'min', 'max', 'values'] as const;
type Aggregate = (typeof AGGREGATES)[number];
const RESULT_KEY: Record<Aggregate, string> = {
  count: 'counts',
  sum: 'sums',
  avg: 'averages',
  min: 'minimums',
  max: 'maximums',
  values: 'values',
};

interface GroupByOptions {
  field: string;
  aggregate?: string;
  value_field?: string;
}

export const groupBy = defineOriginal<GroupByOptions>({
  name: 'group_by',
  summary:
    'Original engine: groups an array by a field and aggregates (count, sum, avg, min, max, values) → {groups, …}.',
  category: 'data',
  effects: 'pure',
  properties: {
    field: {
      type: 'string',
      minLength: 1,
      description: 'Group by the `%v` of this field (`<missing>` when absent).',
    },
    aggregate: { type: 'string', default: 'count', description: 'count, sum, avg, min, max or values.' },
    value_field: {
      type: 'string',
      description: 'The numeric field sum, avg, min and max read (required for them).',
    },
  },
  required: ['field'],
  example: `byTeam:
  type: original/group_by
  field: team
  aggregate: sum
  value_field: points
  inputs: ['\${{ nodes.scores.output }}']
`,
  execute(options) {
    const input = firstInput(options, 'group_by');
    if (!Array.isArray(input)) return Promise.resolve(notArrayResult(input));
    const arr: unknown[] = input;
    const field = options.field ?? '';
    if (field === '') throw originalFailure('missing-field', "group_by node requires 'field' string");
    const aggregate = (options.aggregate ?? 'count') as Aggregate;
    if (!AGGREGATES.includes(aggregate))
      throw originalFailure('unknown-aggregate', `unknown aggregate function: ${String(options.aggregate)}`);
    const valueField = options.value_field ?? '';
    if (aggregate !== 'count' && aggregate !== 'values' && valueField === '') {
      // Fix: the original silently aggregated nothing (0 or null per group).
      throw originalFailure(
        'missing-value-field',
        `group_by with '${aggregate}' aggregate requires 'value_field'`,
      );
    }
    const byKey = new Map<string, unknown[]>();
    for (const item of arr) {
      const key = isMap(item)
        ? Object.hasOwn(item, field)
          ? goString(item[field])
          : '<missing>'
        : goString(item);
      const list = byKey.get(key) ?? [];
      list.push(item ?? null);
      byKey.set(key, list);
    }
    const keys = [...byKey.keys()].sort();
    const numbers = (items: unknown[]) =>
      items.flatMap((item) => {
        const v = isMap(item) ? item[valueField] : undefined;
        return typeof v === 'number' ? [v] : [];
      });
    const groups: Record<string, unknown[]> = {};
    const aggregated: Record<string, unknown> = {};
    for (const key of keys) {
      const items = byKey.get(key) ?? [];
      groups[key] = items;
      const nums = aggregate === 'count' || aggregate === 'values' ? [] : numbers(items);
      switch (aggregate) {
        case 'count':
          aggregated[key] = items.length;
          break;
        case 'values':
          aggregated[key] = items;
          break;
        case 'sum':
          aggregated[key] = nums.reduce((s, n) => s + n, 0);
          break;
        case 'avg':
          aggregated[key] = nums.length > 0 ? nums.reduce((s, n) => s + n, 0) / nums.length : 0;
          break;
        case 'min':
          aggregated[key] = nums.length > 0 ? nums.reduce((m, n) => (n < m ? n : m)) : null;
          break;
        case 'max':
          aggregated[key] = nums.length > 0 ? nums.reduce((m, n) => (n > m ? n : m)) : null;
          break;
      }
    }
    return Promise.resolve({
      groups,
      group_count: keys.length,
      input_count: arr.length,
      field,
      aggregate,
      [RESULT_KEY[aggregate]]: aggregated,
    });
  },
});

/** `original/sort`: the original `sort` node — a stable sort by value or by a field. */
import { notArrayResult } from '../shared/arrays.js';
import { goString, isMap } from '../shared/go.js';
import { defineOriginal, firstInput } from '../shared/node.js';

/** The original's `compareValuesHelper`: nil first, then numbers, strings, booleans, else `%v`. */
export function originalLess(a: unknown, b: unknown): boolean {
  const an = a ?? null;
  const bn = b ?? null;
  if (an === null && bn === null) return false;
  if (an === null) return true;
  if (bn === null) return false;
  if (typeof an === 'number' && typeof bn === 'number') return an < bn;
  if (typeof an === 'string' && typeof bn === 'string') return an < bn;
  if (typeof an === 'boolean' && typeof bn === 'boolean') return !an && bn;
  return goString(an) < goString(bn);
}

export const sort = defineOriginal<{ field?: string; order?: string }>({
  name: 'sort',
  summary:
    'Original engine: a stable sort of an array by value or field, asc or desc → {sorted, count, field, order}.',
  category: 'data',
  effects: 'pure',
  properties: {
    field: {
      type: 'string',
      default: '',
      description: 'Sort objects by this field (items that are not objects sort as null).',
    },
    order: { type: 'string', default: 'asc', description: 'asc or desc (case-insensitive).' },
  },
  example: `byAge:
  type: original/sort
  field: age
  order: desc
  inputs: ['\${{ nodes.people.output }}']
`,
  execute(options) {
    const input = firstInput(options, 'sort');
    if (!Array.isArray(input)) return Promise.resolve(notArrayResult(input));
    const field = options.field ?? '';
    const order = (options.order ?? 'asc').toLowerCase();
    const key = (v: unknown) => (field === '' ? v : isMap(v) ? v[field] : undefined);
    const desc = order === 'desc';
    // Fix: the original's desc comparator (!less) broke ties arbitrarily; ties keep their order here.
    const sorted = [...(input as unknown[])].sort((x, y) => {
      const [a, b] = desc ? [key(y), key(x)] : [key(x), key(y)];
      return originalLess(a, b) ? -1 : originalLess(b, a) ? 1 : 0;
    });
    return Promise.resolve({ sorted, count: sorted.length, field, order });
  },
});

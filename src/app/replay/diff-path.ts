/** Where two JSON values first differ, as a path (`$.items[2].name`), and the value at such a path. Pure. */
import { jsonEqual } from '../../core/json.js';

/** The first place two JSON values differ, as a JSONPath-like path (`$` is the whole value). */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (jsonEqual(a, b)) return undefined;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length || i >= b.length) return `${path}[${i}]`;
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return path;
  }
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const p = /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`;
      if (!(k in a) || !(k in b)) return p;
      const d = firstDifference(a[k], b[k], p);
      if (d) return d;
    }
    return path;
  }
  return path;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value at a path given by {@link firstDifference}. */
export function valueAtPath(v: unknown, path: string): unknown {
  const steps = path.slice(1).match(/\.[A-Za-z_$][\w$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\]/g) ?? [];
  let cur = v;
  for (const s of steps) {
    if (cur === null || typeof cur !== 'object') return undefined;
    const key = s.startsWith('.')
      ? s.slice(1)
      : s.startsWith('["')
        ? (JSON.parse(s.slice(1, -1)) as string)
        : Number(s.slice(1, -1));
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

/** "Did you mean" suggestions for misspelt keys, node types and names. Pure. */
import { distance } from '../graph.js';

/**
 * The closest candidate to `name`, when it is close enough to be a likely typo
 * (edit distance ≤ 2, or ≤ 1 for names of 3 characters or less); ties go to the
 * alphabetically first candidate so messages are deterministic.
 * @example didYouMean('tiemout', ['timeout', 'retry']) // 'timeout'
 */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  return closest(name, candidates, 1)[0];
}

/** Up to `max` close candidates, best first (same closeness rule as {@link didYouMean}). */
export function closest(name: string, candidates: Iterable<string>, max: number): string[] {
  const limit = name.length <= 3 ? 1 : 2;
  const lower = name.toLowerCase();
  return [...new Set(candidates)]
    .map((c) => ({ c, d: c.toLowerCase() === lower ? 0 : distance(c.toLowerCase(), lower) }))
    .filter(({ c, d }) => d <= limit && c !== name)
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, max)
    .map(({ c }) => c);
}

/**
 * Limits that protect the parser from hostile or accidental giant input. They are checked
 * before or while parsing so a bad file is refused quickly and with bounded memory.
 */

/** Largest workflow or config file accepted, in bytes (UTF-8). */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

/** Deepest nesting of YAML collections accepted (the root mapping is level 1). */
export const MAX_NESTING_DEPTH = 64;

/**
 * Alias expansion budget handed to `yaml`'s `toJS({maxAliasCount})`: it stops
 * "billion laughs" documents whose aliases expand exponentially.
 */
export const MAX_ALIAS_COUNT = 100;

/** Human form of a byte count for messages (`5 MB`). */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} bytes`;
}

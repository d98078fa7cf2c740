/**
 * The explicit registry of `thaiyyal lint --format` output formats, one file each.
 */
import { compact } from './compact.js';
import { github } from './github.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Formatter } from './types.js';

/** Format name → formatter. `stylish` is the default. */
export const FORMATS = { stylish, compact, json, sarif, github, junit } as const satisfies Record<
  string,
  Formatter
>;

export type FormatName = keyof typeof FORMATS;

/** The format names, in `--help` order. */
export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[];

export {
  summarize,
  PLAIN,
  type FormatContext,
  type Formatter,
  type LintFileResult,
  type LintSummary,
  type Styler,
} from './types.js';

/**
 * Parses untrusted YAML text into plain JSON: YAML 1.2 core schema only (no custom or
 * YAML 1.1 tags such as !!binary; `.inf`/`.nan` stay strings), bounded alias expansion
 * (billion-laughs), no recursive aliases, unique keys. Problems come back as values with a line and column, never thrown.
 */
import {
  LineCounter,
  parseDocument,
  visit,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
} from 'yaml';

/** Max alias expansions while converting to JSON; generous for real files, fatal for bombs. */
export const MAX_ALIAS_COUNT = 100;

const OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: 'core',
  // Drop the `.inf`/`.nan` float tag: JSON has no such numbers, so they stay strings.
  customTags: (tags) => tags.filter((t) => typeof t === 'string' || !('test' in t && t.test?.test('.inf'))),
  resolveKnownTags: false,
  merge: false,
  uniqueKeys: true,
  // Errors carry positions we turn into line/column; the pretty form would echo source text.
  prettyErrors: false,
  // 'error' keeps warnings off the console (nothing below the face writes there); 'silent'
  // would also drop the MULTIPLE_DOCS error, letting a second document pass unseen.
  logLevel: 'error',
};

/** Where and why YAML text could not be parsed. */
export interface YamlProblem {
  message: string;
  /** 1-based, when known. */
  line?: number;
  column?: number;
  /** The yaml library's error code, or our own for tags and recursion. */
  reason: string;
}

/** Result of {@link parseYamlSafe}: the value, or the first problem. */
export type YamlResult = { ok: true; value: unknown } | { ok: false; problem: YamlProblem };

/**
 * Parses one YAML document safely.
 * @example parseYamlSafe('a: 1') // {ok: true, value: {a: 1}}
 */
export function parseYamlSafe(text: string): YamlResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...OPTIONS, lineCounter });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return {};
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const error = doc.errors[0];
  if (error)
    return { ok: false, problem: { message: error.message, reason: error.code, ...at(error.pos[0]) } };
  // With the core schema an unknown tag is only a warning and the value silently becomes a
  // string; a tag means the author expected special handling, so refuse instead.
  const tag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (tag) return { ok: false, problem: { message: tag.message, reason: tag.code, ...at(tag.pos[0]) } };

  let recursive: YamlProblem | undefined;
  visit(doc, {
    Alias(_key, node, path) {
      const target = node.resolve(doc);
      if (target && path.includes(target)) {
        recursive = {
          message: `alias *${node.source} refers to a node that contains it`,
          reason: 'RECURSIVE_ALIAS',
          ...at(node.range?.[0]),
        };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (recursive) return { ok: false, problem: recursive };

  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? null };
  } catch (err) {
    // toJS throws a ReferenceError when aliases expand beyond maxAliasCount.
    return {
      ok: false,
      problem: { message: err instanceof Error ? err.message : String(err), reason: 'ALIAS_COUNT' },
    };
  }
}

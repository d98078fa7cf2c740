/**
 * Collects run inputs from the command line: `--inputs FILE` (JSON or YAML object) first,
 * then each `--input key=value` on top. Values from `--input` stay strings; the run
 * coerces them to the declared input types.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { UserError } from '../core/errors.js';

const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Parses `--input` pairs.
 * @example parseInputPairs(['name=Ada', 'n=3']) // {name: 'Ada', n: '3'}
 */
export function parseInputPairs(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (eq < 0 || !KEY.test(key)) {
      throw new UserError('invalid-input-flag', `--input "${pair}" is not of the form key=value`, {
        suggestions: [
          'write --input name=value (repeat the flag for more inputs), or put them in --inputs FILE',
        ],
      });
    }
    if (key in out) {
      throw new UserError('invalid-input-flag', `--input "${key}" is given twice`, {
        suggestions: ['give each input once'],
      });
    }
    out[key] = pair.slice(eq + 1);
  }
  return out;
}

/** Reads an inputs file: `.json`, `.yaml` or `.yml`, holding one object. */
export async function readInputsFile(file: string): Promise<Record<string, unknown>> {
  const ext = extname(file).toLowerCase();
  if (ext !== '.json' && ext !== '.yaml' && ext !== '.yml') {
    throw new UserError('invalid-inputs-file', `--inputs ${file}: expected a .json, .yaml or .yml file`);
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UserError('invalid-inputs-file', `--inputs ${file}: cannot read the file (${errorCode(err)})`, {
      suggestions: ['check the path; it is relative to the current directory'],
    });
  }
  let value: unknown;
  try {
    value = ext === '.json' ? JSON.parse(text) : (await import('yaml')).parse(text);
  } catch (err) {
    throw new UserError('invalid-inputs-file', `--inputs ${file}: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UserError(
      'invalid-inputs-file',
      `--inputs ${file}: expected an object of input names to values`,
    );
  }
  return value as Record<string, unknown>;
}

/** Merges the inputs file and `--input` pairs; pairs win. */
export async function collectInputs(
  pairs: readonly string[],
  file?: string,
): Promise<Record<string, unknown>> {
  const fromFile = file ? await readInputsFile(file) : {};
  return { ...fromFile, ...parseInputPairs(pairs) };
}

function errorCode(err: unknown): string {
  return (err as { code?: string }).code ?? (err as Error).message;
}

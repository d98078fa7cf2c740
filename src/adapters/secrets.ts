/**
 * Secret sources: environment variables with a prefix, dotenv-style files, and
 * directories of one-file-per-secret (Docker/Kubernetes). Only the secrets a workflow
 * names are read; a missing one is a clear error before the run starts.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { SecretsConfig } from '../core/config.js';
import { UserError } from '../core/errors.js';

/** Parses `NAME=value` lines (dotenv style: `#` comments, optional `export`, optional quotes). */
export function parseSecretsFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2]!;
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    out[m[1]!] = value;
  }
  return out;
}

/**
 * Reads the named secrets. Order of precedence: environment (`<envPrefix>NAME`), then
 * files in the order configured, then directories.
 */
export async function loadSecrets(
  names: Iterable<string>,
  config: SecretsConfig,
  root: string,
  env: NodeJS.ProcessEnv,
  workflowFile: string,
): Promise<Record<string, string>> {
  const wanted = [...new Set(names)].sort();
  const out: Record<string, string> = {};
  if (wanted.length === 0) return out;
  let fromFiles: Record<string, string> | undefined;
  const missing: string[] = [];
  for (const name of wanted) {
    const v = env[`${config.envPrefix}${name}`];
    if (v !== undefined) {
      out[name] = v;
      continue;
    }
    if (!fromFiles) {
      fromFiles = {};
      for (const f of config.files) {
        const path = isAbsolute(f) ? f : join(root, f);
        try {
          Object.assign(fromFiles, { ...parseSecretsFile(await readFile(path, 'utf8')), ...fromFiles });
        } catch (err) {
          throw new UserError('secrets', `cannot read secrets file ${path}: ${(err as Error).message}`, {
            suggestions: ['fix or remove the path under secrets.files in thaiyyal.config.yaml'],
          });
        }
      }
    }
    if (fromFiles[name] !== undefined) {
      out[name] = fromFiles[name];
      continue;
    }
    let found = false;
    for (const d of config.dirs) {
      try {
        out[name] = (await readFile(join(isAbsolute(d) ? d : join(root, d), name), 'utf8')).replace(
          /\r?\n$/,
          '',
        );
        found = true;
        break;
      } catch {
        // not in this directory; try the next
      }
    }
    if (!found) missing.push(name);
  }
  if (missing.length > 0) {
    throw new UserError(
      'missing-secret',
      `${workflowFile} uses secret${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not set`,
      {
        suggestions: [
          `set the environment variable ${missing.map((m) => config.envPrefix + m).join(', ')}`,
          'or add it to a file listed under secrets.files / secrets.dirs in thaiyyal.config.yaml',
        ],
      },
    );
  }
  return out;
}

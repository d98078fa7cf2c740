/** Temp projects for tests that go through the real loaders: a directory with `.git` and the given files. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Creates a temp project root (it has `.git`, so config lookup stops there) holding `files`. */
export function project(files: Record<string, string>, prefix = 'thaiyyal-project-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, '.git'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** The first lines of a workflow file. */
export const head = (name: string) => `apiVersion: thaiyyal.dev/v1\nkind: Workflow\nname: ${name}\n`;

/** Real git repositories in temp dirs for the versioning tests (no mocks: git runs). */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Fixture {
  dir: string;
  git(...args: string[]): string;
  write(files: Record<string, string>): void;
  /** Writes files, stages everything and commits. */
  commit(message: string, files?: Record<string, string>): string;
  /** Annotated tag on HEAD (lightweight with `light`). */
  tag(name: string, opts?: { message?: string; light?: boolean }): void;
  cleanup(): void;
}

export function gitFixture(files: Record<string, string> = {}): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'thaiyyal-ver-'));
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Test');
  git('config', 'user.email', 'test@example.com');
  git('config', 'commit.gpgsign', 'false');
  git('config', 'tag.gpgsign', 'false');
  const write = (more: Record<string, string>) => {
    for (const [p, text] of Object.entries(more)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), text);
    }
  };
  write(files);
  return {
    dir,
    git,
    write,
    commit(message, more = {}) {
      write(more);
      git('add', '-A');
      git('commit', '-q', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD').trim();
    },
    tag(name, opts = {}) {
      if (opts.light) git('tag', name);
      else git('tag', '-a', name, '-m', opts.message ?? name);
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A workflow file's text. */
export function wfText(name: string, body: string, version?: string): string {
  return `apiVersion: thaiyyal.dev/v1\nkind: Workflow\nname: ${name}\n${version ? `version: ${version}\n` : ''}${body}`;
}

export const HELLO_V1 = `inputs:
  name: {type: string, default: world}
nodes:
  greet: {type: transform, expression: '"hello " & inputs.name'}
outputs:
  text: \${{ nodes.greet.output }}
`;

#!/usr/bin/env node
// Step "Find workflow files to lint" of the thaiyyal action. Decides what to lint and writes
// the list (one path per line, relative to the working directory) to a file under
// RUNNER_TEMP; sets the step outputs `list` (that file) and `count`.
//
// - INPUT_PATHS given: those paths (one per line).
// - pull_request / pull_request_target: files changed between the base and the head
//   (`pull_request.base.sha`, else origin/$GITHUB_BASE_REF), fetching the base if the
//   checkout is shallow.
// - push: files changed between `before` and `after` (`after` = HEAD).
// - otherwise, or when the base cannot be found: "." (everything).
// Of the changed files, only existing *.yaml/*.yml files that look like thaiyyal workflows
// are kept, so a change to CI or compose files lints nothing.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const env = process.env;
const LOOKS_LIKE_WORKFLOW = /^(?:apiVersion:\s*['"]?thaiyyal\.dev\/|kind:\s*['"]?Workflow\b)/m;
const ZERO = /^0+$/;

function git(args) {
  return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function hasCommit(sha) {
  try {
    git(['cat-file', '-e', `${sha}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/** Makes `sha` available locally (shallow checkouts do not have the base). */
function ensureCommit(sha) {
  if (hasCommit(sha)) return true;
  try {
    git(['fetch', '--no-tags', '--depth=1', 'origin', sha]);
  } catch {
    return false;
  }
  return hasCommit(sha);
}

function readEvent() {
  try {
    return env.GITHUB_EVENT_PATH ? JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) : {};
  } catch {
    return {};
  }
}

/** The base commit to diff against, or undefined. */
function baseOf(event) {
  const name = env.GITHUB_EVENT_NAME ?? '';
  if (event.pull_request?.base?.sha) return event.pull_request.base.sha;
  if (name === 'push' && event.before && !ZERO.test(event.before)) return event.before;
  if (env.GITHUB_BASE_REF) {
    const ref = `origin/${env.GITHUB_BASE_REF}`;
    try {
      git(['fetch', '--no-tags', '--depth=1', 'origin', env.GITHUB_BASE_REF]);
    } catch {
      // use what is there
    }
    try {
      return git(['rev-parse', ref]);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function changedFiles() {
  const event = readEvent();
  const base = baseOf(event);
  if (!base || !ensureCommit(base)) {
    if (base) console.log(`thaiyyal: base commit ${base} not found; linting everything`);
    return undefined;
  }
  const head =
    event.pull_request?.head?.sha && hasCommit(event.pull_request.head.sha)
      ? event.pull_request.head.sha
      : 'HEAD';
  const out = git(['diff', '--name-only', '--diff-filter=ACMR', '--relative', '-z', base, head]);
  return out
    .split('\0')
    .filter((f) => /\.ya?ml$/i.test(f) && !/(^|\/)thaiyyal\.config\.ya?ml$/i.test(f))
    .filter((f) => existsSync(f) && LOOKS_LIKE_WORKFLOW.test(readFileSync(f, 'utf8')));
}

const given = (env.INPUT_PATHS ?? '')
  .split('\n')
  .map((p) => p.trim())
  .filter(Boolean);
const files = given.length > 0 ? given : (changedFiles() ?? ['.']);
const list = join(env.RUNNER_TEMP ?? '.', `thaiyyal-paths-${process.pid}.txt`);
writeFileSync(list, files.map((f) => `${f}\n`).join(''));
if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `list=${list}\ncount=${files.length}\n`);
console.log(
  files.length === 0
    ? 'thaiyyal: no workflow file changed; nothing to lint'
    : `thaiyyal: linting ${files.length === 1 && files[0] === '.' ? 'everything' : files.join(', ')}`,
);

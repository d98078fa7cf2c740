/**
 * The tag scheme and version arithmetic: tags are `<workflow>@<x.y.z>` (semver, optional pre-release), one series
 * per workflow name. Pure: tag names and versions in, versions out.
 */
import semver from 'semver';
import type { Bump } from './classify.js';

/** The first version of a workflow: a workflow on a main branch is in use, so it starts at 1.0.0. */
export const FIRST_VERSION = '1.0.0';

/** A workflow name as the format allows it (lowercase letters, digits, `-`). */
const NAME = /^[a-z0-9][a-z0-9-]*$/;

export interface TagVersion {
  /** The tag name, `hello@1.2.0`. */
  tag: string;
  workflow: string;
  version: string;
}

/** The tag name of a workflow version. */
export function tagName(workflow: string, version: string): string {
  return `${workflow}@${version}`;
}

/**
 * Parses a tag name. Returns undefined for tags of another scheme (no `@`, or a name that is not a workflow name);
 * `{invalid: true}` when it looks like `<workflow>@…` but the version is not strict semver (`hello@1.2`,
 * `hello@v1.2.0`), so callers can warn about it.
 */
export function parseTag(
  tag: string,
): TagVersion | { tag: string; workflow: string; invalid: true } | undefined {
  const at = tag.lastIndexOf('@');
  if (at <= 0) return undefined;
  const workflow = tag.slice(0, at);
  if (!NAME.test(workflow)) return undefined;
  const version = tag.slice(at + 1);
  const v = semver.valid(version);
  if (!v || v !== version) return { tag, workflow, invalid: true };
  return { tag, workflow, version };
}

/** Versions sorted newest first (semver order). */
export function sortVersionsDesc<T extends { version: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => semver.rcompare(a.version, b.version));
}

/**
 * Picks the version a selector names: an exact version, a semver range (`^1.2`, `~1.2.3`, `1.x`), or `latest`
 * (the highest stable version; the highest pre-release only when there is no stable one).
 */
export function pickVersion(versions: readonly string[], selector: string): string | undefined {
  const sorted = [...versions].sort(semver.rcompare);
  if (selector === 'latest') return sorted.find((v) => semver.prerelease(v) === null) ?? sorted[0];
  if (semver.valid(selector)) return sorted.find((v) => v === semver.valid(selector));
  if (semver.validRange(selector) === null) return undefined;
  return semver.maxSatisfying(sorted, selector) ?? undefined;
}

/** True when a selector can name a version: `latest`, a version or a range. */
export function isVersionSelector(s: string): boolean {
  return (
    s === 'latest' ||
    semver.valid(s) !== null ||
    (/^[\d^~<>=*xX.|\s-]/.test(s) && semver.validRange(s) !== null)
  );
}

/** The highest stable version, if any. */
export function latestStable(versions: readonly string[]): string | undefined {
  return [...versions].sort(semver.rcompare).find((v) => semver.prerelease(v) === null);
}

/**
 * The next version of a series.
 * - `stable`: the highest stable version (the diff that gave `bump` is taken from it); none = first release.
 * - `latest`: the highest version overall (may be a pre-release of the coming version).
 * - `pre`: a pre-release id (`rc`) to make a pre-release.
 * Returns undefined when `bump` is `none` and nothing is to be released.
 */
export function nextVersion(opts: {
  stable: string | undefined;
  latest: string | undefined;
  bump: Bump;
  pre?: string;
}): string | undefined {
  const { stable, latest, bump, pre } = opts;
  let target: string;
  if (!stable) target = FIRST_VERSION;
  else if (bump === 'none') {
    // No change since the last stable version: only a pending pre-release can graduate.
    if (!latest || semver.prerelease(latest) === null || pre) return undefined;
    target = `${semver.major(latest)}.${semver.minor(latest)}.${semver.patch(latest)}`;
    return semver.gt(target, stable) ? target : undefined;
  } else target = semver.inc(stable, bump)!;
  if (latest && semver.prerelease(latest) !== null) {
    // A pre-release of a higher version already exists: keep its base when it covers the bump.
    const base = `${semver.major(latest)}.${semver.minor(latest)}.${semver.patch(latest)}`;
    if (semver.gt(base, target)) target = base;
  }
  if (!pre) return target;
  if (latest && semver.prerelease(latest) !== null) {
    const base = `${semver.major(latest)}.${semver.minor(latest)}.${semver.patch(latest)}`;
    const id = semver.prerelease(latest)![0];
    if (base === target && id === pre) return semver.inc(latest, 'prerelease', pre)!;
  }
  return `${target}-${pre}.0`;
}

/** The bump level from `from` to `to` (`premajor` counts as major…); `none` when equal or lower. */
export function bumpBetween(from: string, to: string): Bump {
  if (!semver.gt(to, from)) return 'none';
  const d = semver.diff(from, to);
  if (d === 'major' || d === 'premajor') return 'major';
  if (d === 'minor' || d === 'preminor') return 'minor';
  // A pre-release graduating to its own version (`2.0.0-rc.1` → `2.0.0`): what it graduates decides.
  if (semver.prerelease(from) !== null && semver.prerelease(to) === null) {
    if (semver.minor(to) === 0 && semver.patch(to) === 0) return 'major';
    if (semver.patch(to) === 0) return 'minor';
  }
  return 'patch';
}

/** The verdict of `version check` for one workflow. */
export interface Reflection {
  ok: boolean;
  /** The version the next release would make (undefined when nothing is to be released). */
  next: string | undefined;
  message: string;
}

const RANK: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

/**
 * Whether the version a workflow file declares (`version:`) reflects its changes since the last tag.
 * - No `version:` field: always reflected — the version lives in the tags and `release` derives it.
 * - No tag yet: any declared version is fine (the first release uses it).
 * - No change since the latest tag: the declared version must be that tag's version.
 * - Changes since the latest tag: the declared version must be above the latest tag, and its step from the last
 *   stable version must be at least the bump the changes need (a breaking change needs a new major).
 */
export function checkReflected(opts: {
  declared: string | undefined;
  stable: string | undefined;
  latest: string | undefined;
  /** Bump of the changes since the last stable version (since nothing: first release). */
  bump: Bump;
  /** Whether the workflow changed at all since the latest tag. */
  changed: boolean;
  pre?: string;
}): Reflection {
  const { declared, stable, latest, bump, changed } = opts;
  const next =
    changed || !latest
      ? nextVersion({ stable, latest, bump, ...(opts.pre ? { pre: opts.pre } : {}) })
      : undefined;
  if (!latest) {
    return {
      ok: true,
      next: declared ?? FIRST_VERSION,
      message: `not released yet; the first release is ${declared ?? FIRST_VERSION}`,
    };
  }
  if (!changed) {
    if (declared === undefined || declared === latest)
      return { ok: true, next: undefined, message: `up to date with ${latest}` };
    return {
      ok: false,
      next: undefined,
      message: `declares version ${declared} but nothing changed since ${latest}; set version: ${latest}`,
    };
  }
  if (declared === undefined) {
    return {
      ok: true,
      next,
      message: `unreleased ${bump} changes since ${latest}; the next release is ${next ?? latest}`,
    };
  }
  if (!semver.gt(declared, latest)) {
    return {
      ok: false,
      next,
      message: `${bump} changes since ${latest} but the file still declares version ${declared}; set version: ${next}`,
    };
  }
  const step = stable ? bumpBetween(stable, declared) : 'major';
  if (RANK[step] < RANK[bump]) {
    return {
      ok: false,
      next,
      message: `declares ${declared}, a ${step} step from ${stable}, but the changes since ${stable} are ${bump}; set version: ${next}`,
    };
  }
  return {
    ok: true,
    next: declared,
    message: `declares ${declared}, which reflects the ${bump} changes since ${latest}`,
  };
}

/**
 * URLs of `http` nodes as written in the workflow: which nodes have a literal `url`, and its
 * scheme, userinfo and host with their offsets (templates masked), for the `http-*` and
 * `credentials-in-url` rules.
 */
import { normaliseHost } from '../net/address.js';
import type { NodeSpec } from '../workflow.js';
import type { RuleContext } from './types.js';

/** The parts of a URL string as written, with offsets into it; templates are masked. */
export interface UrlParts {
  /** `http` / `https` / …, lower-cased, when written literally. */
  scheme: string;
  /** Offset and text of the userinfo (`user:pass`), when there is one. */
  userinfo?: { start: number; text: string };
  /** Offset and text of the host as written (`[::1]`, `example.com`); undefined when a template is part of it. */
  host?: { start: number; text: string };
}

/**
 * Splits a URL string of an http node into scheme, userinfo and host, working on the text as
 * written: each `${{ … }}` is masked, so `https://${{ inputs.host }}/x` has no literal host.
 * @example urlParts('http://u:p@10.0.0.1:80/x') // {scheme: 'http', userinfo: {start: 7, text: 'u:p'}, host: {start: 11, text: '10.0.0.1'}}
 */
export function urlParts(url: string): UrlParts | undefined {
  const masked = url.replace(/\$\{\{[\s\S]*?\}\}/g, (m) => '\u0000'.repeat(m.length));
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)/.exec(masked);
  if (!m) return undefined;
  const authorityStart = m[1]!.length + 3;
  const authority = m[2]!;
  const at = authority.lastIndexOf('@');
  const hostStart = authorityStart + at + 1;
  const hostPort = authority.slice(at + 1);
  const hostText = hostPort.startsWith('[')
    ? hostPort.slice(0, hostPort.indexOf(']') + 1)
    : hostPort.split(':')[0]!;
  const parts: UrlParts = { scheme: m[1]!.toLowerCase() };
  if (at >= 0)
    parts.userinfo = { start: authorityStart, text: url.slice(authorityStart, authorityStart + at) };
  if (hostText !== '' && !hostText.includes('\u0000')) parts.host = { start: hostStart, text: hostText };
  return parts;
}

/** The host as the URL parser reads it (`2130706433` → `127.0.0.1`), or the text itself. */
export function canonicalHost(host: string): string {
  try {
    return normaliseHost(new URL(`http://${host}/`).hostname);
  } catch {
    return normaliseHost(host);
  }
}

/** The http nodes whose `url` is a string, with it. */
export function httpUrls(ctx: Pick<RuleContext, 'workflow'>): { node: NodeSpec; url: string }[] {
  return Object.values(ctx.workflow.nodes).flatMap((node) =>
    node.type === 'http' && typeof node.options.url === 'string' ? [{ node, url: node.options.url }] : [],
  );
}

/**
 * `http-plain-http`: an `http` node whose `url` starts with `http://` and names a public host.
 * Anyone on the path can read and change plain HTTP traffic, credentials included. Local
 * targets are left alone: loopback, private and metadata addresses (see
 * `http-private-address`), `localhost`, single-label names and `.local`, `.internal`, `.lan`,
 * `.home.arpa`, `.localdomain` names. `--fix` changes the scheme to `https://`.
 */
import { hostBlockReason, isIPv4, isIPv6 } from '../../net/address.js';
import type { Rule } from '../types.js';
import { exactOffset } from '../source-edits.js';
import { canonicalHost, httpUrls, urlParts } from '../urls.js';

const LOCAL_SUFFIXES = ['.local', '.internal', '.lan', '.home.arpa', '.localdomain'];

/** True for names that only mean something inside a local network. */
function localName(host: string): boolean {
  if (isIPv4(host) || isIPv6(host)) return false;
  return !host.includes('.') || LOCAL_SUFFIXES.some((s) => host.endsWith(s));
}

export const rule: Rule = {
  meta: {
    id: 'http-plain-http',
    category: 'security',
    severity: 'warning',
    fixable: true,
    description:
      'A plain http:// request to a public host can be read and changed by anyone on the path; use https://.',
  },
  check(ctx) {
    for (const { node, url } of httpUrls(ctx)) {
      const parts = urlParts(url);
      if (parts?.scheme !== 'http' || !parts.host) continue;
      const host = canonicalHost(parts.host.text);
      if (hostBlockReason(host) || localName(host)) continue;
      const path = ['nodes', node.id, 'url'];
      const at = exactOffset(ctx, path, url, 0, 4);
      ctx.report({
        message: `http node "${node.id}" requests ${parts.host.text} over plain http://, which anyone on the network path can read and change; use https://`,
        range: ctx.map.rangeInString(path, 0, 7),
        ...(at !== undefined
          ? {
              fix: {
                description: 'use https://',
                edits: [{ range: ctx.map.rangeAtOffset(at, 4), text: 'https' }],
              },
            }
          : {}),
      });
    }
  },
};

/**
 * `http-private-address`: an `http` node whose `url` names, literally, a private, loopback,
 * link-local or cloud metadata host (`http://127.0.0.1/`, `http://localhost:8080/`,
 * `http://169.254.169.254/`, `http://metadata.google.internal/`). The http adapter refuses such
 * requests at run time (`http.blocked`) unless `http.allow` in thaiyyal.config.yaml lists the
 * target, so the workflow only works where that config exists. Hosts written with a template
 * are not checked (their value is known only at run time; the adapter still checks them).
 */
import { hostBlockReason } from '../../net/address.js';
import type { Rule } from '../types.js';
import { canonicalHost, httpUrls, urlParts } from '../urls.js';

export const rule: Rule = {
  meta: {
    id: 'http-private-address',
    category: 'security',
    severity: 'error',
    fixable: false,
    description:
      'An http request to a literal private, loopback, link-local or metadata address is blocked at run time unless http.allow lists it.',
  },
  check(ctx) {
    for (const { node, url } of httpUrls(ctx)) {
      const host = urlParts(url)?.host;
      if (!host) continue;
      const canonical = canonicalHost(host.text);
      const reason = hostBlockReason(canonical);
      if (!reason) continue;
      const allow =
        reason === 'cloud metadata'
          ? `only an IP or CIDR entry under http.allow in thaiyyal.config.yaml opens it (a host-name entry does not); a workflow rarely needs cloud credentials`
          : `list "${canonical}" under http.allow in thaiyyal.config.yaml if this target is intended, or use a public host`;
      ctx.report({
        message: `http node "${node.id}" requests ${host.text}, a ${reason} address: the request is blocked at run time (http.blocked); ${allow}`,
        range: ctx.map.rangeInString(['nodes', node.id, 'url'], host.start, host.text.length),
      });
    }
  },
};

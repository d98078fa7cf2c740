/**
 * `credentials-in-url`: an `http` node whose `url` carries a userinfo part
 * (`https://user:password@host/`), written literally or with templates. The http adapter
 * refuses such URLs at run time (`http.invalid-url`) because URLs end up in logs, messages
 * and the event log; credentials belong in the node's `auth` option, from secrets.
 */
import type { Rule } from '../types.js';
import { httpUrls, urlParts } from '../urls.js';

export const rule: Rule = {
  meta: {
    id: 'credentials-in-url',
    category: 'security',
    severity: 'error',
    fixable: false,
    description:
      'An http url with user:password@ is refused at run time; put credentials in auth, from secrets.',
  },
  check(ctx) {
    for (const { node, url } of httpUrls(ctx)) {
      const userinfo = urlParts(url)?.userinfo;
      if (!userinfo) continue;
      ctx.report({
        message:
          `the url of http node "${node.id}" has credentials in it (userinfo before "@"), which the http node refuses at run time ` +
          `(http.invalid-url) because URLs are logged; remove them and use auth: {basic: {username: …, password: '\${{ secrets.NAME }}'}}`,
        range: ctx.map.rangeInString(
          ['nodes', node.id, 'url'],
          userinfo.start,
          Math.max(1, userinfo.text.length + 1),
        ),
      });
    }
  },
};

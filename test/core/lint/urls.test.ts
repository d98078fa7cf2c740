import { describe, expect, it } from 'vitest';
import { canonicalHost, httpUrls, urlParts } from '../../../src/core/lint/urls.js';
import { lintContext } from '../../helpers/lint-context.js';
import { wf } from '../../helpers/rule-tester.js';

describe('urlParts', () => {
  it('splits scheme, userinfo and host with offsets', () => {
    expect(urlParts('HTTP://u:p@10.0.0.1:80/x')).toEqual({
      scheme: 'http',
      userinfo: { start: 7, text: 'u:p' },
      host: { start: 11, text: '10.0.0.1' },
    });
    expect(urlParts('https://[::1]:8080/')).toEqual({ scheme: 'https', host: { start: 8, text: '[::1]' } });
  });

  it('has no literal host when a template is part of it, but still sees userinfo', () => {
    expect(urlParts('https://${{ inputs.host }}/x')).toEqual({ scheme: 'https' });
    expect(urlParts('https://${{ secrets.U }}@api.example.com/')).toEqual({
      scheme: 'https',
      userinfo: { start: 8, text: '${{ secrets.U }}' },
      host: { start: 25, text: 'api.example.com' },
    });
  });

  it('is undefined without a scheme://', () => {
    expect(urlParts('example.com/x')).toBeUndefined();
    expect(urlParts('${{ inputs.url }}')).toBeUndefined();
  });
});

describe('canonicalHost', () => {
  it('reads hosts as the URL parser does', () => {
    expect(canonicalHost('2130706433')).toBe('127.0.0.1');
    expect(canonicalHost('EXAMPLE.com')).toBe('example.com');
  });
});

describe('httpUrls', () => {
  it('lists http nodes whose url is a string', () => {
    const ctx = lintContext(
      wf(
        'nodes:\n  get:\n    type: http\n    url: https://example.com\n  say:\n    type: log\n    message: https://x.org\n',
      ),
    );
    expect(httpUrls(ctx).map(({ node, url }) => [node.id, url])).toEqual([['get', 'https://example.com']]);
  });
});

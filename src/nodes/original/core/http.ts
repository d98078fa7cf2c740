/**
 * `original/http`: the original `http` node — a GET of `url` through the SSRF-safe client
 * (ctx.http: blocked private/loopback/metadata addresses, DNS pinning, timeouts, size cap).
 * A JSON content type or a body starting with `{`/`[` gives parsed JSON, else the text.
 */
import { buildHttpRequest } from '../../http.js';
import { countHttpCall, limitFailure, maxResponseSize } from '../shared/limits.js';
import { defineOriginal, originalFailure } from '../shared/node.js';
import { NodeFailure } from '../../types.js';

interface HttpOptions {
  url: string;
  http_client_uid?: string;
}

/** The original's JSON detection: a JSON content type, or a body that looks like an object or array. */
export function decodeBody(text: string, contentType: string | undefined): unknown {
  const looksJson = /^\s*[[{]/.test(text);
  if ((contentType ?? '').toLowerCase().includes('json') || looksJson) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

export const http = defineOriginal<HttpOptions>({
  name: 'http',
  summary: 'Original engine: GETs `url` (SSRF-safe) → the body, parsed when JSON; a non-2xx status fails.',
  category: 'io',
  effects: 'read',
  properties: {
    url: { type: 'string', minLength: 1, description: 'The http(s) URL to GET.' },
    http_client_uid: {
      type: 'string',
      description:
        'A named client of the original engine; not supported here (the project http config applies), accepted with a log line.',
    },
  },
  required: ['url'],
  example: `fetch:
  type: original/http
  url: https://api.example.com/status
`,
  async execute(options, ctx) {
    if (typeof options.url !== 'string' || options.url === '')
      throw originalFailure('missing-url', 'HTTP node missing url');
    countHttpCall(ctx);
    if (options.http_client_uid !== undefined)
      ctx.log(
        'warn',
        `http_client_uid "${options.http_client_uid}" is ignored: the project http config applies`,
      );
    const cap = Math.min(ctx.config.http.maxResponseBytes, maxResponseSize(ctx));
    const request = buildHttpRequest(
      { url: options.url, method: 'GET', responseType: 'text', maxResponseBytes: cap },
      ctx.config.http,
    );
    const response = await ctx.http.request(request, ctx.signal);
    if (response.status < 200 || response.status >= 300) {
      throw new NodeFailure(
        'original.http-status',
        `HTTP request returned error status: ${response.status}`,
        {
          retryable: response.status === 408 || response.status === 429 || response.status >= 500,
          details: { status: response.status },
        },
      );
    }
    if (response.truncated) {
      const message = `response too large (exceeds ${cap} bytes limit)`;
      if (cap === maxResponseSize(ctx)) throw limitFailure('maxResponseSize', message, cap + 1);
      throw originalFailure(
        'response-too-large',
        `${message}; raise http.maxResponseBytes in thaiyyal.config.yaml`,
      );
    }
    const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? null);
    return decodeBody(text, response.headers['content-type']);
  },
});

/**
 * `http`: one HTTP request through the SSRF-safe client (`ctx.http`). Builds the request from
 * friendly options (query map, json/form/text body, auth), applies the project's limits, and
 * turns an error status into a `http.status` failure unless `failOnStatus: false`.
 * The network rules (blocked addresses, redirects, timeouts, size cap) live in the adapter.
 */
import { parseDuration } from './shared/duration.js';
import { isPlainObject, typeName } from './shared/values.js';
import {
  FailureCode,
  NodeFailure,
  type Effect,
  type HttpRequest,
  type HttpResponse,
  type NodeType,
} from './types.js';

/** Methods the node accepts. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

type Scalar = string | number | boolean;
type QueryValue = Scalar | null | Scalar[];

/** Credentials for the request; values normally come from `${{ secrets.NAME }}`. */
export type HttpAuth =
  { bearer: string } | { basic: { username: string; password: string } } | { header: string; value: string };

/** Options of `http`. */
export interface HttpOptions {
  url: string;
  method?: HttpMethod;
  headers?: Record<string, Scalar>;
  query?: Record<string, QueryValue>;
  json?: unknown;
  body?: string;
  form?: Record<string, QueryValue>;
  auth?: HttpAuth;
  requestTimeout?: number | string;
  maxResponseBytes?: number;
  maxRedirects?: number;
  responseType?: HttpRequest['responseType'];
  failOnStatus?: boolean;
}

/**
 * The effect of a request by method: GET, HEAD and OPTIONS only read; anything else may
 * change the remote side. The type-level `effects` is `write` (the safe answer when the
 * method is a template); the optimiser may use this when the method is known.
 * @example httpEffect('GET') // 'read'
 */
export function httpEffect(method: string | undefined): Effect {
  const m = (method ?? 'GET').toUpperCase();
  return m === 'GET' || m === 'HEAD' || m === 'OPTIONS' ? 'read' : 'write';
}

// anyOf of single types rather than `type: [...]`: ajv's strictTypes rejects union types.
const SCALAR_SCHEMA = { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] };
const QUERY_VALUE_SCHEMA = {
  anyOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'null' },
    { type: 'array', items: SCALAR_SCHEMA },
  ],
};
const DURATION_PATTERN = '^\\s*(\\d+(\\.\\d+)?|(\\d+(\\.\\d+)?(ms|s|m|h))+)\\s*$';

const invalid = (message: string) => new NodeFailure(FailureCode.invalidOptions, `http: ${message}`);

/** Appends query parameters, repeating the key for arrays; `null` values are left out. */
function appendParams(params: URLSearchParams, values: Record<string, unknown>, option: string): void {
  for (const [key, value] of Object.entries(values)) {
    const list = Array.isArray(value) ? (value as unknown[]) : [value];
    for (const item of list) {
      if (item === null || item === undefined) continue;
      if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') {
        throw invalid(
          `${option}.${key} must be a string, number, boolean or an array of them, got ${typeName(item)}`,
        );
      }
      params.append(key, String(item));
    }
  }
}

/** Applies `auth`; returns the header names that carry credentials. */
function applyAuth(auth: unknown, headers: Record<string, string>): string[] {
  if (auth === undefined || auth === null) return [];
  if (!isPlainObject(auth)) throw invalid(`auth must be an object, got ${typeName(auth)}`);
  const kinds = ['bearer', 'basic', 'header'].filter((k) => k in auth);
  if (kinds.length !== 1) throw invalid('auth must have exactly one of bearer, basic or header');
  if ('bearer' in auth) {
    if (typeof auth.bearer !== 'string' || auth.bearer === '')
      throw invalid('auth.bearer must be a non-empty string');
    headers.authorization = `Bearer ${auth.bearer}`;
    return ['authorization'];
  }
  if ('basic' in auth) {
    const basic = auth.basic;
    if (!isPlainObject(basic) || typeof basic.username !== 'string' || typeof basic.password !== 'string') {
      throw invalid('auth.basic must be {username: string, password: string}');
    }
    headers.authorization = `Basic ${Buffer.from(`${basic.username}:${basic.password}`, 'utf8').toString('base64')}`;
    return ['authorization'];
  }
  const name = auth.header;
  if (
    typeof name !== 'string' ||
    !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) ||
    typeof auth.value !== 'string'
  ) {
    throw invalid('auth.header must be a header name and auth.value a string');
  }
  headers[name.toLowerCase()] = auth.value;
  return [name.toLowerCase()];
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds from now. */
function retryAfterMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function excerpt(body: unknown, max = 300): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function describeUrl(raw: string): string {
  try {
    const u = new URL(raw);
    return `${u.origin}${u.pathname}`;
  } catch {
    return raw;
  }
}

function statusFailure(method: string, res: HttpResponse): NodeFailure {
  const status = res.status;
  const retryable = status === 408 || status === 429 || status >= 500;
  const wait = retryAfterMs(res.headers['retry-after']);
  const body = excerpt(res.body);
  return new NodeFailure(
    'http.status',
    `${method} ${describeUrl(res.url)} answered ${status}${body ? `: ${body}` : ''}`,
    {
      retryable,
      details: {
        status,
        ...(wait !== undefined ? { retryAfterMs: wait } : {}),
        body: excerpt(res.body, 1000),
      },
    },
  );
}

/** Builds the adapter request from the node's options and the project limits. */
export function buildHttpRequest(
  options: HttpOptions,
  limits: { timeoutMs: number; maxResponseBytes: number; maxRedirects: number },
): HttpRequest & { sensitiveHeaders: string[] } {
  if (typeof options.url !== 'string' || options.url === '')
    throw invalid(`url must be a non-empty string, got ${typeName(options.url)}`);
  const method = (options.method ?? 'GET').toUpperCase();
  if (!(HTTP_METHODS as readonly string[]).includes(method)) {
    throw invalid(`method must be one of ${HTTP_METHODS.join(', ')}, got ${JSON.stringify(options.method)}`);
  }

  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new NodeFailure(
      'http.invalid-url',
      `http: url ${JSON.stringify(options.url)} is not a valid absolute URL`,
    );
  }
  if (options.query !== undefined) {
    if (!isPlainObject(options.query)) throw invalid(`query must be a map, got ${typeName(options.query)}`);
    appendParams(url.searchParams, options.query, 'query');
  }

  const headers: Record<string, string> = {
    'user-agent': 'thaiyyal',
    accept: 'application/json, text/*;q=0.9, */*;q=0.8',
  };
  if (options.headers !== undefined) {
    if (!isPlainObject(options.headers))
      throw invalid(`headers must be a map, got ${typeName(options.headers)}`);
    for (const [name, value] of Object.entries(options.headers)) {
      if (value === null || value === undefined) continue;
      if (typeof value === 'object')
        throw invalid(`headers.${name} must be a string, got ${typeName(value)}`);
      headers[name.toLowerCase()] = String(value);
    }
  }

  const bodies = (['json', 'body', 'form'] as const).filter((k) => options[k] !== undefined);
  if (bodies.length > 1) throw invalid(`give only one of json, body or form (got ${bodies.join(' and ')})`);
  let body: string | undefined;
  const setType = (type: string) => {
    headers['content-type'] ??= type;
  };
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    setType('application/json');
  } else if (options.body !== undefined) {
    if (typeof options.body !== 'string')
      throw invalid(`body must be a string (use json for structured data), got ${typeName(options.body)}`);
    body = options.body;
    setType('text/plain; charset=utf-8');
  } else if (options.form !== undefined) {
    if (!isPlainObject(options.form)) throw invalid(`form must be a map, got ${typeName(options.form)}`);
    const params = new URLSearchParams();
    appendParams(params, options.form, 'form');
    body = params.toString();
    setType('application/x-www-form-urlencoded');
  }
  if (body !== undefined && (method === 'GET' || method === 'HEAD')) {
    throw invalid(`a ${method} request cannot have a body; use query, or method POST`);
  }

  const sensitiveHeaders = applyAuth(options.auth, headers);

  let timeoutMs = limits.timeoutMs;
  if (options.requestTimeout !== undefined) {
    const ms =
      typeof options.requestTimeout === 'number' || typeof options.requestTimeout === 'string'
        ? parseDuration(options.requestTimeout)
        : undefined;
    if (ms === undefined || ms <= 0)
      throw invalid(
        `requestTimeout must be a positive duration like "10s" or 500, got ${JSON.stringify(options.requestTimeout)}`,
      );
    timeoutMs = ms;
  }
  const maxResponseBytes = options.maxResponseBytes ?? limits.maxResponseBytes;
  if (!Number.isInteger(maxResponseBytes) || maxResponseBytes < 0)
    throw invalid('maxResponseBytes must be a non-negative integer');
  if (maxResponseBytes > limits.maxResponseBytes) {
    throw invalid(
      `maxResponseBytes ${maxResponseBytes} is above the project limit of ${limits.maxResponseBytes}; raise http.maxResponseBytes in thaiyyal.config.yaml`,
    );
  }
  const maxRedirects = options.maxRedirects ?? limits.maxRedirects;
  if (!Number.isInteger(maxRedirects) || maxRedirects < 0)
    throw invalid('maxRedirects must be a non-negative integer');
  const responseType = options.responseType ?? 'auto';
  if (!['auto', 'json', 'text'].includes(responseType))
    throw invalid(`responseType must be auto, json or text, got ${JSON.stringify(responseType)}`);

  return {
    method,
    url: url.href,
    headers,
    ...(body !== undefined ? { body } : {}),
    timeoutMs,
    maxResponseBytes,
    maxRedirects,
    responseType,
    sensitiveHeaders,
  };
}

/**
 * The `http` node type.
 * @example
 * fetch:
 *   type: http
 *   url: https://api.github.com/repos/nodejs/node
 *   auth: { bearer: '${{ secrets.GITHUB_TOKEN }}' }
 */
export const http: NodeType<HttpOptions> = {
  type: 'http',
  summary: 'Makes an HTTP request (SSRF-safe: private/loopback/metadata addresses blocked unless allowed).',
  category: 'io',
  effects: 'write',
  optionsSchema: {
    type: 'object',
    properties: {
      url: {
        type: 'string',
        minLength: 1,
        description: 'Absolute http(s) URL to request. Query parameters may also go in `query`.',
      },
      method: {
        enum: [...HTTP_METHODS],
        default: 'GET',
        description: 'HTTP method: GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS.',
      },
      headers: {
        type: 'object',
        additionalProperties: SCALAR_SCHEMA,
        description:
          'Request headers (names are case-insensitive). Use `auth` for credentials so they are dropped on cross-origin redirects.',
      },
      query: {
        type: 'object',
        additionalProperties: QUERY_VALUE_SCHEMA,
        description:
          'Query parameters appended to the URL, URL-encoded. An array repeats the key; null leaves it out.',
      },
      json: {
        description:
          'Request body as JSON (any value); sets Content-Type: application/json. Excludes `body` and `form`.',
      },
      body: {
        type: 'string',
        description:
          'Request body as text; sets Content-Type: text/plain unless a header says otherwise. Excludes `json` and `form`.',
      },
      form: {
        type: 'object',
        additionalProperties: QUERY_VALUE_SCHEMA,
        description: 'Request body as application/x-www-form-urlencoded fields. Excludes `json` and `body`.',
      },
      auth: {
        description:
          'Credentials, normally from ${{ secrets.NAME }}: {bearer: token}, {basic: {username, password}} or {header: name, value}.',
        oneOf: [
          {
            type: 'object',
            properties: {
              bearer: {
                type: 'string',
                minLength: 1,
                description: 'Token sent as `Authorization: Bearer <token>`.',
              },
            },
            required: ['bearer'],
            additionalProperties: false,
          },
          {
            type: 'object',
            properties: {
              basic: {
                type: 'object',
                description: 'HTTP basic authentication.',
                properties: {
                  username: { type: 'string', description: 'User name.' },
                  password: { type: 'string', description: 'Password.' },
                },
                required: ['username', 'password'],
                additionalProperties: false,
              },
            },
            required: ['basic'],
            additionalProperties: false,
          },
          {
            type: 'object',
            properties: {
              header: { type: 'string', minLength: 1, description: 'Header name, e.g. X-Api-Key.' },
              value: { type: 'string', description: 'Header value.' },
            },
            required: ['header', 'value'],
            additionalProperties: false,
          },
        ],
      },
      requestTimeout: {
        description:
          'Timeout of the request (headers and body), e.g. "10s" or 5000 (ms). Default: http.timeout of the project config. The node-level `timeout` still bounds the whole node, retries aside.',
        oneOf: [
          { type: 'number', exclusiveMinimum: 0 },
          { type: 'string', pattern: DURATION_PATTERN },
        ],
      },
      maxResponseBytes: {
        type: 'integer',
        minimum: 0,
        description:
          'Keep at most this many body bytes (output `truncated: true` beyond). Default and ceiling: http.maxResponseBytes of the project config.',
      },
      maxRedirects: {
        type: 'integer',
        minimum: 0,
        description:
          'Redirects to follow before failing with http.too-many-redirects. Default: http.maxRedirects of the project config.',
      },
      responseType: {
        enum: ['auto', 'json', 'text'],
        default: 'auto',
        description:
          'How to read the body: auto (JSON when the Content-Type is JSON, else text), json (always parse) or text.',
      },
      failOnStatus: {
        type: 'boolean',
        default: true,
        description:
          'Fail with http.status when the status is 400 or above (retryable for 408, 429 and 5xx). Set false to handle statuses yourself.',
      },
    },
    required: ['url'],
    additionalProperties: false,
    // json, body and form are mutually exclusive (explicit per-property rules keep ajv's strictRequired happy).
    dependentSchemas: {
      json: { properties: { body: false, form: false } },
      body: { properties: { json: false, form: false } },
      form: { properties: { json: false, body: false } },
    },
  },
  example: `createIssue:
  type: http
  method: POST
  url: '\${{ inputs.baseUrl }}/echo'
  query:
    labels: [bug, triage]
  headers:
    X-Request-Source: thaiyyal
  json:
    title: Build failed
    body: The nightly build failed.
  requestTimeout: 10s
`,
  async execute(options, ctx) {
    const request = buildHttpRequest(options, ctx.config.http);
    const response = await ctx.http.request(request, ctx.signal);
    if ((options.failOnStatus ?? true) && response.status >= 400)
      throw statusFailure(request.method, response);
    return {
      status: response.status,
      headers: response.headers,
      body: response.body,
      url: response.url,
      truncated: response.truncated,
    };
  },
};

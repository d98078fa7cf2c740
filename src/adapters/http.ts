/**
 * The SSRF-safe HTTP adapter (undici). One `Agent` per client whose connector resolves DNS
 * itself, checks every resolved address against the {@link AddressPolicy} and hands exactly
 * those checked addresses to the socket: the connection is pinned to what was checked, so a
 * second (rebinding) DNS answer can never be used. Redirects are followed here, by hand, so
 * every hop goes through the same checks.
 *
 * Safe by default (DESIGN.md): private, loopback, link-local, unique-local, CGNAT, multicast and
 * cloud metadata addresses are refused unless `http.allow` in thaiyyal.config.yaml opens them;
 * every request has a timeout (headers and body) and a response size cap.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, request as undiciRequest } from 'undici';
import type { HttpConfig } from '../core/config.js';
import { NodeFailure, type HttpClient, type HttpRequest, type HttpResponse } from '../nodes/types.js';
import {
  createAddressPolicy,
  normaliseHost,
  type AddressPolicy,
  type BlockReason,
} from './http/address-policy.js';

/**
 * Extra request fields this adapter understands beyond the {@link HttpRequest} contract.
 * `sensitiveHeaders` names headers (besides Authorization, Cookie and Proxy-Authorization)
 * that carry credentials and must be dropped on a cross-origin redirect, e.g. a custom
 * `X-Api-Key` set by the http node's `auth.header`.
 */
export interface HttpRequestExtras {
  sensitiveHeaders?: readonly string[];
}

/** An {@link HttpClient} that owns a connection pool; `close()` releases its sockets. */
export interface ClosableHttpClient extends HttpClient {
  close(): Promise<void>;
}

/** Headers that always carry credentials; never forwarded to another origin. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Connection-level failures where a later attempt may well succeed. */
const TRANSIENT_CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Raised inside the connector when an address is refused; mapped to `http.blocked`. */
class BlockedAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly reason: BlockReason,
  ) {
    super(`${host} resolves to ${address} (${reason})`);
  }
}

/** Raised inside the connector when a name does not resolve; mapped to `http.dns`. */
class DnsLookupError extends Error {
  constructor(
    readonly host: string,
    readonly code: string,
  ) {
    super(`${host} did not resolve (${code})`);
  }
}

/**
 * A `lookup` for `net.connect`/`tls.connect`: resolves every address of the name, refuses the
 * connection if any of them is blocked (an attacker-controlled name may mix public and
 * private answers), and otherwise returns exactly the checked addresses. A DNS failure is a
 * failure, never a fallback to something else.
 */
function guardedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0, verbatim: true }, (err, addresses) => {
      if (err || addresses.length === 0) {
        callback(new DnsLookupError(hostname, err?.code ?? 'ENODATA'), []);
        return;
      }
      for (const { address } of addresses) {
        const decision = policy.check(hostname, address);
        if (!decision.allowed) {
          callback(new BlockedAddressError(hostname, address, decision.reason), []);
          return;
        }
      }
      if (options.all) {
        callback(null, addresses);
      } else {
        const first = addresses[0] as LookupAddress;
        callback(null, first.address, first.family);
      }
    });
  };
}

/** `scheme://host[:port]/path` without credentials or query, for messages (queries may hold keys). */
function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function invalidUrl(message: string, url?: string): NodeFailure {
  return new NodeFailure('http.invalid-url', message, url === undefined ? {} : { details: { url } });
}

function parseHttpUrl(raw: string, context: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidUrl(`${context} ${JSON.stringify(raw)} is not a valid absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidUrl(
      `${context} uses the ${url.protocol} scheme; only http and https are allowed`,
      describeUrl(url),
    );
  }
  if (url.username || url.password) {
    // Credentials in URLs end up in logs and event logs; the node's `auth` option is the safe place.
    throw invalidUrl(
      `${context} ${url.protocol}//${url.host}${url.pathname} contains credentials; use the node's auth option instead`,
    );
  }
  return url;
}

function blockedFailure(method: string, url: URL, err: BlockedAddressError): NodeFailure {
  const isLiteral = normaliseHost(err.host) === normaliseHost(err.address);
  const what = isLiteral
    ? `${err.address} is a ${err.reason} address`
    : `${err.host} resolves to ${err.address}, a ${err.reason} address`;
  const allowHint =
    err.reason === 'cloud metadata' || isLiteral
      ? `add "${err.address}" (the address itself)`
      : `add "${err.host}" or "${err.address}"`;
  return new NodeFailure(
    'http.blocked',
    `${method} ${describeUrl(url)} blocked: ${what}. thaiyyal refuses private, loopback, link-local and ` +
      `cloud metadata addresses by default (SSRF protection). If this target is intended, ${allowHint} ` +
      `to http.allow in thaiyyal.config.yaml.`,
    { details: { host: err.host, address: err.address, reason: err.reason } },
  );
}

/** Finds the first error of a class in an error's `cause` chain (undici may wrap). */
function findCause<T>(error: unknown, predicate: (e: unknown) => e is T): T | undefined {
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 8; depth++) {
    if (predicate(current)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function errorCode(error: unknown): string | undefined {
  const found = findCause(
    error,
    (e): e is { code: string } => typeof (e as { code?: unknown }).code === 'string',
  );
  return found?.code;
}

/** Maps whatever undici or the connector threw into a NodeFailure of a stable code. */
function classifyError(
  error: unknown,
  ctx: { method: string; url: URL; caller: AbortSignal; timeout: AbortSignal; timeoutMs: number },
): NodeFailure {
  if (error instanceof NodeFailure) return error;
  const where = `${ctx.method} ${describeUrl(ctx.url)}`;
  // Our own signals first: once one fired, whatever undici threw is a consequence of it.
  if (ctx.caller.aborted) return new NodeFailure('http.cancelled', `${where} was cancelled`);
  if (ctx.timeout.aborted) {
    return new NodeFailure('http.timeout', `${where} did not complete within ${ctx.timeoutMs} ms`, {
      retryable: true,
      details: { timeoutMs: ctx.timeoutMs },
    });
  }
  const blocked = findCause(error, (e): e is BlockedAddressError => e instanceof BlockedAddressError);
  if (blocked) return blockedFailure(ctx.method, ctx.url, blocked);
  const dns = findCause(error, (e): e is DnsLookupError => e instanceof DnsLookupError);
  if (dns) {
    return new NodeFailure(
      'http.dns',
      `${where} failed: host ${dns.host} could not be resolved (${dns.code})`,
      {
        // EAI_AGAIN is a temporary resolver failure; ENOTFOUND means the name does not exist.
        retryable: dns.code === 'EAI_AGAIN',
        details: { host: dns.host, code: dns.code },
      },
    );
  }
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code && TIMEOUT_CODES.has(code)) {
    return new NodeFailure('http.timeout', `${where} timed out (${code})`, {
      retryable: true,
      details: { code },
    });
  }
  if (code === 'UND_ERR_INVALID_ARG' || code === 'ERR_INVALID_ARG_VALUE' || code === 'ERR_INVALID_CHAR') {
    return new NodeFailure('http.invalid-request', `${where} is not a valid request: ${message}`, {
      details: { code },
    });
  }
  if (code && (code.startsWith('ERR_TLS') || code.includes('CERT') || code.startsWith('ERR_SSL'))) {
    return new NodeFailure('http.tls', `${where} failed the TLS handshake: ${message}`, {
      details: { code },
    });
  }
  return new NodeFailure(
    'http.connect',
    `${where} failed to connect: ${message}${code ? ` (${code})` : ''}`,
    {
      retryable: code === undefined || TRANSIENT_CONNECT_CODES.has(code),
      details: code ? { code } : {},
    },
  );
}

/** Reads at most `cap` bytes of a body; stops reading (and destroys the stream) beyond it. */
async function readCapped(
  body: AsyncIterable<Uint8Array> & { destroy(): unknown },
  cap: number,
): Promise<{ bytes: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (size + buf.length > cap) {
      chunks.push(buf.subarray(0, cap - size));
      size = cap;
      body.destroy();
      return { bytes: Buffer.concat(chunks, size), truncated: true };
    }
    chunks.push(buf);
    size += buf.length;
  }
  return { bytes: Buffer.concat(chunks, size), truncated: false };
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** `application/json`, `application/problem+json`, `text/json`… */
function isJsonContentType(contentType: string | undefined): boolean {
  const media = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return /^[\w.-]+\/([\w.-]+\+)?json$/.test(media);
}

function decodeBody(
  bytes: Buffer,
  truncated: boolean,
  contentType: string | undefined,
  req: HttpRequest,
  where: string,
): unknown {
  const text = bytes.toString('utf8');
  const wantJson =
    req.responseType === 'json' || (req.responseType === 'auto' && isJsonContentType(contentType));
  if (!wantJson) return text;
  if (text.trim() === '') return null;
  if (truncated) {
    throw new NodeFailure(
      'http.invalid-json',
      `${where} returned JSON larger than maxResponseBytes (${req.maxResponseBytes} bytes), so it was cut and cannot ` +
        `be parsed; raise maxResponseBytes or use responseType: text`,
      { details: { maxResponseBytes: req.maxResponseBytes } },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new NodeFailure(
      'http.invalid-json',
      `${where} returned a body that is not valid JSON (${(error as Error).message}); use responseType: text to keep it as text`,
      { details: { contentType: contentType ?? null, excerpt: text.slice(0, 200) } },
    );
  }
}

/**
 * Creates the SSRF-safe HTTP client the engine injects into nodes as `ctx.http`.
 * Throws an Error naming the entry when `config.allow` holds a malformed IP/CIDR.
 * @example
 * const http = createHttpClient(config.http);
 * const res = await http.request({method: 'GET', url: 'https://api.example.com/x', headers: {},
 *   timeoutMs: 30_000, maxResponseBytes: 1 << 20, maxRedirects: 5, responseType: 'auto'}, signal);
 */
export function createHttpClient(config: HttpConfig): ClosableHttpClient {
  const policy = createAddressPolicy(config.allow);
  const agent = new Agent({ connect: { lookup: guardedLookup(policy) } });

  async function send(req: HttpRequest & HttpRequestExtras, signal: AbortSignal, state: { url: URL }) {
    let url = state.url;
    let method = req.method.toUpperCase();
    let body = req.body;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = value;
    const sensitive = new Set([
      ...CREDENTIAL_HEADERS,
      ...(req.sensitiveHeaders ?? []).map((h) => h.toLowerCase()),
    ]);

    for (let redirects = 0; ; redirects++) {
      // Literal IP hosts never reach the lookup (net connects to them directly): check here.
      const host = normaliseHost(url.hostname);
      if (isIP(host)) {
        const decision = policy.check(host, host);
        if (!decision.allowed)
          throw blockedFailure(method, url, new BlockedAddressError(host, host, decision.reason));
      }
      const res = await undiciRequest(url, {
        dispatcher: agent,
        method: method as 'GET',
        headers,
        body: body ?? null,
        signal,
      });
      const location = res.headers.location;
      if (REDIRECT_STATUSES.has(res.statusCode) && typeof location === 'string' && location !== '') {
        await res.body.dump({ limit: 64 * 1024 });
        if (redirects >= req.maxRedirects) {
          throw new NodeFailure(
            'http.too-many-redirects',
            `${req.method.toUpperCase()} ${describeUrl(state.url)} redirected more than ${req.maxRedirects} times (last: ${describeUrl(url)}); raise maxRedirects if this is expected`,
            { details: { maxRedirects: req.maxRedirects } },
          );
        }
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          throw invalidUrl(`${describeUrl(url)} redirected to an invalid URL ${JSON.stringify(location)}`);
        }
        next = parseHttpUrl(next.href, `${describeUrl(url)} redirected to`);
        // Fetch semantics: 303 turns anything but HEAD into GET; 301/302 turn POST into GET.
        const toGet =
          (res.statusCode === 303 && method !== 'HEAD' && method !== 'GET') ||
          ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST');
        if (toGet) {
          method = 'GET';
          body = undefined;
          for (const h of [
            'content-type',
            'content-length',
            'content-encoding',
            'content-language',
            'content-location',
          ]) {
            delete headers[h];
          }
        }
        if (next.origin !== url.origin) for (const h of sensitive) delete headers[h];
        url = next;
        state.url = url;
        continue;
      }
      return { res, url, method };
    }
  }

  return {
    async request(req, signal) {
      const timeout = AbortSignal.timeout(req.timeoutMs);
      const combined = AbortSignal.any([signal, timeout]);
      const method = req.method.toUpperCase();
      const state = { url: parseHttpUrl(req.url, 'URL') };
      try {
        if (combined.aborted) throw combined.reason;
        const { res, url, method: finalMethod } = await send(req, combined, state);
        const headers = flattenHeaders(res.headers);
        let bytes: Buffer = Buffer.alloc(0);
        let truncated = false;
        if (finalMethod === 'HEAD') {
          await res.body.dump();
        } else {
          ({ bytes, truncated } = await readCapped(res.body, req.maxResponseBytes));
        }
        const body = decodeBody(
          bytes,
          truncated,
          headers['content-type'],
          req,
          `${finalMethod} ${describeUrl(url)}`,
        );
        const response: HttpResponse = { status: res.statusCode, headers, body, url: url.href, truncated };
        return response;
      } catch (error) {
        throw classifyError(error, {
          method,
          url: state.url,
          caller: signal,
          timeout,
          timeoutMs: req.timeoutMs,
        });
      }
    },
    close: () => agent.close(),
  };
}

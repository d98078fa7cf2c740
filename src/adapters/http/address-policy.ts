/**
 * The SSRF address policy of the HTTP adapter: which resolved addresses an outbound request
 * may connect to, and which hosts/addresses the project's `http.allow` list opens up.
 *
 * Pure (no DNS, no sockets): the adapter resolves names itself and asks this module about
 * every address before connecting to it, so the same rules apply to literal IP URLs, DNS
 * answers and every redirect hop. The built-in rules are in `src/core/net/address.ts`.
 */
import {
  blockReason,
  cidrContains,
  embeddedIPv4,
  isIPv4,
  isIPv6,
  normaliseHost,
  parseCidr,
  type BlockReason,
  type Cidr,
} from '../../core/net/address.js';

// The rules themselves are pure and live in the core, where lint rules use them too.
export { blockReason, embeddedIPv4, normaliseHost, type BlockReason };

/** Decision for one address: allowed, or refused with a reason. */
export type AddressDecision = { allowed: true } | { allowed: false; reason: BlockReason };

/** The compiled `http.allow` list plus the built-in rules. */
export interface AddressPolicy {
  /** True when the host name matches an exact or `*.suffix` entry of the allow list. */
  hostAllowed(host: string): boolean;
  /**
   * Whether `address` (resolved for `host`) may be connected to. An allowlisted host skips the
   * built-in rules, except for cloud metadata addresses, which only an IP/CIDR entry opens.
   */
  check(host: string, address: string): AddressDecision;
}

/**
 * Compiles the `http.allow` entries: exact host names (`localhost`), `*.suffix` wildcards
 * (subdomains only, not the bare suffix), IP addresses and CIDR ranges (IPv4 or IPv6).
 * Throws an Error naming the bad entry when one is malformed (e.g. `10.0.0.0/99`).
 * @example createAddressPolicy(['127.0.0.1', '*.internal.example.com']).check('x', '127.0.0.1') // {allowed: true}
 */
export function createAddressPolicy(allow: readonly string[]): AddressPolicy {
  const exactHosts = new Set<string>();
  const suffixes: string[] = [];
  const addresses: Cidr[] = [];
  for (const raw of allow) {
    const entry = normaliseHost(raw);
    if (entry === '') continue;
    if (entry.startsWith('*.')) {
      suffixes.push(entry.slice(1)); // keep the leading dot: `*.a.com` must not match `evila.com`
    } else if (isIPv4(entry) || isIPv6(entry) || entry.includes('/')) {
      const parsed = parseCidr(entry);
      if ('error' in parsed) throw new Error(`http.allow entry ${JSON.stringify(raw)}: ${parsed.error}`);
      addresses.push(parsed.cidr);
    } else {
      exactHosts.add(entry);
    }
  }

  const addressAllowed = (address: string): boolean => {
    const bare = address.replace(/%.*$/, '');
    const inList = (a: string) => addresses.some((c) => cidrContains(c, a));
    if (isIPv4(bare)) return inList(bare);
    if (!isIPv6(bare)) return false;
    if (inList(bare)) return true;
    const v4 = embeddedIPv4(bare);
    return v4 !== undefined && inList(v4);
  };

  const hostAllowed = (host: string): boolean => {
    const h = normaliseHost(host);
    return exactHosts.has(h) || suffixes.some((s) => h.endsWith(s) && h.length > s.length);
  };

  return {
    hostAllowed,
    check(host, address) {
      const reason = blockReason(address);
      if (reason === undefined || addressAllowed(address)) return { allowed: true };
      if (reason !== 'cloud metadata' && hostAllowed(host)) return { allowed: true };
      return { allowed: false, reason };
    },
  };
}

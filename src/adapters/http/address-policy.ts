/**
 * The SSRF address policy of the HTTP adapter: which resolved addresses an outbound request
 * may connect to, and which hosts/addresses the project's `http.allow` list opens up.
 *
 * Pure (no DNS, no sockets): the adapter resolves names itself and asks this module about
 * every address before connecting to it, so the same rules apply to literal IP URLs, DNS
 * answers and every redirect hop.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** Why an address is refused; shown in `http.blocked` messages. */
export type BlockReason =
  | 'cloud metadata'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'unique-local'
  | 'shared (CGNAT)'
  | 'unspecified'
  | 'multicast'
  | 'reserved';

interface Rule {
  reason: BlockReason;
  list: BlockList;
}

function rule(reason: BlockReason, cidrs: readonly string[]): Rule {
  const list = new BlockList();
  for (const cidr of cidrs) addCidr(list, cidr);
  return { reason, list };
}

/**
 * Order matters: the first matching rule names the reason, so the specific metadata
 * addresses come before the broader link-local / unique-local ranges that contain them.
 */
const RULES: readonly Rule[] = [
  // AWS/GCP/Azure/OpenStack IMDS, AWS IMDS over IPv6, Alibaba, Azure WireServer (a public
  // address that only answers inside Azure, hence listed explicitly).
  rule('cloud metadata', [
    '169.254.169.254/32',
    'fd00:ec2::254/128',
    '100.100.100.200/32',
    '168.63.129.16/32',
  ]),
  rule('unspecified', ['0.0.0.0/8', '::/128']),
  rule('loopback', ['127.0.0.0/8', '::1/128']),
  rule('private', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fec0::/10']),
  rule('shared (CGNAT)', ['100.64.0.0/10']),
  rule('link-local', ['169.254.0.0/16', 'fe80::/10']),
  rule('unique-local', ['fc00::/7']),
  rule('multicast', ['224.0.0.0/4', 'ff00::/8']),
  // IETF protocol assignments, benchmarking, class E + broadcast, IPv6 discard prefix.
  rule('reserved', ['192.0.0.0/24', '198.18.0.0/15', '240.0.0.0/4', '100::/64']),
];

/** Parses `a.b.c.d/n` or `v6/n` into a BlockList subnet; throws on anything else. */
function addCidr(list: BlockList, cidr: string): void {
  const slash = cidr.indexOf('/');
  const address = slash < 0 ? cidr : cidr.slice(0, slash);
  const family = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : undefined;
  if (!family) throw new Error(`"${cidr}" is not an IP address or CIDR range`);
  if (slash < 0) {
    list.addAddress(address, family);
    return;
  }
  const prefixText = cidr.slice(slash + 1);
  const prefix = Number(prefixText);
  const max = family === 'ipv4' ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefixText) || prefix > max) {
    throw new Error(`"${cidr}" has an invalid prefix length (0-${max})`);
  }
  list.addSubnet(address, prefix, family);
}

/** Expands an IPv6 address (with optional trailing dotted quad and zone) into 8 groups. */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.replace(/%.*$/, '').toLowerCase();
  if (!isIPv6(text)) return undefined;
  // A trailing dotted quad (`::ffff:1.2.3.4`) becomes two hex groups.
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : new Array<string>(8 - left.length - right.length).fill('0');
  const groups = [...left, ...fill, ...right].map((g) => parseInt(g, 16));
  return groups.length === 8 ? groups : undefined;
}

function v4FromGroups(hi: number, lo: number): string {
  return `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
}

/**
 * The IPv4 address an IPv6 address stands for, when it embeds one in a way that routes to
 * that IPv4 host: IPv4-mapped (`::ffff:a.b.c.d`), IPv4-compatible (`::a.b.c.d`), NAT64
 * (`64:ff9b::a.b.c.d`) and 6to4 (`2002:AABB:CCDD::`). Otherwise undefined.
 */
export function embeddedIPv4(address: string): string | undefined {
  const g = ipv6Groups(address);
  if (!g) return undefined;
  const [g0, g1, g2, g3, g4, g5, g6, g7] = g as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const zeroPrefix = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (zeroPrefix && g5 === 0xffff) return v4FromGroups(g6, g7);
  // `::` and `::1` are themselves IPv6 special addresses, not IPv4-compatible ones.
  if (zeroPrefix && g5 === 0 && (g6 !== 0 || g7 > 1)) return v4FromGroups(g6, g7);
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0)
    return v4FromGroups(g6, g7);
  if (g0 === 0x2002) return v4FromGroups(g1, g2);
  return undefined;
}

/** The reason a single address is refused by the built-in rules, or undefined when it is public. */
export function blockReason(address: string): BlockReason | undefined {
  const bare = address.replace(/%.*$/, '');
  if (isIPv4(bare)) return RULES.find((r) => r.list.check(bare, 'ipv4'))?.reason;
  if (!isIPv6(bare)) return 'reserved'; // not an IP at all: never connect to it
  const direct = RULES.find((r) => r.list.check(bare, 'ipv6'))?.reason;
  if (direct) return direct;
  const v4 = embeddedIPv4(bare);
  return v4 ? blockReason(v4) : undefined;
}

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

/** Lower-cases a host and drops a trailing dot and IPv6 brackets. */
export function normaliseHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.endsWith('.')) h = h.slice(0, -1);
  return h;
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
  const addresses = new BlockList();
  for (const raw of allow) {
    const entry = normaliseHost(raw);
    if (entry === '') continue;
    if (entry.startsWith('*.')) {
      suffixes.push(entry.slice(1)); // keep the leading dot: `*.a.com` must not match `evila.com`
    } else if (isIPv4(entry) || isIPv6(entry) || entry.includes('/')) {
      try {
        addCidr(addresses, entry);
      } catch (error) {
        throw new Error(`http.allow entry ${JSON.stringify(raw)}: ${(error as Error).message}`);
      }
    } else {
      exactHosts.add(entry);
    }
  }

  const addressAllowed = (address: string): boolean => {
    const bare = address.replace(/%.*$/, '');
    if (isIPv4(bare)) return addresses.check(bare, 'ipv4');
    if (!isIPv6(bare)) return false;
    if (addresses.check(bare, 'ipv6')) return true;
    const v4 = embeddedIPv4(bare);
    return v4 !== undefined && addresses.check(v4, 'ipv4');
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

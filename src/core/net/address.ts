/**
 * The pure part of the SSRF address policy: IP parsing, CIDR ranges and the built-in rules
 * that say which addresses are private, loopback, link-local, metadata… Shared by the HTTP
 * adapter (which checks every resolved address before connecting) and by lint rules (which
 * check literal URLs before anything runs). No DNS, no sockets, no Node built-ins.
 */

/** Why an address is refused; shown in `http.blocked` messages and lint findings. */
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

/** An address as bytes: 4 for IPv4, 16 for IPv6. */
type Bytes = readonly number[];

/** A parsed CIDR range (a single address is a range with the full prefix). */
export interface Cidr {
  bytes: Bytes;
  prefix: number;
}

/** True for a dotted-quad IPv4 address (`127.0.0.1`; no leading zeros, no short forms). */
export function isIPv4(address: string): boolean {
  return ipv4Bytes(address) !== undefined;
}

/** True for an IPv6 address (`::1`, `fe80::1%eth0`, `::ffff:1.2.3.4`). */
export function isIPv6(address: string): boolean {
  return ipv6Groups(address) !== undefined;
}

function ipv4Bytes(address: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (!m) return undefined;
  const parts = m.slice(1).map((p) => (p.length > 1 && p.startsWith('0') ? NaN : Number(p)));
  return parts.every((p) => p >= 0 && p <= 255) ? parts : undefined;
}

/** Expands an IPv6 address (with optional trailing dotted quad and zone) into 8 groups. */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.replace(/%[^%]*$/, '').toLowerCase();
  if (!/^[0-9a-f:.]+$/.test(text) || !text.includes(':')) return undefined;
  // A trailing dotted quad (`::ffff:1.2.3.4`) becomes two hex groups.
  const quad = /[:](\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad) {
    const b = ipv4Bytes(quad[1]!);
    if (!b) return undefined;
    text = `${text.slice(0, quad.index + 1)}${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  if (text.includes('.')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const split = (s: string) => (s === '' ? [] : s.split(':'));
  const left = split(halves[0]!);
  const right = halves.length === 2 ? split(halves[1]!) : [];
  const all = [...left, ...right];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  if (halves.length === 2 ? all.length > 7 : all.length !== 8) return undefined;
  const fill = new Array<string>(8 - all.length).fill('0');
  return [...left, ...fill, ...right].map((g) => parseInt(g, 16));
}

function bytesOf(address: string): Bytes | undefined {
  const v4 = ipv4Bytes(address);
  if (v4) return v4;
  const g = ipv6Groups(address);
  return g ? g.flatMap((x) => [x >> 8, x & 0xff]) : undefined;
}

/**
 * Parses `a.b.c.d/n`, `v6/n` or a single address into a {@link Cidr}, or says why it cannot.
 * @example parseCidr('10.0.0.0/8') // {cidr: {bytes: [10, 0, 0, 0], prefix: 8}}
 */
export function parseCidr(text: string): { cidr: Cidr } | { error: string } {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const bytes = bytesOf(address);
  if (!bytes) return { error: `"${text}" is not an IP address or CIDR range` };
  const max = bytes.length * 8;
  if (slash < 0) return { cidr: { bytes, prefix: max } };
  const prefixText = text.slice(slash + 1);
  const prefix = Number(prefixText);
  if (!/^\d{1,3}$/.test(prefixText) || prefix > max) {
    return { error: `"${text}" has an invalid prefix length (0-${max})` };
  }
  return { cidr: { bytes, prefix } };
}

/** True when `address` (an IP of the same family) lies inside `cidr`. */
export function cidrContains(cidr: Cidr, address: string): boolean {
  const bytes = bytesOf(address.replace(/%[^%]*$/, ''));
  if (!bytes || bytes.length !== cidr.bytes.length) return false;
  for (let bit = 0; bit < cidr.prefix; bit++) {
    const i = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if ((bytes[i]! & mask) !== (cidr.bytes[i]! & mask)) return false;
  }
  return true;
}

function rule(reason: BlockReason, cidrs: readonly string[]): { reason: BlockReason; ranges: Cidr[] } {
  return { reason, ranges: cidrs.map((c) => (parseCidr(c) as { cidr: Cidr }).cidr) };
}

/**
 * Order matters: the first matching rule names the reason, so the specific metadata
 * addresses come before the broader link-local / unique-local ranges that contain them.
 */
const RULES = [
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

/**
 * The reason a single address is refused by the built-in rules, or undefined when it is public.
 * Anything that is not an IP address is `reserved`: never connect to it.
 * @example blockReason('::ffff:127.0.0.1') // 'loopback'
 */
export function blockReason(address: string): BlockReason | undefined {
  const bare = address.replace(/%[^%]*$/, '');
  if (!bytesOf(bare)) return 'reserved';
  const direct = RULES.find((r) => r.ranges.some((c) => cidrContains(c, bare)))?.reason;
  if (direct || isIPv4(bare)) return direct;
  const v4 = embeddedIPv4(bare);
  return v4 ? blockReason(v4) : undefined;
}

/** Lower-cases a host and drops a trailing dot and IPv6 brackets. */
export function normaliseHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.endsWith('.')) h = h.slice(0, -1);
  return h;
}

/** Host names that always mean this machine or the cloud metadata service, whatever DNS says. */
const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata.goog']);

/**
 * Why a host as written in a URL (a name or an IP literal) is blocked before any DNS lookup,
 * or undefined when only resolving it can tell. `localhost` and `*.localhost` are loopback
 * (RFC 6761), `metadata.google.internal` is cloud metadata.
 * @example hostBlockReason('[::1]') // 'loopback'
 */
export function hostBlockReason(host: string): BlockReason | undefined {
  const h = normaliseHost(host);
  if (h === 'localhost' || h.endsWith('.localhost')) return 'loopback';
  if (METADATA_HOSTS.has(h)) return 'cloud metadata';
  return bytesOf(h.replace(/%[^%]*$/, '')) ? blockReason(h) : undefined;
}

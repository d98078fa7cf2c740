import { describe, expect, it } from 'vitest';
import { blockReason, createAddressPolicy, embeddedIPv4 } from '../../src/adapters/http/address-policy.js';

describe('blockReason', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.10.10', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['100.64.0.1', 'shared (CGNAT)'],
    ['100.127.255.255', 'shared (CGNAT)'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['169.254.169.254', 'cloud metadata'],
    ['fd00:ec2::254', 'cloud metadata'],
    ['100.100.100.200', 'cloud metadata'],
    // IPv6 forms that reach an IPv4 host
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'cloud metadata'],
    ['::ffff:a9fe:a9fe', 'cloud metadata'],
    ['::10.0.0.1', 'private'],
    ['64:ff9b::192.168.0.1', 'private'],
    ['2002:7f00:1::', 'loopback'],
    ['not-an-ip', 'reserved'],
  ])('%s is %s', (address, reason) => {
    expect(blockReason(address)).toBe(reason);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '11.0.0.1',
  ])('%s is public', (address) => {
    expect(blockReason(address)).toBeUndefined();
  });
});

describe('embeddedIPv4', () => {
  it('extracts mapped, compatible, NAT64 and 6to4 addresses', () => {
    expect(embeddedIPv4('::ffff:1.2.3.4')).toBe('1.2.3.4');
    expect(embeddedIPv4('::ffff:0102:0304')).toBe('1.2.3.4');
    expect(embeddedIPv4('64:ff9b::0102:0304')).toBe('1.2.3.4');
    expect(embeddedIPv4('2002:0102:0304::1')).toBe('1.2.3.4');
    expect(embeddedIPv4('::1')).toBeUndefined();
    expect(embeddedIPv4('2001:db8::1')).toBeUndefined();
  });
});

describe('createAddressPolicy', () => {
  it('blocks by default and allows public addresses', () => {
    const policy = createAddressPolicy([]);
    expect(policy.check('localhost', '127.0.0.1')).toEqual({ allowed: false, reason: 'loopback' });
    expect(policy.check('example.com', '93.184.216.34')).toEqual({ allowed: true });
  });

  it('allows exact IPs, CIDR ranges (also through IPv4-mapped forms) and host names', () => {
    const policy = createAddressPolicy(['127.0.0.1', '10.0.0.0/8', 'fd00::/8', 'LOCALHOST.']);
    expect(policy.check('x', '127.0.0.1').allowed).toBe(true);
    expect(policy.check('x', '::ffff:127.0.0.1').allowed).toBe(true);
    expect(policy.check('x', '127.0.0.2').allowed).toBe(false);
    expect(policy.check('x', '10.20.30.40').allowed).toBe(true);
    expect(policy.check('x', 'fd12::1').allowed).toBe(true);
    expect(policy.check('localhost', '::1').allowed).toBe(true);
    expect(policy.hostAllowed('localhost')).toBe(true);
  });

  it('matches *.suffix wildcards on subdomains only', () => {
    const policy = createAddressPolicy(['*.internal.example.com']);
    expect(policy.hostAllowed('api.internal.example.com')).toBe(true);
    expect(policy.hostAllowed('a.b.internal.example.com')).toBe(true);
    expect(policy.hostAllowed('internal.example.com')).toBe(false);
    expect(policy.hostAllowed('evilinternal.example.com')).toBe(false);
    expect(policy.check('api.internal.example.com', '10.0.0.5').allowed).toBe(true);
  });

  it('opens cloud metadata addresses only by address, never by host name', () => {
    expect(createAddressPolicy(['metadata.internal']).check('metadata.internal', '169.254.169.254')).toEqual({
      allowed: false,
      reason: 'cloud metadata',
    });
    expect(
      createAddressPolicy(['169.254.169.254']).check('metadata.internal', '169.254.169.254').allowed,
    ).toBe(true);
  });

  it('rejects malformed CIDR entries with the entry named', () => {
    expect(() => createAddressPolicy(['10.0.0.0/99'])).toThrow(/http\.allow entry "10\.0\.0\.0\/99"/);
    expect(() => createAddressPolicy(['nope/8'])).toThrow(/not an IP address/);
  });
});

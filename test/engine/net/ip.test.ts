import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { canonicalIp, ipScope, ipSortKey, ipToBigInt, parseNetwork, rangeSortKeys, v4Value } from '../../../src-main/engine/net/ip';
import { random } from '../store/generated-case';

describe('canonicalIp', () => {
  it.each([
    ['1.2.3.4', '1.2.3.4'],
    ['  203.0.113.7 \t', '203.0.113.7'],
    ['::ffff:1.2.3.4', '1.2.3.4'],
    ['::FFFF:10.0.0.1', '10.0.0.1'],
    ['::ffff:0102:0304', '1.2.3.4'],
    ['[2001:db8::1]', '2001:db8::1'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0001:0000:0000:0001', '2001:db8::1:0:0:1'], // the first of two equal zero runs
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // a single zero group is not compressed
    ['fe80::1%eth0', 'fe80::1'],
    ['::', '::'],
    ['0:0:0:0:0:0:0:1', '::1'],
  ])('%j -> %j', (raw, canonical) => {
    expect(canonicalIp(raw)).toBe(canonical);
  });

  it.each(['', 'garbage', '1.2.3', '1.2.3.256', '01.2.3.4', '127.1', '0x7f.0.0.1', '2130706433', '1.2.3.4/24', ':::', '1:2:3:4:5:6:7:8:9',
    'rip=1.2.3.4', '\u0000\u0001\uFFFD', 'x'.repeat(10_000)])('refuses %j', (raw) => {
    expect(canonicalIp(raw)).toBeNull();
  });

  it('refuses values that are not strings', () => {
    expect(canonicalIp(null as unknown as string)).toBeNull();
  });

  it('agrees with ipaddr.js on random addresses in any spelling', () => {
    const rnd = random(11);
    for (let i = 0; i < 2000; i++) {
      const bytes = Array.from({ length: i % 2 ? 16 : 4 }, () => Math.floor(rnd() * 256));
      const address = ipaddr.fromByteArray(bytes);
      const expected = ipaddr.process(address.toString()).toString();
      const spellings = address.kind() === 'ipv6' ? [(address as ipaddr.IPv6).toNormalizedString().toUpperCase(), address.toString()] : [address.toString(), `::ffff:${address}`];
      for (const s of spellings) expect(canonicalIp(s), s).toBe(expected);
    }
  });
});

describe('v4Value', () => {
  it('reads exactly the canonical dotted quads, as the strict pattern does', () => {
    const octet = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
    const strict = new RegExp(`^${octet}(?:\\.${octet}){3}$`);
    const rnd = random(5);
    const alphabet = '0123456789....2501 x:';
    let accepted = 0;
    for (let i = 0; i < 50_000; i++) {
      const text = Array.from({ length: 5 + Math.floor(rnd() * 12) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
      const value = v4Value(text);
      expect(value >= 0, text).toBe(strict.test(text));
      if (value >= 0) {
        accepted++;
        expect(value, text).toBe(Number(ipToBigInt(text)));
      }
    }
    expect(accepted).toBeGreaterThan(20);
    expect(v4Value('255.255.255.255')).toBe(2 ** 32 - 1);
    expect(v4Value('0.0.0.0')).toBe(0);
  });
});

describe('ipScope', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['2a01:4f8::1', 'public'],
    ['2002:c000:204::1', 'public'], // 6to4: a real host behind it
    ['10.1.2.3', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['::ffff:192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.200', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['2001:db8::1', 'documentation'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['240.0.0.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['not an ip', 'reserved'],
  ])('%s is %s', (ip, scope) => {
    expect(ipScope(ip)).toBe(scope);
  });

  it('agrees with ipaddr.js range() for random IPv4 addresses outside documentation nets', () => {
    const rnd = random(5);
    const documentation = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'].map((c) => ipaddr.IPv4.parseCIDR(c));
    const publicRanges = new Set(['unicast', 'as112', 'amt']);
    for (let i = 0; i < 50_000; i++) {
      // Bias towards the low and high ends, where the special ranges are.
      const first = rnd() < 0.5 ? Math.floor(rnd() * 256) : [0, 10, 100, 127, 169, 172, 192, 198, 224, 240, 255][i % 11];
      const address = new ipaddr.IPv4([first, Math.floor(rnd() * 256), Math.floor(rnd() * 256), Math.floor(rnd() * 256)]);
      if (documentation.some((d) => address.match(d))) continue;
      const range = address.range();
      const scope = ipScope(address.toString());
      if (publicRanges.has(range)) expect(scope, address.toString()).toBe('public');
      else expect(scope, `${address} (${range})`).not.toBe('public');
    }
  });
});

describe('ipSortKey', () => {
  it('orders addresses numerically, IPv4 before IPv6', () => {
    const rnd = random(3);
    const ips = Array.from({ length: 500 }, (_, i) =>
      ipaddr.fromByteArray(Array.from({ length: i % 3 ? 4 : 16 }, () => Math.floor(rnd() * (i % 5 ? 256 : 3)))).toString(),
    ).map((ip) => canonicalIp(ip)!);
    const compareKeys = (a: Uint8Array, b: Uint8Array): number => {
      for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
      return a.length - b.length;
    };
    const byKey = [...ips].sort((a, b) => compareKeys(ipSortKey(a), ipSortKey(b)));
    const byNumber = [...ips].sort((a, b) => {
      const va = a.includes(':') ? 6 : 4;
      const vb = b.includes(':') ? 6 : 4;
      if (va !== vb) return va - vb;
      const na = ipToBigInt(a);
      const nb = ipToBigInt(b);
      return na < nb ? -1 : na > nb ? 1 : 0;
    });
    expect(byKey).toEqual(byNumber);
  });

  it('gives network bounds that enclose exactly the network', () => {
    const network = parseNetwork('10.20.0.0/16')!;
    const [start, end] = rangeSortKeys(network.version, network.start, network.end);
    expect([...start]).toEqual([...ipSortKey('10.20.0.0')]);
    expect([...end]).toEqual([...ipSortKey('10.20.255.255')]);
  });
});

describe('parseNetwork', () => {
  it('reads addresses and networks, v4 and v6, as numeric ranges', () => {
    expect(parseNetwork('10.0.0.0/8')).toEqual({ version: 4, start: 0x0a000000n, end: 0x0affffffn, text: '10.0.0.0/8' });
    expect(parseNetwork('1.2.3.4/24')).toMatchObject({ start: 0x01020300n, end: 0x010203ffn, text: '1.2.3.0/24' });
    expect(parseNetwork(' 45.1.2.3 ')).toMatchObject({ version: 4, start: 0x2d010203n, end: 0x2d010203n, text: '45.1.2.3' });
    expect(parseNetwork('2001:DB8::/32')).toMatchObject({ version: 6, start: 0x20010db8n << 96n, end: (0x20010db8n << 96n) | ((1n << 96n) - 1n) });
    expect(parseNetwork('::ffff:10.0.0.0/104')).toMatchObject({ version: 4, start: 0x0a000000n, end: 0x0affffffn });
  });

  it.each(['10.0.0.0/33', '2001:db8::/129', 'x/8', '10.0.0.0/', '10.0.0.0/-1', '10.0.0.0/8/8', ''])('refuses %j', (raw) => {
    expect(parseNetwork(raw)).toBeNull();
  });
});

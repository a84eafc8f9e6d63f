// IP address text as it appears in logs -> one canonical spelling per address, and what kind of
// address it is. Called once per distinct IP during ingest and per search term in queries.
import ipaddr from 'ipaddr.js';
import { normalizeCidr, parseCidr } from 'cidr-tools';

export type IpVersion = 4 | 6;

/**
 * What an address is. Only `public` addresses are geolocated; the rest are marked so that the
 * analyst sees "this came from inside" instead of a wrong country.
 */
export type IpScope =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'cgnat'
  | 'documentation'
  | 'multicast'
  | 'broadcast'
  | 'unspecified'
  | 'reserved';

// Caches are cleared when full rather than evicted one by one: a log rarely has more distinct
// addresses than this, and clearing keeps memory bounded when a hostile log has millions.
const CACHE_LIMIT = 200_000;
const ZERO = 48; // '0'
const DOT = 46; // '.'
const canonicalCache = new Map<string, string | null>();
const scopeCache = new Map<string, IpScope>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * The canonical text of an IP address, or null when `raw` is not one.
 * IPv4 is dotted decimal without leading zeros; IPv4-mapped IPv6 (`::ffff:1.2.3.4`) becomes IPv4;
 * IPv6 is RFC 5952 (compressed, lower case). Surrounding blanks and brackets are dropped, so is a zone.
 * Shorthands that ipaddr.js would accept but no log means (`127.1`, `0x7f.0.0.1`, `2130706433`) are refused.
 */
export function canonicalIp(raw: string): string | null {
  if (typeof raw !== 'string') return null;
  // Most addresses in a log are dotted decimal already canonical: checking its characters costs less than
  // looking the text up in a cache of tens of thousands (a few cache misses in memory).
  if (v4Value(raw) >= 0) return raw;
  const cached = canonicalCache.get(raw);
  if (cached !== undefined || canonicalCache.has(raw)) return cached ?? null;
  return remember(canonicalCache, raw, computeCanonical(raw));
}

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const MAPPED_QUAD = new RegExp(`^::ffff:(${OCTET}(?:\\.${OCTET}){3})$`, 'i');

/**
 * The IPv6 address parsed last, by its canonical text: a new address's canonical form, scope and sort key are
 * asked for one after the other, and each parse by ipaddr.js costs microseconds.
 */
let lastV6: { canonical: string; address: ipaddr.IPv6 } | null = null;

function parsedV6(canonical: string): ipaddr.IPv6 {
  if (lastV6 !== null && lastV6.canonical === canonical) return lastV6.address;
  const address = ipaddr.IPv6.parse(canonical);
  lastV6 = { canonical, address };
  return address;
}

function computeCanonical(raw: string): string | null {
  let text = raw.trim();
  if (text.length > 64) return null; // longest IPv6 text with a zone is well below this
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  // Dotted decimal without leading zeros is already canonical. Tested here because ipaddr.js's own checks
  // work by throwing, which costs microseconds per address.
  if (v4Value(text) >= 0) return text;
  const mapped = MAPPED_QUAD.exec(text);
  if (mapped) return mapped[1];
  const zone = text.indexOf('%');
  if (zone > 0) text = text.slice(0, zone);
  if (!text.includes(':')) return null;
  // One parse, rather than isValid (which parses) and then parse: text with a colon is nearly always an address.
  let v6: ipaddr.IPv6;
  try {
    v6 = ipaddr.IPv6.parse(text);
  } catch {
    return null;
  }
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  const canonical = v6.toRFC5952String();
  lastV6 = { canonical, address: v6 };
  return canonical;
}

function parseCanonical(canonical: string): ipaddr.IPv4 | ipaddr.IPv6 {
  return canonical.includes(':') ? parsedV6(canonical) : ipaddr.IPv4.parse(canonical);
}

/** 4 or 6 for a canonical address (as returned by canonicalIp). */
export function ipVersion(canonical: string): IpVersion {
  return canonical.includes(':') ? 6 : 4;
}

const DOCUMENTATION: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [
  '192.0.2.0/24',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '2001:db8::/32',
  '3fff::/20',
].map((cidr) => ipaddr.parseCIDR(cidr));

// ipaddr.js range names -> our scopes. Ranges not listed here (unicast, 6to4, teredo, as112, amt)
// are globally reachable hosts, so they are public.
const SCOPE_OF_RANGE: Record<string, IpScope> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'cgnat',
  private: 'private',
  uniqueLocal: 'private',
  deprecatedSiteLocal: 'private',
  reserved: 'reserved',
  benchmarking: 'reserved',
  discard: 'reserved',
  rfc6145: 'reserved',
  rfc6052: 'reserved',
  orchid2: 'reserved',
  deprecatedOrchid: 'reserved',
  droneRemoteIdProtocolEntityTags: 'reserved',
  segmentRouting: 'reserved',
  ipv4Mapped: 'reserved',
};

/** The scope of an address (any spelling canonicalIp accepts); `reserved` for text that is no address. */
export function ipScope(ip: string): IpScope {
  // A canonical dotted quad (most new addresses) is classified faster than it is looked up in the cache.
  const v4 = v4Value(ip);
  if (v4 >= 0) return v4Scope(v4);
  const cached = scopeCache.get(ip);
  if (cached) return cached;
  return remember(scopeCache, ip, computeScope(ip));
}

function computeScope(ip: string): IpScope {
  const canonical = canonicalIp(ip);
  if (canonical === null) return 'reserved';
  if (!canonical.includes(':')) return v4Scope(v4Number(canonical));
  const address = parsedV6(canonical);
  for (const range of DOCUMENTATION) {
    if (range[0].kind() === 'ipv6' && address.match(range)) return 'documentation';
  }
  return SCOPE_OF_RANGE[address.range()] ?? 'public';
}

// ipaddr.js's matcher costs microseconds per address and scope is asked for every new address, so IPv4
// ranges (ipaddr.js's own table, documentation nets first) are turned into integer bounds once.
type V4Range = { start: number; end: number; scope: IpScope };
const V4_RANGES: V4Range[] = buildV4Ranges();

function buildV4Ranges(): V4Range[] {
  const out: V4Range[] = [];
  const add = (address: ipaddr.IPv4, bits: number, scope: IpScope): void => {
    const size = 2 ** (32 - bits);
    const start = Math.floor(v4Number(address.toString()) / size) * size;
    out.push({ start, end: start + size - 1, scope });
  };
  for (const [address, bits] of DOCUMENTATION) if (address.kind() === 'ipv4') add(address as ipaddr.IPv4, bits, 'documentation');
  type Subnet = [ipaddr.IPv4, number];
  const table = (ipaddr.IPv4.prototype as unknown as { SpecialRanges: Record<string, Subnet | Subnet[]> }).SpecialRanges;
  for (const [name, subnets] of Object.entries(table)) {
    const list = (Array.isArray(subnets[0]) ? subnets : [subnets]) as Subnet[];
    for (const [address, bits] of list) add(address, bits, SCOPE_OF_RANGE[name] ?? 'public');
  }
  return out;
}

function v4Scope(value: number): IpScope {
  for (const range of V4_RANGES) if (value >= range.start && value <= range.end) return range.scope;
  return 'public';
}

function v4Number(dotted: string): number {
  const value = v4Value(dotted);
  if (value >= 0) return value;
  const [a, b, c, d] = dotted.split('.').map(Number);
  return ((a * 256 + b) * 256 + c) * 256 + d;
}

/**
 * The value of a canonical dotted quad (four decimal octets 0-255, no leading zeros, nothing else), or -1
 * for any other text. Hand-written (no regex, no split) because it runs several times for every new address:
 * its canonical form, its scope and its sort key.
 */
export function v4Value(text: string): number {
  const n = text.length;
  if (n < 7 || n > 15) return -1;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : DOT;
    if (c === DOT) {
      if (digits === 0 || octet > 255 || ++parts > 4) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else {
      const d = c - ZERO;
      if (d < 0 || d > 9 || (digits === 1 && octet === 0)) return -1; // not a digit, or a leading zero
      octet = octet * 10 + d;
      digits++;
    }
  }
  return parts === 4 ? value : -1;
}

/**
 * A byte string whose byte order is the numeric address order, IPv4 before IPv6:
 * [4, a, b, c, d] or [6, 16 bytes]. Stored as a BLOB, so SQLite sorts and range-compares addresses.
 */
export function ipSortKey(canonical: string): Uint8Array {
  if (!canonical.includes(':')) {
    const value = v4Number(canonical);
    return Uint8Array.of(4, value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255);
  }
  return Uint8Array.from([6, ...parsedV6(canonical).toByteArray()]);
}

/** The sort key of the first and last address of a network (from a bigint range). */
export function rangeSortKeys(version: IpVersion, start: bigint, end: bigint): [Uint8Array, Uint8Array] {
  return [bigintKey(version, start), bigintKey(version, end)];
}

function bigintKey(version: IpVersion, value: bigint): Uint8Array {
  const size = version === 4 ? 4 : 16;
  const key = new Uint8Array(size + 1);
  key[0] = version;
  for (let i = size; i >= 1; i--) {
    key[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return key;
}

/** The address as an unsigned integer. */
export function ipToBigInt(canonical: string): bigint {
  let value = 0n;
  for (const byte of parseCanonical(canonical).toByteArray()) value = (value << 8n) | BigInt(byte);
  return value;
}

export interface IpRange {
  version: IpVersion;
  start: bigint;
  end: bigint;
  /** The network as written canonically, `1.2.3.0/24` or a single address. */
  text: string;
}

/**
 * An address or CIDR network (v4 or v6) as a numeric range, or null when `raw` is neither.
 * A host-bits-set CIDR (`1.2.3.4/24`) means its whole network, as firewalls read it.
 */
export function parseNetwork(raw: string): IpRange | null {
  const text = raw.trim();
  const slash = text.indexOf('/');
  if (slash < 0) {
    const canonical = canonicalIp(text);
    if (canonical === null) return null;
    const value = ipToBigInt(canonical);
    return { version: ipVersion(canonical), start: value, end: value, text: canonical };
  }
  const address = canonicalIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (address === null || !/^\d{1,3}$/.test(prefixText)) return null;
  let prefix = Number(prefixText);
  // `::ffff:10.0.0.0/104` is how IPv4-mapped networks are written; canonicalIp has made the address IPv4.
  if (ipVersion(address) === 4 && text.slice(0, slash).includes(':')) prefix -= 96;
  const version = ipVersion(address);
  if (prefix < 0 || prefix > (version === 4 ? 32 : 128)) return null;
  const network = `${address}/${prefix}`;
  const { start, end } = parseCidr(network);
  return { version, start, end, text: normalizeCidr(network, { compress: true }) };
}

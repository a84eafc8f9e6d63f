// Public IPv4 and IPv6 addresses for attackers and users. Attackers must never come from private or
// reserved space (ipaddr.js says which ranges those are), and each address is handed out once.
import ipaddr from 'ipaddr.js';
import { cumulate, type Random } from './random';

/**
 * Allocated IPv6 /32s of hosters and access providers in many regions (Hetzner, OVH, DigitalOcean,
 * Vultr, China Telecom, Deutsche Telekom, Comcast, Claro...), so that IPv6 attackers locate to a country.
 */
const IPV6_PREFIXES = [
  '2a01:4f8', '2a01:4f9', '2001:41d0', '2604:a880', '2400:6180', '2001:19f0', '240e:3b0', '2408:8207',
  '2003:e2', '2601:600', '2804:14c', '2a02:c7c', '2001:ee0', '2402:800', '2405:201', '2a00:1370',
  '2c0f:f248', '2a0b:7280', '2600:3c00', '2a03:b0c0',
];

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * First octets by regional registry, weighted towards where attacks come from and towards the /8s that
 * registries split among many countries (103 and 185, Africa, Latin America), so that a few thousand
 * attackers land in well over a hundred countries rather than mostly in the US.
 */
const REGIONS: [octets: number[], weight: number][] = [
  // APNIC
  [[1, 14, 27, 36, 39, 42, 43, 49, 58, 59, 60, 61, 101, 103, 103, 103, 106, ...range(110, 126), 133, 150, 153, 163, 171, 175, 180, 182, 183, 202, 203, 210, 211, ...range(218, 223)], 0.32],
  // RIPE NCC
  [[2, 5, 31, 37, 46, 62, ...range(77, 95), 109, 141, 145, 151, 176, 178, 185, 185, 185, 188, 193, 194, 195, 212, 213, 217], 0.3],
  // ARIN
  [[23, 24, 38, 45, 47, 50, ...range(63, 76), ...range(96, 100), 104, 107, 108, 162, ...range(166, 174), 184, 192, 198, 199, ...range(204, 209), 216], 0.16],
  // LACNIC
  [[177, 179, 181, 186, 187, 189, 190, 191, 200, 201], 0.12],
  // AFRINIC
  [[41, 102, 105, 154, 196, 197], 0.1],
];

export function isPublic(text: string): boolean {
  return ipaddr.parse(text).range() === 'unicast';
}

export class AddressPool {
  private readonly used = new Set<string>();

  private readonly regionWeights = cumulate(REGIONS.map(([, w]) => w));

  constructor(private readonly random: Random) {}

  private firstOctet(): number {
    return this.random.pick(REGIONS[this.random.weighted(this.regionWeights)][0]);
  }

  /** Marks an address as taken (users' addresses must not turn up as attackers). */
  reserve(ip: string): void {
    this.used.add(ip);
  }

  ipv4(): string {
    for (;;) {
      const r = this.random;
      const ip = `${this.firstOctet()}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;
      if (!this.used.has(ip) && isPublic(ip)) {
        this.used.add(ip);
        return ip;
      }
    }
  }

  /** `count` addresses of one /24, as a hosting customer or a compromised subnet would have. */
  ipv4Cluster(count: number): string[] {
    const base = this.ipv4().split('.').slice(0, 3).join('.');
    const out: string[] = [];
    for (let tries = 0; out.length < count && tries < count * 20; tries++) {
      const ip = `${base}.${this.random.int(1, 254)}`;
      if (!this.used.has(ip)) {
        this.used.add(ip);
        out.push(ip);
      }
    }
    return out;
  }

  ipv6(): string {
    for (;;) {
      const r = this.random;
      const net = `${r.pick(IPV6_PREFIXES)}:${r.hex(r.int(1, 4))}:${r.hex(r.int(1, 4))}`;
      const text = r.chance(0.5) ? `${net}::${r.hex(r.int(1, 3))}` : `${net}:${r.hex(4)}:${r.hex(4)}:${r.hex(4)}:${r.hex(4)}`;
      // ipaddr.js writes the canonical (RFC 5952) form, as the parser will.
      const ip = ipaddr.parse(text).toString();
      if (!this.used.has(ip) && isPublic(ip)) {
        this.used.add(ip);
        return ip;
      }
    }
  }

  /** An address inside the server's own network, for users in the office. */
  privateIpv4(): string {
    for (;;) {
      const ip = this.random.chance(0.5) ? `192.168.1.${this.random.int(20, 250)}` : `10.0.${this.random.int(0, 3)}.${this.random.int(2, 250)}`;
      if (!this.used.has(ip)) {
        this.used.add(ip);
        return ip;
      }
    }
  }
}

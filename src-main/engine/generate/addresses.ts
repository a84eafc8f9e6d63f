// Public IPv4 and IPv6 addresses for attackers and users. Attackers must never come from private or
// reserved space (ipaddr.js says which ranges those are), and each address is handed out once.
import ipaddr from 'ipaddr.js';
import type { Random } from './random';

/**
 * Allocated IPv6 /32s of hosters and access providers in many regions (Hetzner, OVH, DigitalOcean,
 * Vultr, China Telecom, Deutsche Telekom, Comcast, Claro...), so that IPv6 attackers locate to a country.
 */
const IPV6_PREFIXES = [
  '2a01:4f8', '2a01:4f9', '2001:41d0', '2604:a880', '2400:6180', '2001:19f0', '240e:3b0', '2408:8207',
  '2003:e2', '2601:600', '2804:14c', '2a02:c7c', '2001:ee0', '2402:800', '2405:201', '2a00:1370',
  '2c0f:f248', '2a0b:7280', '2600:3c00', '2a03:b0c0',
];

function isPublic(text: string): boolean {
  return ipaddr.parse(text).range() === 'unicast';
}

export class AddressPool {
  private readonly used = new Set<string>();

  constructor(private readonly random: Random) {}

  /** Marks an address as taken (users' addresses must not turn up as attackers). */
  reserve(ip: string): void {
    this.used.add(ip);
  }

  ipv4(): string {
    for (;;) {
      const r = this.random;
      const ip = `${r.int(1, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;
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

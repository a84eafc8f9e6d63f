// Deterministic attack data for renderer tests and the screenshot harness: months of background noise
// from a few hundred persistent IPs plus a short swarm of many IPs that mostly try once.
import type { FakeAttempt } from './fakes';

/** A small seeded PRNG (mulberry32), so every run builds the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNTRIES = ['CN', 'US', 'IN', 'RU', 'BR', 'VN', 'DE', 'ID', 'KR', 'FR', 'NL', 'GB', 'TR', 'IR', 'UA', 'PK', 'BG', 'AR', 'MX', 'TH'];
const USERS = ['admin', 'info', 'test', 'support', 'sales', 'office', 'webmaster', 'contact', 'user', 'postmaster', 'mail', 'root'];
const PASSWORDS = ['123456', 'password', 'admin', 'qwerty', '12345678', 'info123', 'Passw0rd', 'letmein', '111111', 'welcome'];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function dayAfter(start: string, offset: number): string {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

export interface AttackShape {
  seed?: number;
  firstDay?: string;
  days?: number;
  backgroundIps?: number;
  backgroundAttempts?: number;
  swarmStartDay?: number;
  swarmIps?: number;
}

export function generateAttacks(shape: AttackShape = {}): FakeAttempt[] {
  const random = seededRandom(shape.seed ?? 7);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
  const firstDay = shape.firstDay ?? '2023-01-15';
  const days = shape.days ?? 320;
  const attempts: FakeAttempt[] = [];
  const stamp = (dayOffset: number): string =>
    `${dayAfter(firstDay, dayOffset)} ${pad(Math.floor(random() * 24))}:${pad(Math.floor(random() * 60))}:${pad(Math.floor(random() * 60))}`;

  const background = Array.from({ length: shape.backgroundIps ?? 300 }, (_, i) => ({
    ip: `${11 + (i % 200)}.${(i * 7) % 256}.${(i * 13) % 256}.${(i % 250) + 1}`,
    country: i % 17 === 0 ? null : pick(COUNTRIES),
  }));
  for (let i = 0; i < (shape.backgroundAttempts ?? 3000); i++) {
    const source = pick(background);
    attempts.push({ ts: stamp(Math.floor(random() * days)), ip: source.ip, country: source.country, user: pick(USERS), password: pick(PASSWORDS) });
  }

  const swarmStart = shape.swarmStartDay ?? Math.floor(days * 0.8);
  for (let i = 0; i < (shape.swarmIps ?? 900); i++) {
    const ip = `203.${Math.floor(i / 250)}.${(i * 31) % 256}.${(i % 250) + 1}`;
    const country = pick(COUNTRIES);
    const tries = random() < 0.66 ? 1 : 1 + Math.floor(random() * 4);
    for (let t = 0; t < tries; t++) {
      attempts.push({ ts: stamp(swarmStart + Math.floor(random() * 3)), ip, country, user: pick(USERS), password: pick(PASSWORDS) });
    }
  }
  return attempts.sort((a, b) => a.ts.localeCompare(b.ts));
}

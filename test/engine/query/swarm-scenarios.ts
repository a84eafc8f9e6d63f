// Scenarios for the incident detector: a server's background of attempts (a daily and a weekly rhythm, addresses
// that come back, a few that hammer and the threshold catches, small bursts) with swarms of known start and end
// put in, as attempt records. Everything is drawn from a seeded generator, so a scenario is the same on every run.
import type { AttemptRecord } from '../../../src-main/engine/parse/types';
import { CaseStore } from '../../../src-main/engine/store/case-store';

const HOUR = 3600;
const DAY = 24 * HOUR;

export interface BackgroundOptions {
  /** First day, `YYYY-MM-DD`. */
  start: string;
  days: number;
  /** Visits of attackers per hour on average (an address trying 1 to 3 times within minutes): about the usual addresses an hour. */
  visitsPerHour: number;
  /** Addresses that hammer for hours now and then (the threshold catches them). Default 3. */
  hammerers?: number;
  /** From this day on, the background is `factor` times as busy, for good: a new normal. */
  step?: { day: number; factor: number };
  /** The background grows steadily, to this many times its first day's on its last day. */
  growth?: number;
  /** Days without any log line: `days` whole days from `day` on. */
  gap?: { day: number; days: number };
}

export interface SwarmSpec {
  /** Hours from the case's first midnight. */
  startHour: number;
  hours: number;
  ips: number;
  attempts: number;
  /** Share of its addresses that try once. Default 2/3. */
  oneShotShare?: number;
}

export interface Scenario {
  attempts: AttemptRecord[];
  /** Each swarm's window: the start of its first hour and the end of its last, in seconds. */
  swarms: { start: number; end: number }[];
  /** The case's first midnight, in seconds. */
  start: number;
}

/** mulberry32: small, fast and the same everywhere. */
function randomOf(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(random: () => number, mean: number): number {
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** A scenario's attempts, in time order, with its swarms' true windows. */
export function scenario(seed: number, background: BackgroundOptions, swarms: SwarmSpec[] = []): Scenario {
  const random = randomOf(seed);
  const start = Date.parse(`${background.start}T00:00:00Z`) / 1000;
  const attempts: AttemptRecord[] = [];
  let addresses = 0;
  // Public addresses, each new one different from all before it.
  const newAddress = (): string => {
    const n = addresses++;
    return `${20 + Math.floor(n / 65536)}.${(n >> 8) & 255}.${n & 255}.${1 + (n % 250)}`;
  };
  const users = ['admin', 'info', 'test', 'sales', 'office', 'support', 'user', 'mail'];
  const attempt = (ts: number, ip: string): void => {
    attempts.push({ ts: Math.floor(ts), ip, user: users[Math.floor(random() * users.length)], password: null, service: 'imap', line: 0 });
  };
  const returning: string[] = Array.from({ length: 300 }, newAddress);

  for (let day = 0; day < background.days; day++) {
    const growth = 1 + ((background.growth ?? 1) - 1) * (day / Math.max(1, background.days - 1));
    const factor = (background.step && day >= background.step.day ? background.step.factor : 1) * growth;
    const weekday = new Date((start + day * DAY) * 1000).getUTCDay();
    const weekly = weekday === 0 || weekday === 6 ? 0.8 : 1.05;
    for (let hour = 0; hour < 24; hour++) {
      // Busiest in the afternoon (UTC), quietest before dawn.
      const daily = 1 + 0.35 * Math.sin((2 * Math.PI * (hour - 9)) / 24);
      const visits = poisson(random, background.visitsPerHour * factor * weekly * daily);
      for (let v = 0; v < visits; v++) {
        const ip = random() < 0.3 ? returning[Math.floor(random() * returning.length)] : newAddress();
        const ts = start + day * DAY + hour * HOUR + random() * HOUR;
        const tries = 1 + Math.floor(random() * 3);
        for (let t = 0; t < tries; t++) attempt(ts + t * 40 * random(), ip);
      }
    }
    // Now and then a small burst of a dozen addresses: background too, not a swarm.
    if (random() < 0.2) {
      const at = start + day * DAY + random() * (DAY - HOUR);
      for (let i = 8 + Math.floor(random() * 8); i > 0; i--) attempt(at + random() * HOUR, newAddress());
    }
  }
  for (let h = background.hammerers ?? 3; h > 0; h--) {
    const ip = newAddress();
    for (let day = 0; day < background.days; day += 1 + Math.floor(random() * 6)) {
      const from = start + day * DAY + random() * 20 * HOUR;
      const length = HOUR + random() * 2 * HOUR;
      for (let t = 0; t < length; t += 20) attempt(from + t, ip);
    }
  }
  const windows = swarms.map((s) => {
    const from = start + s.startHour * HOUR;
    const to = from + s.hours * HOUR;
    const oneShot = Math.round(s.ips * (s.oneShotShare ?? 2 / 3));
    const multi = s.ips - oneShot;
    // The rest of the attempts spread over the addresses that try more than once, each at least twice.
    let extra = Math.max(0, s.attempts - oneShot - 2 * multi);
    for (let i = 0; i < s.ips; i++) {
      const ip = newAddress();
      let tries = 1;
      if (i >= oneShot) {
        const share = i === s.ips - 1 ? extra : Math.min(extra, Math.floor((random() * 2 * extra) / Math.max(1, s.ips - i)));
        extra -= share;
        tries = 2 + share;
      }
      // Spread over the whole window, as a botnet's addresses come and go: each try on its own.
      for (let t = 0; t < tries; t++) attempt(from + random() * (to - from), ip);
    }
    return { start: from, end: to };
  });
  const gap = background.gap;
  const kept = gap
    ? attempts.filter((a) => a.ts < start + gap.day * DAY || a.ts >= start + (gap.day + gap.days) * DAY)
    : attempts;
  kept.sort((a, b) => a.ts - b.ts);
  return { attempts: kept, swarms: windows, start };
}

/** A case holding a scenario's attempts, as one source. */
export async function storeOfScenario(s: Scenario): Promise<CaseStore> {
  const store = await CaseStore.create();
  const id = store.beginSource({ path: '/var/log/mail.log', encoding: 'plain', headHash: 'scenario', mtime: 1_700_000_000_000 });
  store.addAttempts(id, s.attempts);
  return store;
}

/** The mail server of the motivating case: some 86 tries a day from two or three addresses an hour. */
const QUIET = 2;
/** A busy server: some 40 addresses an hour. */
const BUSY = 40;

export interface NamedScenario {
  name: string;
  seed: number;
  background: BackgroundOptions;
  swarms: SwarmSpec[];
  /**
   * Its swarms add no more addresses an hour than the background's own hour-to-hour spread (two or three an
   * hour on a quiet server): they need not be found, but nothing else may be.
   */
  belowNoise?: true;
}

/** A swarm of `ipsPerHour` new addresses an hour for `hours` hours, trying 1.6 times each on average. */
function swarmOf(startHour: number, hours: number, ipsPerHour: number): SwarmSpec {
  const ips = Math.round(ipsPerHour * hours);
  return { startHour, hours, ips, attempts: Math.round(ips * 1.6) };
}

const day = (d: number, hour = 0): number => d * 24 + hour;

/** The scenarios the detector is measured on; each swarm's start and end are the truth its incident is held to. */
export const SCENARIOS: NamedScenario[] = [
  { name: 'plain quiet background, 120 days', seed: 1, background: { start: '2024-01-01', days: 120, visitsPerHour: QUIET }, swarms: [] },
  { name: 'plain busy background, 90 days', seed: 2, background: { start: '2024-01-01', days: 90, visitsPerHour: BUSY }, swarms: [] },
  { name: '6 h thick swarm (300 IPs)', seed: 3, background: { start: '2024-01-01', days: 60, visitsPerHour: QUIET }, swarms: [{ startHour: day(30, 5), hours: 6, ips: 300, attempts: 450 }] },
  {
    name: '2.5-day swarm of the mission (3,000 attempts, 1,900 IPs)', seed: 4, background: { start: '2024-01-01', days: 120, visitsPerHour: QUIET },
    swarms: [{ startHour: day(80, 14), hours: 60, ips: 1900, attempts: 3000 }],
  },
  { name: '10-day thick swarm (25 IPs/h)', seed: 5, background: { start: '2024-01-01', days: 120, visitsPerHour: QUIET }, swarms: [swarmOf(day(60, 9), 240, 25)] },
  { name: '3-week thick swarm (25 IPs/h)', seed: 6, background: { start: '2024-01-01', days: 150, visitsPerHour: QUIET }, swarms: [swarmOf(day(70, 17), 504, 25)] },
  { name: '2.5-day thin swarm (2x quiet)', seed: 7, background: { start: '2024-01-01', days: 120, visitsPerHour: QUIET }, swarms: [swarmOf(day(80, 14), 60, QUIET)], belowNoise: true },
  { name: '10-day thin swarm (2x quiet)', seed: 8, background: { start: '2024-01-01', days: 120, visitsPerHour: QUIET }, swarms: [swarmOf(day(60, 9), 240, QUIET)], belowNoise: true },
  { name: '3-week thin swarm (2x quiet)', seed: 9, background: { start: '2024-01-01', days: 150, visitsPerHour: QUIET }, swarms: [swarmOf(day(70, 17), 504, QUIET)], belowNoise: true },
  { name: '6 h thick swarm on busy (5x)', seed: 10, background: { start: '2024-01-01', days: 60, visitsPerHour: BUSY }, swarms: [swarmOf(day(30, 5), 6, 5 * BUSY)] },
  { name: '10-day thick swarm on busy (3x)', seed: 11, background: { start: '2024-01-01', days: 90, visitsPerHour: BUSY }, swarms: [swarmOf(day(40, 9), 240, 3 * BUSY)] },
  { name: '3-week thick swarm on busy (3x)', seed: 12, background: { start: '2024-01-01', days: 100, visitsPerHour: BUSY }, swarms: [swarmOf(day(40, 17), 504, 3 * BUSY)] },
  { name: '2.5-day thin swarm on busy (2x)', seed: 13, background: { start: '2024-01-01', days: 90, visitsPerHour: BUSY }, swarms: [swarmOf(day(40, 14), 60, BUSY)] },
  { name: 'mission swarm at the very start', seed: 14, background: { start: '2024-01-01', days: 60, visitsPerHour: QUIET }, swarms: [{ startHour: 0, hours: 60, ips: 1900, attempts: 3000 }] },
  { name: 'mission swarm at the very end', seed: 15, background: { start: '2024-01-01', days: 60, visitsPerHour: QUIET }, swarms: [{ startHour: day(60) - 60, hours: 60, ips: 1900, attempts: 3000 }] },
  { name: '10-day swarm at the very start', seed: 26, background: { start: '2024-01-01', days: 90, visitsPerHour: QUIET }, swarms: [swarmOf(0, 240, 25)] },
  { name: '3-week swarm at the very end', seed: 27, background: { start: '2024-01-01', days: 90, visitsPerHour: QUIET }, swarms: [swarmOf(day(69), 504, 25)] },
  { name: '5-week swarm at the very end', seed: 31, background: { start: '2024-01-01', days: 180, visitsPerHour: QUIET }, swarms: [swarmOf(day(145), 840, 20)] },
  { name: 'two 2-week swarms a week apart', seed: 28, background: { start: '2024-01-01', days: 150, visitsPerHour: QUIET }, swarms: [swarmOf(day(50, 6), 336, 20), swarmOf(day(71, 6), 336, 20)] },
  { name: '6-week swarm', seed: 29, background: { start: '2024-01-01', days: 200, visitsPerHour: QUIET }, swarms: [swarmOf(day(80, 6), 1008, 20)] },
  { name: '5-day case with a 6 h swarm', seed: 16, background: { start: '2024-01-01', days: 5, visitsPerHour: QUIET }, swarms: [{ startHour: day(2, 10), hours: 6, ips: 300, attempts: 450 }] },
  { name: '5-day case, plain', seed: 17, background: { start: '2024-01-01', days: 5, visitsPerHour: QUIET }, swarms: [] },
  { name: 'quiet background stepping up 5x on day 60', seed: 18, background: { start: '2024-01-01', days: 120, visitsPerHour: QUIET, step: { day: 60, factor: 5 } }, swarms: [] },
  { name: 'quiet background stepping up 10x on day 60', seed: 22, background: { start: '2024-01-01', days: 120, visitsPerHour: QUIET, step: { day: 60, factor: 10 } }, swarms: [] },
  { name: 'busy background stepping up 3x on day 45', seed: 19, background: { start: '2024-01-01', days: 90, visitsPerHour: BUSY, step: { day: 45, factor: 3 } }, swarms: [] },
  {
    name: 'busy background stepping up 3x on day 45, a 2-day swarm 5 days later', seed: 23,
    background: { start: '2024-01-01', days: 90, visitsPerHour: BUSY, step: { day: 45, factor: 3 } }, swarms: [swarmOf(day(50, 8), 48, 2 * 3 * BUSY)],
  },
  {
    name: 'quiet background stepping up 5x on day 60, a 2-day swarm 4 days before', seed: 24,
    background: { start: '2024-01-01', days: 120, visitsPerHour: QUIET, step: { day: 60, factor: 5 } }, swarms: [swarmOf(day(56, 3), 48, 30)],
  },
  {
    name: 'two 4-day swarms 6 days apart', seed: 25, background: { start: '2024-01-01', days: 120, visitsPerHour: QUIET },
    swarms: [swarmOf(day(50, 10), 96, 20), swarmOf(day(60, 10), 96, 20)],
  },
  { name: 'busy background growing 4x over 200 days', seed: 30, background: { start: '2024-01-01', days: 200, visitsPerHour: BUSY / 2, growth: 4 }, swarms: [] },
  { name: '3 days without logs', seed: 20, background: { start: '2024-01-01', days: 90, visitsPerHour: QUIET, gap: { day: 40, days: 3 } }, swarms: [] },
  {
    name: '3 days without logs, mission swarm 6 h after them', seed: 21, background: { start: '2024-01-01', days: 90, visitsPerHour: QUIET, gap: { day: 40, days: 3 } },
    swarms: [{ startHour: day(43, 6), hours: 60, ips: 1900, attempts: 3000 }],
  },
];

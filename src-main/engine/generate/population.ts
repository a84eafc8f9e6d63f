// Who attacks when: background attackers across the whole range (heavy-tailed: a few persistent IPs with
// hundreds of tries, most with one to three), the swarm (many IPs, most trying once, within hours), and
// the server's real users. Only plans are made here; lines are written day by day in generator.ts.
import { AddressPool } from './addresses';
import { DAY_SECONDS } from './clock';
import { cumulate, type Random } from './random';
import { ROLE_MAILBOXES, USER_NAMES } from './vocabulary';

export type Service = 'imap' | 'pop3' | 'submission' | 'managesieve';

const SERVICES: Service[] = ['imap', 'pop3', 'submission', 'managesieve'];
const SERVICE_WEIGHTS = cumulate([55, 20, 20, 5]);

/** How an attacker spaces its connections within a day. */
export type Pace = 'burst' | 'slow' | 'scatter';

export interface Attacker {
  ip: string;
  service: Service;
  /**
   * Tries SMTP AUTH against postfix rather than dovecot's own services (in a mail.log, where postfix
   * writes; see DayBuilder.smtpConnection).
   */
  smtp: boolean;
  /** Names tried with the domain appended (`info@example.com`) rather than bare (`info`). */
  withDomain: number;
  pace: Pace;
  swarm: boolean;
}

export interface LegitUser {
  address: string;
  ips: string[];
  loginsPerDay: number;
  service: Service;
}

/** Per day index: [attacker index, tries that day]. */
export type BackgroundPlan = [number, number][][];
/** Per day index: [attacker index, time of its single-try connection]. */
export type SwarmPlan = [number, number][][];

export interface SwarmWindow {
  start: number;
  end: number;
  attempts: number;
  ips: number;
  oneShotShare: number;
}

/** Most IPs try once or a few times; P(n >= k) = k^-1.25 gives ~4 tries per IP and a tail of hundreds. */
const TAIL_ALPHA = 1.25;
const MAX_TRIES_PER_IP = 1500;

export class Population {
  readonly attackers: Attacker[] = [];
  readonly pool: AddressPool;
  // A stream of its own, so that which attackers use SMTP does not change any other draw of the plan.
  private readonly smtpRandom: Random;

  constructor(
    private readonly random: Random,
    private readonly ipv6Share: number,
    private readonly smtpShare: number,
  ) {
    this.pool = new AddressPool(random.fork('addresses'));
    this.smtpRandom = random.fork('smtp');
  }

  pickService(r: Random): Service {
    return SERVICES[r.weighted(SERVICE_WEIGHTS)];
  }

  private newAttacker(ip: string, swarm: boolean, like?: Attacker): number {
    const r = this.random;
    this.attackers.push({
      ip,
      service: like?.service ?? this.pickService(r),
      smtp: like?.smtp ?? this.smtpRandom.chance(this.smtpShare),
      withDomain: like?.withDomain ?? (swarm ? 0.9 : r.pick([0, 0.2, 0.5, 0.8, 1])),
      pace: like?.pace ?? (swarm ? 'scatter' : r.pick<Pace>(['burst', 'burst', 'slow', 'scatter'])),
      swarm,
    });
    return this.attackers.length - 1;
  }

  private newAddress(): string {
    return this.random.chance(this.ipv6Share) ? this.pool.ipv6() : this.pool.ipv4();
  }

  /** Spreads `total` background tries over `days` days. */
  planBackground(total: number, days: number): BackgroundPlan {
    const r = this.random;
    const plan: BackgroundPlan = Array.from({ length: days }, () => []);
    const dayWeights = cumulate(this.dayWeights(days));
    let remaining = Math.max(0, Math.round(total));
    while (remaining > 0) {
      // Some operators use several addresses of one /24 in the same way.
      const clusterSize = r.chance(0.04) ? r.int(2, 12) : 1;
      const ips = clusterSize > 1 && !r.chance(this.ipv6Share) ? this.pool.ipv4Cluster(clusterSize) : [this.newAddress()];
      const firstDay = r.weighted(dayWeights);
      let like: Attacker | undefined;
      for (const ip of ips) {
        if (remaining <= 0) break;
        const tries = Math.min(remaining, r.pareto(TAIL_ALPHA, MAX_TRIES_PER_IP));
        remaining -= tries;
        const index = this.newAttacker(ip, false, like);
        like = this.attackers[index];
        this.spreadOverDays(plan, index, tries, firstDay, days);
      }
    }
    return plan;
  }

  /** Busy and quiet days: waves of a few weeks and day-to-day noise. */
  private dayWeights(days: number): number[] {
    const r = this.random;
    const phase = r.next() * Math.PI * 2;
    const period = r.int(30, 60);
    return Array.from({ length: days }, (_, d) =>
      Math.exp(0.5 * r.gaussian()) * (1 + 0.4 * Math.sin((2 * Math.PI * d) / period + phase)),
    );
  }

  private spreadOverDays(plan: BackgroundPlan, attacker: number, tries: number, firstDay: number, days: number): void {
    const r = this.random;
    let activeDays: number;
    if (tries <= 3) activeDays = tries > 1 && r.chance(0.2) ? 2 : 1;
    else activeDays = Math.round(Math.pow(tries, 0.55) * (0.3 + r.next()));
    activeDays = Math.max(1, Math.min(activeDays, tries, days));
    // Persistent attackers come back every few days over weeks or months.
    const span = Math.min(days, activeDays === 1 ? 1 : activeDays * r.int(1, 6));
    const start = Math.min(firstDay, days - span);
    const chosen = r.shuffle(Array.from({ length: span }, (_, i) => start + i)).slice(0, activeDays);
    const shares = chosen.map(() => r.exponential(1));
    const sum = shares.reduce((a, b) => a + b, 0);
    const extra = tries - activeDays;
    const counts = shares.map((s) => 1 + Math.floor((extra * s) / sum));
    let left = tries - counts.reduce((a, b) => a + b, 0);
    while (left-- > 0) counts[r.int(0, counts.length - 1)]++;
    chosen.forEach((day, i) => plan[day].push([attacker, counts[i]]));
  }

  /** The swarm: `ips` addresses, `oneShotShare` of them trying once, all single-try connections. */
  planSwarm(window: SwarmWindow, caseStart: number, days: number): SwarmPlan {
    const r = this.random;
    const plan: SwarmPlan = Array.from({ length: days }, () => []);
    if (window.attempts <= 0 || window.ips <= 0) return plan;
    const ips = Math.max(1, Math.min(window.ips, window.attempts));
    let oneShot = Math.round(ips * window.oneShotShare);
    // Every other IP tries at least twice; with too few attempts, more IPs must be one-shot.
    if (oneShot + 2 * (ips - oneShot) > window.attempts) oneShot = Math.max(0, 2 * ips - window.attempts);
    const multi = ips - oneShot;
    const tries = Array.from({ length: ips }, (_, i) => (i < oneShot ? 1 : 2));
    let extra = window.attempts - oneShot - 2 * multi;
    if (multi > 0 && extra > 0) {
      const weights = cumulate(Array.from({ length: multi }, () => Math.pow(1 - r.next(), -0.8)));
      while (extra-- > 0) tries[oneShot + r.weighted(weights)]++;
    }
    const caseEnd = caseStart + days * DAY_SECONDS;
    for (let i = 0; i < ips; i++) {
      const attacker = this.newAttacker(this.newAddress(), true);
      for (let t = 0; t < tries[i]; t++) {
        const ts = Math.floor(this.swarmMoment(window));
        if (ts < caseStart || ts >= caseEnd) continue;
        plan[Math.floor((ts - caseStart) / DAY_SECONDS)].push([attacker, ts]);
      }
    }
    return plan;
  }

  /** Swarms ramp up, peak and fade: mostly a triangle over the window, some uniform. */
  private swarmMoment(window: SwarmWindow): number {
    const r = this.random;
    const u = r.chance(0.75) ? (r.next() + r.next()) / 2 : r.next();
    return window.start + u * (window.end - window.start);
  }

  /** The server's own users, from home, the office network and phones. */
  makeUsers(domain: string): LegitUser[] {
    const r = this.random;
    const users: LegitUser[] = USER_NAMES.map((name, i) => {
      const ips = [this.pool.ipv4()];
      if (r.chance(0.4)) ips.push(this.pool.ipv4());
      if (r.chance(0.4)) ips.push(this.pool.privateIpv4());
      if (r.chance(0.3)) ips.push(this.pool.ipv6());
      return {
        address: `${name}@${domain}`,
        ips,
        loginsPerDay: r.int(2, 12),
        service: i % 5 === 4 ? 'pop3' : 'imap',
      };
    });
    users.push({ address: `info@${domain}`, ips: [this.pool.privateIpv4()], loginsPerDay: 3, service: 'imap' });
    return users;
  }
}

/** Mailboxes that exist on the server: attacks on them fail with `Password mismatch`. */
export function existingMailboxes(domain: string): Set<string> {
  return new Set([...USER_NAMES, ...ROLE_MAILBOXES].map((n) => `${n}@${domain}`));
}

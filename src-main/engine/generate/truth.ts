// The ground truth of a generated case, counted while its lines are written: what an exact reader of
// the logs must find. Only what the lines show is counted (a try the log does not mention is no try).
import type { Day } from '../../shared/api';
import { dayOf, DAY_SECONDS, momentText } from './clock';
import type { DovecotShape, Passdb } from './options';

/** What kind of line it is, as an exact parser should classify it. */
export type LineKind = 'auth-fail' | 'login-fail' | 'smtp-fail' | 'login' | 'other';

export interface TruthLines {
  total: number;
  /** authFail + loginFail + smtpFail. */
  attempt: number;
  /** Auth process lines, one per failed check. */
  authFail: number;
  /** Login process lines closing a connection after N failed tries. */
  loginFail: number;
  /** postfix's warnings on failed SMTP AUTH, one per try. */
  smtpFail: number;
  /** Successful logins (dovecot's, and postfix's `sasl_username=` lines). */
  login: number;
  other: number;
}

export interface TruthDay {
  day: Day;
  attempts: number;
  /** Distinct attacking IPs that day. */
  ips: number;
  /** IPs with exactly one attempt that day. */
  oneShotIps: number;
  /** Distinct countries of that day's attacking IPs (unlocated IPs not counted); null without `locate`. */
  countries: number | null;
  logins: number;
}

export interface TruthIp {
  attempts: number;
  /** ISO alpha-2; null when not located or without `locate`. */
  country: string | null;
  /** Whether the IP belongs to the swarm. */
  swarm: boolean;
  /** Attempts per day, only days with attempts. */
  days: Record<Day, number>;
}

export interface TruthValue {
  value: string;
  attempts: number;
  ips: number;
}

export interface TruthSwarm {
  /** The planned window, `YYYY-MM-DD HH:MM:SS`. */
  start: string;
  end: string;
  /** Calendar days the window touches. */
  days: Day[];
  attempts: number;
  ips: number;
  oneShotIps: number;
}

export interface TruthPeriod {
  from: Day;
  to: Day;
  shape: DovecotShape;
  passdb: Passdb;
  passwords: boolean;
}

export interface GeneratedTruth {
  seed: number;
  firstDay: Day;
  lastDay: Day;
  /** Credential tries; a try logged by both the auth and the login process counts once. */
  attempts: number;
  /** Distinct attacking IPs. */
  ips: number;
  /** IPs with exactly one attempt in the whole case. */
  oneShotIps: number;
  /** Successful logins. */
  logins: number;
  /** Distinct countries of attacking IPs (unlocated not counted); null without `locate`. */
  countries: number | null;
  /** Attempts per country, `ZZ` for unlocated IPs; null without `locate`. */
  countryAttempts: Record<string, number> | null;
  /** Every day of the range, in order, including days without attempts. */
  perDay: TruthDay[];
  /** "Attacked N times": IPs (`computers`) that made exactly `times` attempts, ascending by `times`. */
  histogram: { times: number; computers: number }[];
  perIp: Record<string, TruthIp>;
  /** Top 100 user names tried, most tried first (ties by value). */
  users: TruthValue[];
  /** Top 100 passwords among attempts whose password the log shows. */
  passwords: TruthValue[];
  /** Attempts whose password the log shows. */
  attemptsWithPassword: number;
  /** Attempts per service (`imap`, `pop3`, `submission`, `managesieve`, `smtp`). */
  services: Record<string, number>;
  swarm: TruthSwarm | null;
  lines: TruthLines;
  /** How failures were logged, period by period. */
  periods: TruthPeriod[];
}

interface IpTally {
  attempts: number;
  days: Map<number, number>;
  swarm: boolean;
}

interface ValueTally {
  attempts: number;
  ips: Set<string>;
}

const TOP_VALUES = 100;

export class TruthRecorder {
  private readonly ipTallies = new Map<string, IpTally>();
  private readonly users = new Map<string, ValueTally>();
  private readonly passwords = new Map<string, ValueTally>();
  private readonly services: Record<string, number> = {};
  private readonly loginsPerDay: number[];
  private readonly lines: TruthLines = { total: 0, attempt: 0, authFail: 0, loginFail: 0, smtpFail: 0, login: 0, other: 0 };
  private attemptsWithPassword = 0;
  private attempts = 0;
  private swarm: { start: number; end: number } | null = null;
  private readonly dayNames: Day[];
  periods: TruthPeriod[] = [];

  constructor(
    private readonly seed: number,
    private readonly caseStart: number,
    private readonly days: number,
    private readonly locate?: (ip: string) => string | null,
  ) {
    this.loginsPerDay = new Array<number>(days).fill(0);
    this.dayNames = Array.from({ length: days }, (_, d) => dayOf(caseStart + d * DAY_SECONDS));
  }

  setSwarmWindow(start: number, end: number): void {
    this.swarm = { start, end };
  }

  /** One try; `user` is null when no line of it names the user. */
  attempt(day: number, ip: string, user: string | null, password: string | null, service: string, swarm: boolean): void {
    this.attempts++;
    let tally = this.ipTallies.get(ip);
    if (!tally) this.ipTallies.set(ip, (tally = { attempts: 0, days: new Map(), swarm }));
    tally.attempts++;
    tally.days.set(day, (tally.days.get(day) ?? 0) + 1);
    if (user !== null) countValue(this.users, user, ip);
    if (password !== null) {
      this.attemptsWithPassword++;
      countValue(this.passwords, password, ip);
    }
    this.services[service] = (this.services[service] ?? 0) + 1;
  }

  login(day: number): void {
    this.loginsPerDay[day]++;
  }

  line(kind: LineKind): void {
    const l = this.lines;
    l.total++;
    if (kind === 'auth-fail') l.authFail++;
    else if (kind === 'login-fail') l.loginFail++;
    else if (kind === 'smtp-fail') l.smtpFail++;
    else if (kind === 'login') l.login++;
    else l.other++;
    l.attempt = l.authFail + l.loginFail + l.smtpFail;
  }

  finish(): GeneratedTruth {
    const located = this.locate !== undefined;
    const perIp: Record<string, TruthIp> = {};
    const histogram = new Map<number, number>();
    const dayIps = new Array<number>(this.days).fill(0);
    const dayOneShots = new Array<number>(this.days).fill(0);
    const dayAttempts = new Array<number>(this.days).fill(0);
    const dayCountries = Array.from({ length: this.days }, () => new Set<string>());
    const countryAttempts: Record<string, number> = {};
    const countries = new Set<string>();
    let oneShotIps = 0;
    const swarmTally = { attempts: 0, ips: 0, oneShotIps: 0 };

    const sortedIps = [...this.ipTallies.keys()].sort();
    for (const ip of sortedIps) {
      const t = this.ipTallies.get(ip)!;
      const country = this.locate?.(ip) ?? null;
      const days: Record<Day, number> = {};
      for (const [d, n] of [...t.days].sort((a, b) => a[0] - b[0])) {
        days[this.dayName(d)] = n;
        dayIps[d]++;
        dayAttempts[d] += n;
        if (n === 1) dayOneShots[d]++;
        if (country) dayCountries[d].add(country);
      }
      perIp[ip] = { attempts: t.attempts, country, swarm: t.swarm, days };
      histogram.set(t.attempts, (histogram.get(t.attempts) ?? 0) + 1);
      if (t.attempts === 1) oneShotIps++;
      if (located) {
        if (country) countries.add(country);
        const key = country ?? 'ZZ';
        countryAttempts[key] = (countryAttempts[key] ?? 0) + t.attempts;
      }
      if (t.swarm) {
        swarmTally.attempts += t.attempts;
        swarmTally.ips++;
        if (t.attempts === 1) swarmTally.oneShotIps++;
      }
    }

    const perDay: TruthDay[] = dayIps.map((ips, d) => ({
      day: this.dayName(d),
      attempts: dayAttempts[d],
      ips,
      oneShotIps: dayOneShots[d],
      countries: located ? dayCountries[d].size : null,
      logins: this.loginsPerDay[d],
    }));

    return {
      seed: this.seed,
      firstDay: this.dayName(0),
      lastDay: this.dayName(this.days - 1),
      attempts: this.attempts,
      ips: this.ipTallies.size,
      oneShotIps,
      logins: this.loginsPerDay.reduce((a, b) => a + b, 0),
      countries: located ? countries.size : null,
      countryAttempts: located ? countryAttempts : null,
      perDay,
      histogram: [...histogram].sort((a, b) => a[0] - b[0]).map(([times, computers]) => ({ times, computers })),
      perIp,
      users: topValues(this.users),
      passwords: topValues(this.passwords),
      attemptsWithPassword: this.attemptsWithPassword,
      services: { ...this.services },
      swarm: this.swarm && {
        start: momentText(this.swarm.start),
        end: momentText(this.swarm.end),
        days: this.swarmDays(this.swarm.start, this.swarm.end),
        ...swarmTally,
      },
      lines: { ...this.lines },
      periods: this.periods,
    };
  }

  private dayName(index: number): Day {
    return this.dayNames[index];
  }

  /** Days of the case the window touches (a window may reach past either end of the case). */
  private swarmDays(start: number, end: number): Day[] {
    const out: Day[] = [];
    const first = Math.max(Math.floor(start / DAY_SECONDS) * DAY_SECONDS, this.caseStart);
    const last = Math.min(end, this.caseStart + this.days * DAY_SECONDS);
    for (let t = first; t < last; t += DAY_SECONDS) out.push(dayOf(t));
    return out;
  }
}

function countValue(map: Map<string, ValueTally>, value: string, ip: string): void {
  let tally = map.get(value);
  if (!tally) map.set(value, (tally = { attempts: 0, ips: new Set() }));
  tally.attempts++;
  tally.ips.add(ip);
}

function topValues(map: Map<string, ValueTally>): TruthValue[] {
  return [...map]
    .map(([value, t]) => ({ value, attempts: t.attempts, ips: t.ips.size }))
    .sort((a, b) => b.attempts - a.attempts || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .slice(0, TOP_VALUES);
}

/** Summary-like figures for a day range (both ends included), to compare with the app's `Summary`. */
export function truthForRange(truth: GeneratedTruth, from: Day, to: Day): {
  attempts: number;
  ips: number;
  oneShotIps: number;
  countries: number | null;
  logins: number;
} {
  let attempts = 0;
  let ips = 0;
  let oneShotIps = 0;
  const countries = new Set<string>();
  for (const t of Object.values(truth.perIp)) {
    let n = 0;
    for (const [day, count] of Object.entries(t.days)) if (day >= from && day <= to) n += count;
    if (n === 0) continue;
    attempts += n;
    ips++;
    if (n === 1) oneShotIps++;
    if (t.country) countries.add(t.country);
  }
  const logins = truth.perDay.filter((d) => d.day >= from && d.day <= to).reduce((a, d) => a + d.logins, 0);
  return { attempts, ips, oneShotIps, countries: truth.countries === null ? null : countries.size, logins };
}

// Turns one day's plan into lines: attackers' connections, users' logins, then the day's noise merged in
// time order. Every connection starts and ends within its day, so a try's day is never ambiguous.
import { isPublic } from './addresses';
import { DAY_SECONDS } from './clock';
import { DayContext, type ActivePeriod, type PendingLine } from './day-context';
import { Noise } from './noise';
import { existingMailboxes, type Attacker, type LegitUser, type Population, type Service } from './population';
import type { Random } from './random';
import {
  authFailure23, authFailure24, closingWords, loginFailure, loginSuccess, masterStartup, saslFailure, saslSubmission,
  sessionEnd, smtpdProgram, type AuthTry, type LineComposer,
} from './shapes';
import type { LineKind, TruthRecorder } from './truth';
import type { WordPicker } from './words';

export interface DayBuilderDeps {
  random: Random;
  composer: LineComposer;
  population: Population;
  users: LegitUser[];
  words: WordPicker;
  truth: TruthRecorder;
  domain: string;
  ipv4Mapped: boolean;
  /** Lines that are neither failures nor logins, per failure line. */
  noiseRatio: number;
  caseStart: number;
}

/** A server that delivers mail still logs on days nobody attacks it. */
const MIN_OTHER_LINES_PER_DAY = 30;
/** More lines than any day can have, so that (second, index) packs into one exact float. */
const ORDER_SLOTS = 2 ** 30;
/** dovecot's auth_failure_delay: it answers a failed check this late, and postfix logs its warning then. */
const AUTH_FAILURE_DELAY = 2;

export class DayBuilder {
  private lines: PendingLine[] = [];
  private failureLines = 0;
  private otherLines = 0;
  private readonly day: DayContext;
  private readonly noise: Noise;
  private readonly mailboxes: Set<string>;

  constructor(private readonly d: DayBuilderDeps) {
    this.day = new DayContext(d.random, d.composer, d.caseStart, d.ipv4Mapped);
    this.noise = new Noise(this.day, d.users, d.domain, () => d.population.pool.ipv4());
    this.mailboxes = existingMailboxes(d.domain);
  }

  begin(dayIndex: number, dayStart: number, period: ActivePeriod, periodStarts: boolean): void {
    this.lines = [];
    this.failureLines = 0;
    this.otherLines = 0;
    this.day.begin(dayIndex, dayStart, period);
    if (periodStarts) {
      const ts = dayStart + this.d.random.int(3600, 6 * 3600);
      this.d.composer.masterPid = this.day.pidAt(ts);
      this.push(ts, 'other', this.day.dovecot(masterStartup(this.day.version)));
    }
  }

  /**
   * The day's lines in time order, with as much noise as the ratio asks. Lines of the same second keep
   * the order they were made in; noise comes after the day's other lines of its second.
   */
  *finish(): Generator<PendingLine> {
    // A ratio of 0 asks for no chatter at all (users' session ends remain).
    const ratio = this.d.noiseRatio;
    const target = ratio > 0 ? Math.max(Math.round(ratio * this.failureLines), MIN_OTHER_LINES_PER_DAY) : 0;
    const plan = this.noise.plan(target - this.otherLines);
    const fixed = this.sortedLines();
    const pending: PendingLine[] = [];
    const emit = (ts: number, text: string): void => {
      const line: PendingLine = { ts: this.day.inDay(ts), kind: 'other', text };
      let at = pending.length;
      while (at > 0 && pending[at - 1].ts > line.ts) at--;
      pending.splice(at, 0, line);
    };
    let f = 0;
    let u = 0;
    while (f < fixed.length || u < plan.starts.length || pending.length > 0) {
      const next = Math.min(fixed[f]?.ts ?? Infinity, pending[0]?.ts ?? Infinity);
      if (u < plan.starts.length && plan.starts[u] < next) {
        this.noise.write(plan.kinds[u], plan.starts[u], emit);
        u++;
        continue;
      }
      yield f < fixed.length && fixed[f].ts === next ? fixed[f++] : pending.shift()!;
    }
  }

  /** A numeric sort of (second of the day, creation order) keys: much faster than a comparator. */
  private sortedLines(): PendingLine[] {
    const lines = this.lines;
    const keys = new Float64Array(lines.length);
    for (let i = 0; i < lines.length; i++) keys[i] = (lines[i].ts - this.day.dayStart) * ORDER_SLOTS + i;
    keys.sort();
    const out = new Array<PendingLine>(lines.length);
    for (let i = 0; i < lines.length; i++) out[i] = lines[keys[i] % ORDER_SLOTS];
    return out;
  }

  private push(ts: number, kind: LineKind, text: string): void {
    // Number() makes V8 flatten the string now, while its pieces are young garbage: these lines live
    // until the day is written.
    Number(text);
    this.lines.push({ ts: this.day.inDay(ts), kind, text });
    if (kind === 'other') this.otherLines++;
    else if (kind !== 'login') this.failureLines++;
  }

  /** One attacker's tries of the day, in connections of one to three tries spaced as its pace says. */
  attackerDay(attacker: Attacker, tries: number): void {
    const r = this.d.random;
    const sizes: number[] = [];
    for (let left = tries; left > 0; ) {
      const u = r.next();
      const size = Math.min(left, u < 0.6 ? 1 : u < 0.82 ? 2 : 3);
      sizes.push(size);
      left -= size;
    }
    const starts = this.connectionStarts(attacker, sizes.length);
    sizes.forEach((size, i) => this.attackConnection(attacker, starts[i], size));
  }

  private connectionStarts(attacker: Attacker, count: number): number[] {
    const r = this.d.random;
    const dayStart = this.day.dayStart;
    if (attacker.pace !== 'scatter' && count > 1) {
      const offsets = [0];
      for (let i = 1; i < count; i++) {
        const gap = attacker.pace === 'burst' ? r.int(5, 40) : 60 + Math.floor(r.exponential(1500));
        offsets.push(offsets[i - 1] + gap);
      }
      const room = DAY_SECONDS - 400 - offsets[count - 1];
      if (room > 0) {
        const start = dayStart + r.int(0, room);
        return offsets.map((o) => start + o);
      }
    }
    return Array.from({ length: count }, () => dayStart + r.int(0, DAY_SECONDS - 400));
  }

  /** One connection with `tries` failed credential checks, closed by the login process. */
  attackConnection(attacker: Attacker, start: number, tries: number): void {
    if (attacker.smtp && this.d.composer.syslog) {
      this.smtpConnection(attacker, start, tries);
      return;
    }
    const { random: r, population, words, truth } = this.d;
    const day = this.day;
    const period = day.period;
    const service: Service = r.chance(0.8) ? attacker.service : population.pickService(r);
    const user = words.user(attacker.withDomain, attacker.swarm);
    const session = r.base64(16);
    const method = r.chance(0.7) ? 'PLAIN' : 'LOGIN';
    const opening = r.pick(closingWords(day.version, service));
    const times: number[] = [];
    let t = start + r.int(0, 2);
    for (let i = 0; i < tries; i++) {
      times.push(t);
      t += r.int(2, 6);
    }
    let end = times[tries - 1] + (opening.includes('Inactivity') ? r.int(120, 180) : r.int(0, 3));
    const overflow = end - (day.dayStart + DAY_SECONDS - 1);
    if (overflow > 0) {
      for (let i = 0; i < tries; i++) times[i] -= overflow;
      end -= overflow;
      start -= overflow;
    }
    const ip = day.shown(attacker.ip);
    const exists = this.mailboxes.has(user.toLowerCase());
    for (let i = 0; i < tries; i++) {
      const password = words.password(user, day.year);
      truth.attempt(day.dayIndex, attacker.ip, user, period.passwords ? password : null, service, attacker.swarm);
      if (period.shape !== 'v23-quiet') {
        this.pushAuthFailure(times[i], { user, ip, session, exists, password: period.passwords ? password : null }, method);
      }
    }
    const close = loginFailure(day.version, {
      service, user, method, ip, lip: day.lipFor(attacker.ip), tries, secs: end - start, session, tls: r.chance(0.7), opening,
    });
    this.push(end, 'login-fail', day.dovecot(close));
  }

  /**
   * One SMTP connection to postfix with `tries` failed AUTH commands. postfix asks dovecot's auth process,
   * which logs each check when auth_verbose is on, without a login session (postfix sends none); postfix's
   * warning follows when dovecot answers, auth_failure_delay later. The two lines are one try.
   */
  private smtpConnection(attacker: Attacker, start: number, tries: number): void {
    const { random: r, composer, words, truth } = this.d;
    const day = this.day;
    const period = day.period;
    const service = r.chance(0.75) ? 'smtp' : 'submission';
    const user = words.user(attacker.withDomain, attacker.swarm);
    const mechanism = r.chance(0.7) ? 'LOGIN' : 'PLAIN';
    const exists = this.mailboxes.has(user.toLowerCase());
    const times: number[] = [];
    let t = start + r.int(1, 3);
    for (let i = 0; i < tries; i++) {
      times.push(t);
      t += AUTH_FAILURE_DELAY + r.int(0, 3);
    }
    let end = times[tries - 1] + AUTH_FAILURE_DELAY + r.int(0, 2);
    const overflow = end - (day.dayStart + DAY_SECONDS - 1);
    if (overflow > 0) {
      for (let i = 0; i < tries; i++) times[i] -= overflow;
      end -= overflow;
      start -= overflow;
    }
    // postfix hands dovecot the address as it is: never IPv4-mapped.
    const ip = attacker.ip;
    const pid = day.pidAt(start);
    const smtpd = (message: string): string => composer.program(smtpdProgram(service), pid, message);
    this.push(start, 'other', smtpd(`connect from unknown[${ip}]`));
    const logged = period.shape !== 'v23-quiet';
    for (let i = 0; i < tries; i++) {
      const password = words.password(user, day.year);
      const shown = period.passwords ? password : null;
      // Without dovecot's line (auth_verbose=no, a 2.3 period) postfix's warning alone does not name the user.
      truth.attempt(day.dayIndex, ip, logged ? user : null, logged ? shown : null, service, attacker.swarm);
      if (logged) this.pushAuthFailure(times[i], { user, ip, session: null, exists, password: shown }, mechanism);
      this.push(times[i] + AUTH_FAILURE_DELAY, 'smtp-fail', smtpd(saslFailure(day.version, ip, mechanism, user)));
    }
    if (r.chance(0.4)) {
      this.push(end, 'other', smtpd(`lost connection after AUTH from unknown[${ip}]`));
      this.push(end, 'other', smtpd(`disconnect from unknown[${ip}] ehlo=1 auth=0/${tries} commands=1/${tries + 1}`));
    } else {
      this.push(end, 'other', smtpd(`disconnect from unknown[${ip}] ehlo=1 auth=0/${tries} quit=1 commands=2/${tries + 2}`));
    }
  }

  private pushAuthFailure(ts: number, check: AuthTry, method: string): void {
    const period = this.day.period;
    const line = period.shape === 'v24'
      ? authFailure24(period.passdb, check, method)
      : authFailure23(period.passdb, check, this.day.pidAt(this.day.dayStart));
    this.push(ts, 'auth-fail', this.day.dovecot(line));
  }

  /** A user's logins of the day; now and then the first password is mistyped. */
  userDay(user: LegitUser): void {
    const r = this.d.random;
    const count = Math.max(0, user.loginsPerDay + r.int(-3, 3));
    for (let i = 0; i < count; i++) {
      const ip = r.chance(0.7) ? user.ips[0] : r.pick(user.ips);
      const service: Service = r.chance(0.2) ? 'submission' : user.service;
      // Mail sent from a phone or laptop goes through postfix's submission port half the time.
      if (service === 'submission' && this.d.composer.syslog && r.chance(0.5)) {
        this.smtpSubmission(user.address, ip, this.day.busyHourSecond());
        continue;
      }
      // Typos from the office LAN would make private addresses attackers; keep those to public ones.
      this.login(user.address, ip, service, this.day.busyHourSecond(), r.chance(0.02) && isPublic(ip));
    }
  }

  /** A user sends a message through postfix's submission port; postfix's line of it is the login. */
  private smtpSubmission(address: string, ip: string, at: number): void {
    const { random: r, composer, truth } = this.d;
    const day = this.day;
    const t = Math.min(at, day.dayStart + DAY_SECONDS - 30);
    const pid = day.pidAt(t);
    const smtpd = (message: string): string => composer.program(smtpdProgram('submission'), pid, message);
    this.push(t, 'other', smtpd(`connect from unknown[${ip}]`));
    truth.login(day.dayIndex);
    this.push(t + 1, 'login', smtpd(saslSubmission(r.hex(10).toUpperCase(), ip, address)));
    this.push(t + 2, 'other', smtpd(`disconnect from unknown[${ip}] ehlo=2 starttls=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=8`));
  }

  private login(address: string, ip: string, service: Service, at: number, typo: boolean): void {
    const { random: r, truth } = this.d;
    const day = this.day;
    const session = r.base64(16);
    const method = 'PLAIN';
    const client = { user: address, method, ip: day.shown(ip), lip: day.lipFor(ip), tls: true, session };
    let t = Math.min(at, day.dayStart + DAY_SECONDS - 30);
    if (typo && day.period.shape !== 'v23-quiet') {
      const password = this.d.words.typo(address, day.year);
      const shown = day.period.passwords ? password : null;
      truth.attempt(day.dayIndex, ip, address, shown, service, false);
      this.pushAuthFailure(t, { user: address, ip: client.ip, session, exists: true, password: shown }, method);
      t += r.int(3, 9);
    }
    const mpid = day.pidAt(t);
    truth.login(day.dayIndex);
    this.push(t + 1, 'login', day.dovecot(loginSuccess(day.version, service, client, mpid)));
    const end = t + 1 + Math.floor(r.exponential(service === 'imap' ? 1500 : 20));
    const bytesIn = r.int(40, 4000);
    const bytesOut = r.int(300, 90000);
    this.push(end, 'other', day.dovecot(sessionEnd(service, address, mpid, session, bytesIn, bytesOut, r.chance(0.3))));
  }
}

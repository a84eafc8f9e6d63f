// Turns one day's plan into lines: attackers' connections, users' logins and the background chatter of a
// mail server. Every connection starts and ends within its day, so a try's day is never ambiguous.
import { isPublic } from './addresses';
import { DAY_SECONDS } from './clock';
import type { DovecotShape, Passdb } from './options';
import { existingMailboxes, type Attacker, type LegitUser, type Population, type Service } from './population';
import type { Random } from './random';
import {
  authFailure23, authFailure24, closingWords, lmtpDelivery, loginFailure, loginSuccess, masterStartup,
  noAuthAttempts, notReady, sessionEnd, tlsHandshakeFailure, type LineComposer,
} from './shapes';
import type { LineKind, TruthRecorder } from './truth';
import { MAIL_FOLDERS, SENDER_DOMAINS, SENDER_HOSTS, TLS_ERRORS } from './vocabulary';
import type { WordPicker } from './words';

export interface ActivePeriod {
  shape: DovecotShape;
  passdb: Passdb;
  passwords: boolean;
}

export interface PendingLine {
  ts: number;
  kind: LineKind;
  /** The line after its time stamp (the generator puts the stamp in front). */
  text: string;
}

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
}

const LIP4 = '10.0.0.1';
const LIP6 = '2001:db8:25::1';
/** A server that delivers mail still logs on days nobody attacks it. */
const MIN_OTHER_LINES_PER_DAY = 30;
/** When people read mail: more by day than by night. */
/** More lines than any day can have, so that (second, index) packs into one exact float. */
const ORDER_SLOTS = 2 ** 30;
const HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 4, 8, 10, 10, 9, 9, 8, 9, 9, 9, 8, 7, 6, 5, 4, 3, 2, 1];

export class DayBuilder {
  private lines: PendingLine[] = [];
  private failureLines = 0;
  private otherLines = 0;
  private pid: number;
  private readonly mailboxes: Set<string>;
  private readonly scanners: string[];
  private readonly hourCumulative: number[];
  private period!: ActivePeriod;
  private dayIndex = 0;
  private dayStart = 0;
  private year = 2000;

  constructor(private readonly d: DayBuilderDeps) {
    this.pid = d.random.int(2000, 30000);
    this.mailboxes = existingMailboxes(d.domain);
    // Port scanners come back again and again from a fixed set of addresses.
    this.scanners = Array.from({ length: 400 }, () => d.population.pool.ipv4());
    let sum = 0;
    this.hourCumulative = HOUR_WEIGHTS.map((w) => (sum += w));
  }

  begin(dayIndex: number, dayStart: number, period: ActivePeriod, periodStarts: boolean): void {
    this.lines = [];
    this.failureLines = 0;
    this.otherLines = 0;
    this.dayIndex = dayIndex;
    this.dayStart = dayStart;
    this.year = new Date(dayStart * 1000).getUTCFullYear();
    this.period = period;
    if (periodStarts) {
      this.d.composer.masterPid = this.nextPid();
      const ts = dayStart + this.d.random.int(3600, 6 * 3600);
      this.push(ts, 'other', this.dovecot(masterStartup(this.version)));
    }
  }

  /** The day's lines in time order (lines of the same second keep the order they were made in). */
  finish(): PendingLine[] {
    const target = Math.max(Math.round(this.d.noiseRatio * this.failureLines), MIN_OTHER_LINES_PER_DAY);
    let missing = target - this.otherLines;
    while (missing > 0) missing -= this.noise();
    return this.sortedLines();
  }

  /** A numeric sort of (second of the day, creation order) keys: much faster than a comparator. */
  private sortedLines(): PendingLine[] {
    const lines = this.lines;
    const keys = new Float64Array(lines.length);
    for (let i = 0; i < lines.length; i++) keys[i] = (lines[i].ts - this.dayStart) * ORDER_SLOTS + i;
    keys.sort();
    const out = new Array<PendingLine>(lines.length);
    for (let i = 0; i < lines.length; i++) out[i] = lines[keys[i] % ORDER_SLOTS];
    return out;
  }

  private get version(): '2.3' | '2.4' {
    return this.period.shape === 'v24' ? '2.4' : '2.3';
  }

  /** Keeps every line inside its day, so that days can be written one after the other. */
  private push(ts: number, kind: LineKind, text: string): void {
    const inDay = Math.min(Math.max(ts, this.dayStart), this.dayStart + DAY_SECONDS - 1);
    // Number() makes V8 flatten the string now, while its pieces are young garbage.
    Number(text);
    this.lines.push({ ts: inDay, kind, text });
    if (kind === 'other') this.otherLines++;
    else if (kind !== 'login') this.failureLines++;
  }

  private dovecot([process, message]: [string, string]): string {
    return this.d.composer.dovecot(process, message);
  }

  private nextPid(): number {
    this.pid += this.d.random.int(1, 40);
    if (this.pid > 4_194_000) this.pid = 300 + this.d.random.int(0, 999);
    return this.pid;
  }

  private shown(ip: string): string {
    return this.d.ipv4Mapped && !ip.includes(':') ? `::ffff:${ip}` : ip;
  }

  private lipFor(ip: string): string {
    return ip.includes(':') ? LIP6 : this.shown(LIP4);
  }

  private daySecond(): number {
    return this.dayStart + this.d.random.int(0, DAY_SECONDS - 1);
  }

  private busyHourSecond(): number {
    const r = this.d.random;
    return this.dayStart + r.weighted(this.hourCumulative) * 3600 + r.int(0, 3599);
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
    if (attacker.pace !== 'scatter' && count > 1) {
      const offsets = [0];
      for (let i = 1; i < count; i++) {
        const gap = attacker.pace === 'burst' ? r.int(5, 40) : 60 + Math.floor(r.exponential(1500));
        offsets.push(offsets[i - 1] + gap);
      }
      const span = offsets[count - 1];
      const room = DAY_SECONDS - 400 - span;
      if (room > 0) {
        const start = this.dayStart + r.int(0, room);
        return offsets.map((o) => start + o);
      }
    }
    return Array.from({ length: count }, () => this.dayStart + r.int(0, DAY_SECONDS - 400));
  }

  /** One connection with `tries` failed credential checks, closed by the login process. */
  attackConnection(attacker: Attacker, start: number, tries: number): void {
    const { random: r, population, words, truth } = this.d;
    const period = this.period;
    const service: Service = r.chance(0.8) ? attacker.service : population.pickService(r);
    const user = words.user(attacker.withDomain, attacker.swarm);
    const session = r.base64(16);
    const method = r.chance(0.7) ? 'PLAIN' : 'LOGIN';
    const opening = r.pick(closingWords(this.version, service));
    const times: number[] = [];
    let t = start + r.int(0, 2);
    for (let i = 0; i < tries; i++) {
      times.push(t);
      t += r.int(2, 6);
    }
    let end = times[tries - 1] + (opening.includes('Inactivity') ? r.int(120, 180) : r.int(0, 3));
    const overflow = end - (this.dayStart + DAY_SECONDS - 1);
    if (overflow > 0) {
      for (let i = 0; i < tries; i++) times[i] -= overflow;
      end -= overflow;
      start -= overflow;
    }
    const ip = this.shown(attacker.ip);
    const passwordShown = period.passwords;
    const exists = this.mailboxes.has(user.toLowerCase());
    const workerPid = this.pid;
    for (let i = 0; i < tries; i++) {
      const password = words.password(user, this.year);
      truth.attempt(this.dayIndex, attacker.ip, user, passwordShown ? password : null, service, attacker.swarm);
      if (period.shape === 'v23-quiet') continue;
      const check = { user, ip, session, exists, password: passwordShown ? password : null };
      const line = period.shape === 'v24' ? authFailure24(period.passdb, check, method) : authFailure23(period.passdb, check, workerPid);
      this.push(times[i], 'auth-fail', this.dovecot(line));
    }
    const close = loginFailure(this.version, {
      service, user, method, ip, lip: this.lipFor(attacker.ip), tries, secs: end - start, session, tls: r.chance(0.7), opening,
    });
    this.push(end, 'login-fail', this.dovecot(close));
  }

  /** A user's logins of the day; now and then the first password is mistyped. */
  userDay(user: LegitUser): void {
    const r = this.d.random;
    const count = Math.max(0, user.loginsPerDay + r.int(-3, 3));
    for (let i = 0; i < count; i++) {
      const ip = r.chance(0.7) ? user.ips[0] : r.pick(user.ips);
      const service: Service = r.chance(0.2) ? 'submission' : user.service;
      // Typos from the office LAN would make private addresses attackers; keep those to public ones.
      this.login(user.address, ip, service, this.busyHourSecond(), r.chance(0.02) && isPublic(ip));
    }
  }

  private login(address: string, ip: string, service: Service, at: number, typo: boolean): void {
    const { random: r, truth } = this.d;
    const session = r.base64(16);
    const method = 'PLAIN';
    const start = Math.min(at, this.dayStart + DAY_SECONDS - 30);
    const client = { user: address, method, ip: this.shown(ip), lip: this.lipFor(ip), tls: true, session };
    let t = start;
    if (typo && this.period.shape !== 'v23-quiet') {
      const period = this.period;
      const passwordShown = period.passwords;
      const password = this.d.words.typo(address, this.year);
      truth.attempt(this.dayIndex, ip, address, passwordShown ? password : null, service, false);
      const check = { user: address, ip: client.ip, session, exists: true, password: passwordShown ? password : null };
      const line = period.shape === 'v24' ? authFailure24(period.passdb, check, method) : authFailure23(period.passdb, check, this.pid);
      this.push(t, 'auth-fail', this.dovecot(line));
      t += r.int(3, 9);
    }
    const mpid = this.nextPid();
    truth.login(this.dayIndex);
    this.push(t + 1, 'login', this.dovecot(loginSuccess(service, client, mpid)));
    const end = Math.min(t + 1 + Math.floor(r.exponential(service === 'imap' ? 1500 : 20)), this.dayStart + DAY_SECONDS - 1);
    const bytesIn = r.int(40, 4000);
    const bytesOut = r.int(300, 90000);
    this.push(end, 'other', this.dovecot(sessionEnd(service, address, mpid, session, bytesIn, bytesOut, r.chance(0.3))));
  }

  /** One piece of background chatter; returns how many lines it wrote. */
  private noise(): number {
    const r = this.d.random;
    const u = r.next();
    if (u < 0.5) return this.delivery();
    const service: Service = r.chance(0.7) ? 'imap' : r.pick<Service>(['pop3', 'submission', 'managesieve']);
    const ip = r.pick(this.scanners);
    const ts = this.daySecond();
    if (u < 0.68) {
      this.push(ts, 'other', this.dovecot(noAuthAttempts(this.version, service, this.shown(ip), this.lipFor(ip), r.int(0, 10), r.base64(16))));
      return 1;
    }
    if (u < 0.84) {
      this.push(ts, 'other', this.dovecot(tlsHandshakeFailure(this.version, service, this.shown(ip), this.lipFor(ip), r.pick(TLS_ERRORS), r.base64(16))));
      return 1;
    }
    if (u < 0.96 && this.d.composer.syslog) return this.smtpProbe(ts, ip);
    this.push(ts, 'other', this.dovecot(notReady(service, this.shown(ip), this.lipFor(ip))));
    return 1;
  }

  /** A message delivered to a user: postfix receives it (in mail.log) and hands it to dovecot's lmtp. */
  private delivery(): number {
    const { random: r, composer } = this.d;
    const recipient = r.pick(this.d.users).address;
    const t = this.busyHourSecond() - 3;
    const lmtpPid = this.nextPid();
    const msgid = `${r.hex(12)}.${r.base64(8).replace(/[+/]/g, 'x')}@${r.pick(SENDER_DOMAINS)}`;
    const dovecotLines = lmtpDelivery(recipient, lmtpPid, r.base64(22), msgid, r.pick(MAIL_FOLDERS));
    if (!composer.syslog) {
      dovecotLines.forEach((l, i) => this.push(t + (i === 2 ? 1 : 0), 'other', this.dovecot(l)));
      return dovecotLines.length;
    }
    const [host, hostIp] = r.pick(SENDER_HOSTS);
    const queue = r.hex(10).toUpperCase();
    const smtpd = this.nextPid();
    const sender = `${r.pick(['news', 'noreply', 'jane.doe', 'billing', 'team'])}@${r.pick(SENDER_DOMAINS)}`;
    const size = r.int(2000, 200000);
    const p = (name: string, pid: number, message: string) => composer.program(name, pid, message);
    const lines: [number, string][] = [
      [0, p('postfix/smtpd', smtpd, `connect from ${host}[${hostIp}]`)],
      [1, p('postfix/smtpd', smtpd, `${queue}: client=${host}[${hostIp}]`)],
      [1, p('postfix/cleanup', smtpd + 2, `${queue}: message-id=<${msgid}>`)],
      [1, p('postfix/qmgr', 1024, `${queue}: from=<${sender}>, size=${size}, nrcpt=1 (queue active)`)],
      [2, p('postfix/smtpd', smtpd, `disconnect from ${host}[${hostIp}] ehlo=2 starttls=1 mail=1 rcpt=1 data=1 quit=1 commands=7`)],
      [2, this.dovecot(dovecotLines[0])],
      [2, this.dovecot(dovecotLines[1])],
      [2, this.dovecot(dovecotLines[2])],
      [2, p('postfix/lmtp', smtpd + 5, `${queue}: to=<${recipient}>, relay=mail.${this.d.domain}[private/dovecot-lmtp], delay=0.31, delays=0.18/0.01/0.02/0.1, dsn=2.0.0, status=sent (250 2.0.0 <${recipient}> ${r.base64(22)} Saved)`)],
      [2, p('postfix/qmgr', 1024, `${queue}: removed`)],
    ];
    for (const [offset, body] of lines) this.push(t + offset, 'other', body);
    return lines.length;
  }

  private smtpProbe(ts: number, ip: string): number {
    const { random: r, composer } = this.d;
    const pid = this.nextPid();
    const lines = [
      `connect from unknown[${ip}]`,
      `lost connection after ${r.pick(['CONNECT', 'EHLO', 'STARTTLS', 'AUTH'])} from unknown[${ip}]`,
      `disconnect from unknown[${ip}] ehlo=1 commands=1/2`,
    ];
    lines.forEach((l, i) => this.push(ts + i, 'other', composer.program('postfix/smtpd', pid, l)));
    return lines.length;
  }
}

// The chatter of a mail server between attacks: deliveries, port scanners, TLS probes. Most lines of a
// case are noise, so a day's noise is only planned (kind and start) and written as the day is emitted:
// its strings then die young instead of weighing on the garbage collector for the whole day.
import type { DayContext } from './day-context';
import type { LegitUser, Service } from './population';
import { lmtpDelivery, noAuthAttempts, notReady, tlsHandshakeFailure } from './shapes';
import { MAIL_FOLDERS, SENDER_DOMAINS, SENDER_HOSTS, TLS_ERRORS } from './vocabulary';

type Unit = 'delivery' | 'no-auth' | 'tls-failure' | 'smtp-probe' | 'not-ready';

/** Lines written for a unit planned at `ts`, at or after it. */
export type Emit = (ts: number, text: string) => void;

export interface NoisePlan {
  /** Start second of each unit, ascending. */
  starts: number[];
  kinds: Unit[];
}

export class Noise {
  private readonly scanners: string[];

  constructor(
    private readonly day: DayContext,
    private readonly users: LegitUser[],
    private readonly domain: string,
    newScannerIp: () => string,
  ) {
    // Port scanners come back again and again from a fixed set of addresses.
    this.scanners = Array.from({ length: 400 }, newScannerIp);
  }

  /** Units enough for at least `lines` lines, ordered by their first line. */
  plan(lines: number): NoisePlan {
    const r = this.day.random;
    const syslog = this.day.composer.syslog;
    const planned: [number, Unit][] = [];
    for (let left = lines; left > 0; ) {
      const u = r.next();
      if (u < 0.5) {
        planned.push([this.day.inDay(this.day.busyHourSecond() - 3), 'delivery']);
        left -= syslog ? 10 : 3;
      } else if (u < 0.96 && u >= 0.84 && syslog) {
        planned.push([this.day.daySecond(), 'smtp-probe']);
        left -= 3;
      } else {
        planned.push([this.day.daySecond(), u < 0.68 ? 'no-auth' : u < 0.84 ? 'tls-failure' : 'not-ready']);
        left -= 1;
      }
    }
    planned.sort((a, b) => a[0] - b[0]);
    return { starts: planned.map((p) => p[0]), kinds: planned.map((p) => p[1]) };
  }

  /** Writes one planned unit; its lines may run a second or two past its start. */
  write(kind: Unit, ts: number, emit: Emit): void {
    const r = this.day.random;
    if (kind === 'delivery') return this.delivery(ts, emit);
    const ip = r.pick(this.scanners);
    if (kind === 'smtp-probe') return this.smtpProbe(ts, ip, emit);
    const day = this.day;
    const service: Service = r.chance(0.7) ? 'imap' : r.pick<Service>(['pop3', 'submission', 'managesieve']);
    const rip = day.shown(ip);
    const lip = day.lipFor(ip);
    if (kind === 'no-auth') emit(ts, day.dovecot(noAuthAttempts(day.version, service, rip, lip, r.int(0, 10), r.base64(16))));
    else if (kind === 'tls-failure') emit(ts, day.dovecot(tlsHandshakeFailure(day.version, service, rip, lip, r.pick(TLS_ERRORS), r.base64(16))));
    else emit(ts, day.dovecot(notReady(service, rip, lip)));
  }

  /** A message delivered to a user: postfix receives it (in mail.log) and hands it to dovecot's lmtp. */
  private delivery(t: number, emit: Emit): void {
    const day = this.day;
    const r = day.random;
    const recipient = r.pick(this.users).address;
    const lmtpPid = day.pidAt(t);
    const msgid = `${r.hex(12)}.${r.base64(8).replace(/[+/]/g, 'x')}@${r.pick(SENDER_DOMAINS)}`;
    const lmtp = lmtpDelivery(recipient, lmtpPid, r.base64(22), msgid, r.pick(MAIL_FOLDERS));
    if (!day.composer.syslog) {
      emit(t, day.dovecot(lmtp[0]));
      emit(t, day.dovecot(lmtp[1]));
      emit(t + 1, day.dovecot(lmtp[2]));
      return;
    }
    const [host, hostIp] = r.pick(SENDER_HOSTS);
    const queue = r.hex(10).toUpperCase();
    const smtpd = day.pidAt(t);
    const sender = `${r.pick(['news', 'noreply', 'jane.doe', 'billing', 'team'])}@${r.pick(SENDER_DOMAINS)}`;
    const size = r.int(2000, 200000);
    const p = (name: string, pid: number, message: string) => day.composer.program(name, pid, message);
    emit(t, p('postfix/smtpd', smtpd, `connect from ${host}[${hostIp}]`));
    emit(t + 1, p('postfix/smtpd', smtpd, `${queue}: client=${host}[${hostIp}]`));
    emit(t + 1, p('postfix/cleanup', smtpd + 2, `${queue}: message-id=<${msgid}>`));
    emit(t + 1, p('postfix/qmgr', 1024, `${queue}: from=<${sender}>, size=${size}, nrcpt=1 (queue active)`));
    emit(t + 2, p('postfix/smtpd', smtpd, `disconnect from ${host}[${hostIp}] ehlo=2 starttls=1 mail=1 rcpt=1 data=1 quit=1 commands=7`));
    for (const line of lmtp) emit(t + 2, day.dovecot(line));
    emit(t + 2, p('postfix/lmtp', smtpd + 5, `${queue}: to=<${recipient}>, relay=mail.${this.domain}[private/dovecot-lmtp], delay=0.31, delays=0.18/0.01/0.02/0.1, dsn=2.0.0, status=sent (250 2.0.0 <${recipient}> ${r.base64(22)} Saved)`));
    emit(t + 2, p('postfix/qmgr', 1024, `${queue}: removed`));
  }

  private smtpProbe(ts: number, ip: string, emit: Emit): void {
    const day = this.day;
    const pid = day.pidAt(ts);
    const smtpd = (message: string) => day.composer.program('postfix/smtpd', pid, message);
    emit(ts, smtpd(`connect from unknown[${ip}]`));
    emit(ts + 1, smtpd(`lost connection after ${day.random.pick(['CONNECT', 'EHLO', 'STARTTLS', 'AUTH'])} from unknown[${ip}]`));
    emit(ts + 2, smtpd(`disconnect from unknown[${ip}] ehlo=1 commands=1/2`));
  }
}

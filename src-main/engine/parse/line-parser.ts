// One log line (dovecot, postfix, sshd) -> one verdict. Hot path: one literal prefilter decides most lines before any
// format regex runs.
import { builtInFormats, type CompiledFormat, type CompiledFormatSet } from '../formats/index';
import { canonicalIp } from '../net/ip';
import { SSH_PORT_MARK } from './ssh-connections';
import { unwrapStructuredLine, withoutNoHost } from './structured-line';
import { StampReader, type MonthDay, type YearLessSpan } from './timestamp';
import type { AuthEvent, AuthFailure, LineVerdict, QuotedMessage, Undated, UnparsedReason } from './types';

export interface LineParserOptions {
  /** The file's modification time (anchors the year of year-less stamps). */
  reference: Date;
  /** Year of the first year-less stamp, overriding the inference from `reference`. */
  year?: number;
  /** The (month, day) `year` is for, when it is the file's first line rather than the first stamp parsed. */
  firstDay?: MonthDay;
  /** Formats to use instead of the built-in ones. */
  formats?: CompiledFormatSet;
  /**
   * The program that wrote every line of a file whose lines carry no program name (see ingest/untagged-file.ts):
   * its tag is put before each message, after the stamp, so the formats read the line as that program's.
   */
  untagged?: UntaggedProgram;
}

/**
 * A program whose messages Swarmscope reads in a file that names no program: sshd's, as `journalctl -u ssh -o
 * cat` and an sshd container's output (`sshd -D -e`, `docker logs`) write them. dovecot's lines keep their process
 * names (`imap-login:`) there, and are read as they are.
 */
export type UntaggedProgram = 'sshd';

/**
 * Win32-OpenSSH's own log file (`%ProgramData%\ssh\logs\sshd.log`, with `SyslogFacility LOCAL0`) starts each message
 * with sshd's process id, then the stamp: `9332 2020-02-28 15:29:20.070 Failed password for ...`.
 */
const LEADING_PID = /^(\d{1,10}) (?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)/;

/** An untagged line's process id written before its stamp (LEADING_PID), and the line after it; null pid without one. */
export function splitLeadingPid(text: string): { pid: string | null; rest: string } {
  const code = text.charCodeAt(0);
  const m = code >= 48 && code <= 57 ? LEADING_PID.exec(text) : null; // a digit first
  return m === null ? { pid: null, rest: text } : { pid: m[1], rest: text.slice(m[0].length) };
}

export interface LineExplanation {
  verdict: LineVerdict;
  /** The format that decided the line, or null when none matched. */
  format: string | null;
}

/** A crafted `(auth failed, 999999999 attempts)` must not make the join emit a billion rows. */
export const MAX_ATTEMPTS_PER_LINE = 1000;

/**
 * rsyslog's `$RepeatedMsgReduction` (on in Ubuntu's rsyslog.conf) writes a message that came again and again
 * once, then `message repeated N times: [ <message>]` for the N more: lines without a session id (older
 * dovecot, PAM) that a brute force writes alike. The message is read from inside, and counts N times (at most
 * MAX_ATTEMPTS_PER_LINE, as a crafted count must not make the join emit a billion rows). The wrapper comes right
 * after the host and the tag, which rsyslog writes: a user name that holds one (a PAM line ends with the name)
 * is not read as one.
 */
const REPEATED = /^([^\s:]{1,255} [^\s:[]{1,64}(?:\[\d{1,10}\])?: )message repeated (\d{1,9}) times: \[ ?/;

/**
 * BSD syslogd (FreeBSD's and the other BSDs', sysklogd of older Linux distributions, macOS) writes a message that
 * came again and again once, then `last message repeated N times` (again every 30 s and more while it keeps
 * coming), a line of its own with the host and no tag: postfix's SASL failures and sshd's `Failed password` of
 * one connection, dovecot's lines without a session id, all alike. macOS frames it with `--- `. The line stands
 * for N more of the line before it in the file (LineVerdict `repeat`); the caller, which knows that line, counts
 * them. FreeBSD's syslogd -v writes the priority before the host (`<mail.info> mx`); the host may be an address
 * (IPv6 too). A tag (`dovecot: last message repeated`) makes it a program's message, not syslogd's.
 */
const LAST_REPEATED = /^(?:<[\w.]{1,40}> )?(?:[^\s[]{0,254}[^\s[:] )?(?:--- )?last message repeated (\d{1,9}) times?(?: ---)?$/;

/**
 * syslog-ng's `suppress()` option writes a message that came again and again once, then, when another comes or
 * the time is up, `Last message '<first 20 bytes of it>' repeated N times, suppressed by syslog-ng on <host>`
 * (log_writer_emit_suppress_summary), with the host and program of the message it repeats and no pid. It is a
 * repeat of the line before only when that line is this program's message and starts with the quoted head
 * (quotesMessageOf). A message syslog-ng knew no program of quotes its tag in the head (`FIREWALL[8512]: nflo`).
 * The head is at most 20 characters (20 bytes, some of them a character cut in two), and may hold a quote.
 */
const SYSLOG_NG_REPEATED = /^(?:<[\w.]{1,40}> )?(?:[^\s[]{0,254}[^\s[:] )?(?:([^\s:[]{1,64})(?:\[\d{1,10}\])?: )?Last message '(.{0,20}?)' repeated (\d{1,9}) times?, suppressed by syslog-ng on \S{1,255}$/;
const SYSLOG_NG_PHRASE = "' repeated ";

/**
 * Whether `line` is the message syslog-ng's repeat line quotes: the same program's (`sshd:` or `sshd[812]:`,
 * after the stamp and host), starting with the quoted head; for a head that quotes a tag, the line from that tag.
 */
export function quotesMessageOf(line: string, quoted: QuotedMessage): boolean {
  // A character that syslog-ng cut in two decodes as U+FFFD, which the line does not hold there.
  const head = quoted.head.replace(/\uFFFD+$/, '');
  if (quoted.program === null) return line.includes(` ${head}`);
  const tag = ` ${quoted.program}`;
  for (let at = line.indexOf(tag); at !== -1; at = line.indexOf(tag, at + 1)) {
    let p = at + tag.length;
    if (line.charCodeAt(p) === 91) { // '[': the pid
      const close = line.indexOf(']', p);
      if (close === -1 || !/^\[\d{1,10}$/.test(line.slice(p, close))) continue;
      p = close + 1;
    }
    if (line.startsWith(': ', p) && line.startsWith(head, p + 2)) return true;
  }
  return false;
}

/**
 * `journalctl -o short-monotonic` (and dmesg) stamps a line with seconds since boot, `[ 1234.567890] `: no wall-clock
 * time, so its logins and failed logins cannot be counted; read past it, they are known for what they are and the
 * file is said to lack times (with how to export it with them) rather than to hold no login at all.
 */
const MONOTONIC_STAMP = /^\[ {0,12}\d{1,12}\.\d{1,9}\] /;

function withoutMonotonicStamp(text: string): string {
  if (text.charCodeAt(0) !== 91) return text; // '['
  const m = MONOTONIC_STAMP.exec(text);
  return m === null ? text : text.slice(m[0].length);
}

/**
 * A syslog priority written as words, `facility.severity`, where three syslogs put it: FreeBSD's `syslogd -v` before
 * the host (`<auth.info> gw sshd[1]: ...`), BusyBox syslogd (Alpine, OpenWrt) between the host and the tag
 * (`gw auth.info sshd[1]: ...`), and BusyBox's logread, which writes no host, before the tag
 * (`authpriv.notice sshd[1]: ...`); and socklog (runit's syslog, Void Linux's), with a colon after it, before the
 * message as the program sent it, which has no host and may start with the program's own stamp
 * (`auth.info: Nov 12 10:00:01 sshd[1]: ...`, after svlogd's stamp). It is taken out once here rather than allowed
 * for in every format: an optional group before the tag made each sshd regex some 5 % slower. Only the first two
 * words are looked at.
 */
const PRIORITY_WORD = /^(?:kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|ntp|security|console|solaris-cron|local[0-7])\.(?:emerg|panic|alert|crit|err|error|warn|warning|notice|info|debug)$/;
/** The longest priority word (`solaris-cron.warning`). */
const MAX_PRIORITY_CHARS = 20;

function isPriorityWord(s: string, from: number, to: number): boolean {
  return to - from <= MAX_PRIORITY_CHARS && PRIORITY_WORD.test(s.slice(from, to));
}

/** The stamp a program put on its own message (`Nov 12 10:00:01 `), which socklog keeps after the priority. */
const PROGRAM_STAMP = /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d /;

function withoutSyslogPriority(body: string): string {
  const firstEnd = body.indexOf(' ');
  if (firstEnd === -1) return body;
  if (body.charCodeAt(firstEnd - 1) === 58 && isPriorityWord(body, 0, firstEnd - 1)) { // `auth.info: `
    const message = body.slice(firstEnd + 1);
    const programStamp = PROGRAM_STAMP.exec(message);
    return programStamp === null ? message : message.slice(programStamp[0].length);
  }
  if (body.charCodeAt(0) === 60 && body.charCodeAt(firstEnd - 1) === 62) { // `<...>`
    return isPriorityWord(body, 1, firstEnd - 1) ? body.slice(firstEnd + 1) : body;
  }
  if (isPriorityWord(body, 0, firstEnd)) return body.slice(firstEnd + 1);
  const secondEnd = body.indexOf(' ', firstEnd + 1);
  if (secondEnd === -1 || !isPriorityWord(body, firstEnd + 1, secondEnd)) return body;
  return body.slice(0, firstEnd + 1) + body.slice(secondEnd + 1);
}

/**
 * A time of day (`10:01:03`) before the message: a line without a stamp Swarmscope reads, that has one all the
 * same (a date with slashes, a custom log_timestamp). Such a line is not dated at the line before or the file's
 * time, which would put it where its own stamp says it is not; it stays unparsed, and the report says why.
 */
const TIME_OF_DAY = /\d:\d\d:\d\d/;
/** How far into a line a stamp may sit before its message: a long host name and tag, a priority. */
const LEAD_CHARS = 160;

/** Whether the part of `text` before its message (up to the first `: `) holds a time of day. */
function hasUnreadStamp(text: string): boolean {
  const messageAt = text.indexOf(': ');
  return TIME_OF_DAY.test(text.slice(0, messageAt === -1 ? LEAD_CHARS : Math.min(messageAt, LEAD_CHARS)));
}

const IGNORED: LineVerdict = Object.freeze({ kind: 'ignored' });
const UNPARSED: LineVerdict = Object.freeze({ kind: 'unparsed' });
const UNPARSED_NO_TIMESTAMP: LineVerdict = Object.freeze({ kind: 'unparsed', reason: 'no-timestamp' });
/** The verdict of an unparsed line for each reason a format may give it. */
const UNPARSED_BECAUSE: Readonly<Record<UnparsedReason, LineVerdict>> = {
  'no-timestamp': UNPARSED_NO_TIMESTAMP,
  'host-name': Object.freeze({ kind: 'unparsed', reason: 'host-name' }),
};

/** An unparsed format's verdict on a line it matched, with the first of its reasons the line shows. */
function unparsedVerdict(format: CompiledFormat, body: string): LineVerdict {
  for (const { reason, regex } of format.reasons) if (regex.test(body)) return UNPARSED_BECAUSE[reason];
  return UNPARSED;
}

/** Empty means "not logged"; the auth process writes `?` when it does not know the user yet. */
function userOf(raw: string | undefined, questionMarkIsUnknown: boolean): string | null {
  if (raw === undefined || raw === '') return null;
  if (questionMarkIsUnknown && raw === '?') return null;
  return raw;
}

function buildEvent(format: CompiledFormat, m: RegExpExecArray, ts: number): AuthEvent | null {
  const g = format.groups;
  const rawIp = g.ip === undefined ? undefined : m[g.ip];
  const ip = rawIp === undefined ? null : canonicalIp(rawIp);
  if (ip === null) return null;
  // sshd's process id joins its lines of one connection (auth-fail only: a login needs no join); a line without
  // one (journald's `[sshd]:`, an untagged file's) is joined by the client's port, where it names one.
  const session = (g.session !== undefined && m[g.session])
    || (format.kind === 'auth-fail' && ((g.pid !== undefined && m[g.pid]) || (g.port !== undefined && m[g.port] !== undefined && `${SSH_PORT_MARK}${m[g.port]}`)))
    || null;
  const localPort = g.local_port === undefined ? undefined : m[g.local_port];
  const service = (g.service !== undefined && m[g.service]) || (localPort !== undefined && format.serviceByPort?.get(localPort)) || format.defaultService;
  const rawUser = g.user === undefined ? undefined : m[g.user];
  const rawAltUser = g.user_alt === undefined ? undefined : m[g.user_alt];
  if (format.kind === 'auth-fail') {
    const sha1 = g.password_sha1 === undefined ? undefined : m[g.password_sha1];
    const plain = g.password === undefined ? undefined : m[g.password];
    const password = plain ?? (sha1 ? `sha1:${sha1}` : null);
    const user = userOf(rawUser, true) ?? userOf(rawAltUser, true);
    const failure: AuthFailure = { kind: 'auth-fail', ts, ip, user, password, session, service, origin: format.origin };
    if (g.host !== undefined) failure.host = m[g.host] ?? '';
    return failure;
  }
  const user = userOf(rawUser, false) ?? userOf(rawAltUser, false);
  if (format.kind === 'login-fail') {
    const rawAttempts = g.attempts === undefined ? undefined : m[g.attempts];
    const rawSecs = g.secs === undefined ? undefined : m[g.secs];
    const attempts = rawAttempts === undefined ? 1 : Math.min(MAX_ATTEMPTS_PER_LINE, Math.max(1, Number(rawAttempts)));
    const secs = rawSecs === undefined ? null : Number(rawSecs);
    // ownTry is always set, so that every login-fail event has one shape for the join's optimised code.
    return { kind: 'login-fail', ts, ip, user, session, service, attempts, secs, ownTry: format.ownTry };
  }
  return { kind: 'login-ok', ts, ip, user, session, service };
}

export class LogLineParser {
  private readonly stamps: StampReader;
  private readonly set: CompiledFormatSet;
  /** Per needle set, for the line being parsed: 0 not tested yet, 1 found, 2 absent. */
  private readonly needles: Uint8Array;
  private lastFormat: string | null = null;
  /** The stamp of the last line read that had one: a line without any is dated at it (see Undated). */
  private lastTs: number | null = null;
  /** The file's last change, as a wall-clock time: a line without a stamp before any stamped one is dated at it. */
  private readonly fileTs: number;
  /** The program of a file whose lines carry no tag (LineParserOptions.untagged), or null. */
  private readonly untagged: UntaggedProgram | null;
  /**
   * The tag put before such a line's message: the program's without a process id, so that a connection is known
   * by the client's address and port (parse/ssh-connections.ts), as for journald's `[sshd]` lines; with the
   * process id a line starts with (LEADING_PID), with it.
   */
  private readonly untaggedTag: string | null;

  constructor(opts: LineParserOptions) {
    this.stamps = new StampReader({ reference: opts.reference, year: opts.year, firstDay: opts.firstDay });
    // As year inference reads it (year-chain.ts): the modification time in UTC.
    this.fileTs = Math.floor(opts.reference.getTime() / 1000);
    this.set = opts.formats ?? builtInFormats;
    this.needles = new Uint8Array(this.set.needleTests.length);
    this.untagged = opts.untagged ?? null;
    this.untaggedTag = this.untagged === null ? null : `${this.untagged}: `;
  }

  /** Where the year-less stamps read so far start and how far they reach (see StampReader.yearLessSpan). */
  yearLessSpan(): YearLessSpan | null {
    return this.stamps.yearLessSpan();
  }

  /** The format that decided the last line parsed, or null when none did. */
  decidedBy(): string | null {
    return this.lastFormat;
  }

  /** The time a line without a stamp, before any stamped line, is dated at (Undated `file-time`). */
  fileTime(): number {
    return this.fileTs;
  }

  /** Stamps read in the year before, as they would have been after the file's time (StampReader.readBackBeforeReference). */
  readBackBeforeFile(): number {
    return this.stamps.readBackBeforeReference();
  }

  /** Stamps read on a day that does not exist (see StampReader.impossibleDays). */
  impossibleDays(): { count: number; example: string | null } {
    return this.stamps.impossibleDays();
  }

  parse(line: string): LineVerdict {
    return this.read(line, false);
  }

  /**
   * parse() for a line already known to pass the format set's prefilter (the ingest's keyword scan found it),
   * which is then not tested again.
   */
  parseCandidate(line: string): LineVerdict {
    return this.read(line, true);
  }

  private read(line: string, prefiltered: boolean): LineVerdict {
    this.lastFormat = null;
    let text = line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
    if (text.charCodeAt(0) === 123) text = unwrapStructuredLine(text) ?? text; // `{`: a JSON export's line
    let tag = this.untaggedTag;
    if (tag !== null) {
      const { pid, rest } = splitLeadingPid(text);
      if (pid !== null) {
        tag = `${this.untagged}[${pid}]: `;
        text = rest;
      }
    }
    // The stamp is read before the prefilter so year inference sees every line it is given (rollover detection
    // also works when the caller hands over only candidate lines: it needs no line of every month).
    const stamped = this.stamps.read(text);
    if (stamped !== null) this.lastTs = stamped.ts;
    // The prefilter looks for tags, which an untagged file's lines lack: each of them is read.
    if (!prefiltered && tag === null && !this.set.prefilter.test(text)) return IGNORED;
    let body = withoutSyslogPriority(stamped === null ? withoutMonotonicStamp(text) : stamped.rest);
    if (tag !== null) body = tag + withoutNoHost(body);
    // The test of the last character keeps the search for syslogd's repeat line off nearly every line.
    if (stamped !== null && (body.charCodeAt(body.length - 1) === 115 || body.charCodeAt(body.length - 1) === 45)) { // 's', '-'
      const lastRepeated = LAST_REPEATED.exec(body);
      if (lastRepeated !== null) return { kind: 'repeat', times: Math.min(MAX_ATTEMPTS_PER_LINE, Math.max(1, Number(lastRepeated[1]))), ts: stamped.ts };
    }
    // The search for the phrase keeps the regex off nearly every line.
    if (stamped !== null && body.includes(SYSLOG_NG_PHRASE)) {
      const suppressed = SYSLOG_NG_REPEATED.exec(body);
      if (suppressed !== null) {
        const times = Math.min(MAX_ATTEMPTS_PER_LINE, Math.max(1, Number(suppressed[3])));
        return { kind: 'repeat', times, ts: stamped.ts, quoted: { head: suppressed[2], program: suppressed[1] ?? null } };
      }
    }
    let times = 1;
    // The test of the last character keeps the search for the wrapper off nearly every line.
    if (body.charCodeAt(body.length - 1) === 93) { // ']'
      const repeated = REPEATED.exec(body);
      if (repeated !== null) {
        times = Math.min(MAX_ATTEMPTS_PER_LINE, Math.max(1, Number(repeated[2])));
        body = repeated[1] + body.slice(repeated[0].length, -1);
      }
    }
    const formats = this.set.formats;
    const needles = this.needles;
    // A loop, not fill(): fill is a call into the runtime, which costs more than a dozen stores.
    for (let k = 0; k < needles.length; k++) needles[k] = 0;
    const needleTests = this.set.needleTests;
    for (let i = 0; i < formats.length; i++) {
      const format = formats[i];
      const requireSet = format.requireSet;
      if (requireSet !== -1) {
        let required = needles[requireSet];
        if (required === 0) needles[requireSet] = required = needleTests[requireSet](body) ? 1 : 2;
        if (required === 2) continue;
      }
      let found = needles[format.needleSet];
      if (found === 0) needles[format.needleSet] = found = format.hasNeedle(body) ? 1 : 2;
      if (found === 2) continue;
      const match = format.regex.exec(body);
      if (match === null) continue;
      if (format.kind === 'ignored' || format.kind === 'unparsed') {
        this.lastFormat = format.name;
        return format.kind === 'ignored' ? IGNORED : unparsedVerdict(format, body);
      }
      let undated: Undated | null = null;
      if (stamped === null) {
        // An untagged line's message follows its stamp directly: the formats, which start at the tag put before
        // it, read no line with a stamp before its message. (What looks like a time in it is of an address.)
        if (this.untaggedTag === null && hasUnreadStamp(text)) {
          this.lastFormat = format.name;
          return UNPARSED_NO_TIMESTAMP;
        }
        undated = this.lastTs === null ? 'file-time' : 'line-before';
      }
      const event = buildEvent(format, match, stamped?.ts ?? this.lastTs ?? this.fileTs);
      if (event === null) continue; // not a real IP: another format, or unparsed
      this.lastFormat = format.name;
      // The join's rules of "within a second" would take every such line for the one before (session-join.ts).
      if (undated !== null) event.undated = undated;
      if (times === 1) return { kind: 'event', event };
      // Rows one line gives stay within MAX_ATTEMPTS_PER_LINE, also when a login line says N attempts.
      const perLine = event.kind === 'login-fail' ? event.attempts : 1;
      return { kind: 'event', event, times: Math.max(1, Math.min(times, Math.floor(MAX_ATTEMPTS_PER_LINE / perLine))) };
    }
    return this.set.suspicious.test(body) ? UNPARSED : IGNORED;
  }

  /**
   * Like parse, and names the format that decided (for tests and for showing why a line was read so); like
   * parseCandidate when `candidate`, to see how the formats read a line the prefilter would pass over.
   */
  explain(line: string, candidate = false): LineExplanation {
    const verdict = candidate ? this.parseCandidate(line) : this.parse(line);
    return { verdict, format: this.lastFormat };
  }
}

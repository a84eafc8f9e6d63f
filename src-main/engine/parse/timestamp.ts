// Reads the timestamp prefix of a log line. Every result is the log's own wall-clock time as seconds since
// 1970-01-01 00:00:00 read as if it were UTC: a written offset is ignored, because the server's clock is what the
// user sees in the file. The absolute shapes, TAI64N and journalctl's short-unix, are converted to UTC.
//
// Year inference for stamps without a year (`Nov 12 10:00:01`), per file:
//  1. The first year-less stamp takes `year` when it is given. Otherwise it takes the reference's year (the file's
//     mtime) when its (month, day) is no later than the reference's (month, day) plus one day of slack for time
//     zones, else the year before: a log line is written before its file was last modified.
//  2. Afterwards each stamp is read against the one before it. A stamp more than ROLLOVER_DAYS before it means
//     the calendar went round (Dec -> Jan): the year advances. Smaller steps back (lines written out of order,
//     clock fixes) keep the year.
//  3. A stamp more than LATE_LINE_DAYS after the one before it that, read in the previous year, lands at most
//     STEP_BACK_DAYS before it steps back into that year: a late December line written after a January one, or
//     the first line of an older file appended after a newer one (`cat mail.log mail.log.1 > all.log`, or
//     `zcat -f mail.log*`, which give the newest file first), whose lines then go on from there. Only a forward
//     reading of more than ten months of silence is read so; real forward gaps (a server silent from March to
//     November) keep the year. The reader also keeps a high-water mark (the latest day seen) for the span.
//  4. A first stamp that fits the reference's year only through the slack (`Jan  1 00:30` in a file last written on
//     Dec 31 UTC) could also be a year earlier: a file that spans the whole year before its mtime. Only the lines
//     after it tell (ingest/year-lookahead.ts reads ahead and passes the year when they show the earlier reading).
//  5. Years stay within LOG_YEARS (1970 to 2100): a rollover past its end, or a step back before its start, is not
//     taken. A file whose lines are not in time order (sorted by address, shuffled) steps back past "New Year" at
//     every few lines, and its years would climb without end: to 2600 for a few weeks of shuffled lines, with every
//     by-hour view of the case as long. A stamp that writes a year outside them (a digit a damaged disk flipped:
//     `9025-03-01T10:00:06`) is no stamp Swarmscope reads.
//  6. A stamp more than LATE_LINE_DAYS after the one before it (a step forward, or a rollover) that would be the
//     first to fall after the reference, slack included, is read in the year before: a line is written before
//     its file was last modified, so the jump is back to an older part of the file, not forward past its end.
//     `zcat -f mail.log*` of more than ten weekly files puts mail.log.10 to .19 between mail.log.1 and
//     mail.log.2, and mail.log.20 to .29 after mail.log.2: steps back of four months and more, which rule 2
//     took for New Years, dating each block of files a year later than the one before. Small steps forward
//     past the reference are not read so: a file that spans more than a year, in time order, goes past it a
//     day at a time, and is counted back as a whole (ingest/year-span.ts). Once a line is past the reference
//     it says nothing more (the count back does), nor when the first line fitted it only through the slack
//     (rule 4), or when a year was given: the user's (for copies whose times are no times of the log), or one
//     that the file's rotation set, the look-ahead or the count back worked out from it.
import { isLogYear, LOG_YEARS } from '../../shared/api';
import { localMonth } from './local-months';

export interface StampReaderOptions {
  /** The file's modification time: anchors the year of the first year-less stamp. */
  reference: Date;
  /** The year of the first year-less stamp, when the user knows it better than the mtime does. */
  year?: number;
  /**
   * The (month, day) of the file's first line, when it was read from the file's head: `year` is then that
   * line's year, and the stamps read follow it in time (the reader is given only some of the file's lines).
   */
  firstDay?: MonthDay;
}

export interface MonthDay {
  month: number;
  day: number;
}

/** What a reader saw of a file's year-less stamps: where they start and how far they reach. */
export interface YearLessSpan {
  /** The year the first year-less stamp took, its (month, day) as written, and whether it fitted the reference only through the slack (rule 4). */
  firstYear: number;
  first: MonthDay;
  firstStretched: boolean;
  /** The epoch day of the latest year-less stamp, and its (month, day) as written (a Feb 29 stays one). */
  latestDay: number;
  latest: MonthDay;
}

export interface Stamped {
  /** Wall-clock seconds since the epoch, read as if UTC. */
  ts: number;
  /** The text after the stamp and the space that ends it. */
  rest: string;
}

const SECONDS_PER_DAY = 86_400;
/**
 * Characters of a line that hold what comes before its stamp (a grep path of up to MAX_GREP_PATH characters, a
 * container's name, a priority) and any stamp the reader knows with the space after it (RFC 3339 with a
 * fraction and journalctl's short-full are the longest, about 35): enough to read a line's stamp alone.
 */
export const STAMP_PREFIX_CHARS = 704;
const ROLLOVER_DAYS = 90;
const LATE_LINE_DAYS = 7;
/**
 * How far back a stamp may step from the one before it into the year before (rule 3): a late line, or the
 * first line of an older file appended after a newer one (a monthly rotation's, with room to spare).
 */
const STEP_BACK_DAYS = 62;
export const TIMEZONE_SLACK_DAYS = 1;
/** Seconds from 1970-01-01 to the end of the last year a log may be in (rule 5). */
const END_OF_LOG_YEARS_SECS = Date.UTC(LOG_YEARS.max + 1, 0, 1) / 1000;

/** Whether an absolute stamp (seconds since 1970) falls in the years a log may be in (rule 5). */
function isLogTime(ts: number): boolean {
  return ts >= 0 && ts < END_OF_LOG_YEARS_SECS;
}

/** TAI64 labels count from 2^62; multilog (daemontools' tai_unix) adds the 10 s TAI-UTC offset of 1970. */
const TAI64_EPOCH_HIGH = 0x40000000;
const TAI_UTC_OFFSET = 10;

const CUMULATIVE_DAYS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** Days from 1970-01-01 to the given civil date (proleptic Gregorian; month 1..12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const WEEKDAYS = new Set(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
/** ctime's stamp: the weekday, the month and day, the clock, the year. */
const CTIME = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2} {1,2}\d{1,2}) (\d\d:\d\d:\d\d) (\d{4}) /;
/** Seconds with the microseconds journalctl always writes (a bare number is too likely to be something else). */
const UNIX_SECONDS = /^(\d{9,11})\.\d{6} /;
/** U+FEFF, which a Windows editor writes at the start of a file it saves as UTF-8. */
const BYTE_ORDER_MARK = 0xfeff;
/** A syslog priority (facility * 8 + severity, 0-191), and RFC 5424's version 1 after it. */
/** The longest month name local-months.ts knows, with its dot (and as latin1 bytes), and the space after it. */
const MAX_MONTH_CHARS = 14;
const PRIORITY = /^<(?:1[0-8]\d|19[01]|[1-9]?\d)>(?:1 )?/;
/** The month of a name in another language that starts `s`, before its first space (local-months.ts), or 0. */
function localMonthAtStart(s: string): number {
  const space = s.indexOf(' ');
  return space < 2 || space > MAX_MONTH_CHARS ? 0 : localMonth(s.slice(0, space));
}

/** `docker compose logs`: the container's name, padded with spaces to the longest, then `| `. */
const COMPOSE_SERVICE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127} *\| /;

/** Characters of a grep prefix looked at, at most: a path of a log is shorter. */
const MAX_GREP_PATH = 512;

/**
 * The length of what `grep` (and zgrep) writes before each line it found, 0 when there is none: the file's path
 * and `:` when it searched several files (`/var/log/mail.log.1:Jun  7 09:01:08 ...`), then with -n the line's
 * number and `:`. Logs are often kept or passed on as such output (`grep dovecot /var/log/mail.log* > x.txt`).
 * A path has a `/` or a `.` before its `:`, and no space, which no stamp has; a line number is digits then `:`,
 * where a stamp's digits go on with `-`, `.` or a space (and a time's with two digits and `:`). Read a character
 * at a time: it runs for every line.
 */
function grepPrefixLength(s: string, from: number): number {
  const pathEnd = grepPathEnd(s, from);
  if (pathEnd === -2) return 0;
  const length = pathEnd < 0 ? 0 : pathEnd + 1 - from;
  // grep -n's line number, after the path or alone: digits, then ':', and not the rest of a time (10:00:01).
  const end = Math.min(s.length, from + MAX_GREP_PATH);
  let digits = from + length;
  while (digits < end && digit(s, digits) >= 0) digits++;
  const isTime = digit(s, digits + 1) >= 0 && digit(s, digits + 2) >= 0 && s.charCodeAt(digits + 3) === 0x3a;
  if (digits > from + length && digits - (from + length) <= 10 && s.charCodeAt(digits) === 0x3a && !isTime) return digits + 1 - from;
  return length;
}

/**
 * Where the path of a grep prefix at `from` ends (its `:`), -1 when the text before the first `:` is no path,
 * -2 when there is no `:` before a space (nor a line number, then).
 */
function grepPathEnd(s: string, from: number): number {
  let pathMark = false;
  const end = Math.min(s.length, from + MAX_GREP_PATH);
  for (let at = from; at < end; at++) {
    const c = s.charCodeAt(at);
    if (c === 0x3a) return pathMark ? at : -1; // ':'
    if (c === 0x20 || c === 0x09) return -2; // a space before any ':'
    if (c === 0x2f || c === 0x2e) pathMark = true; // '/' or '.'
  }
  return -2;
}

/** Characters before a line's own content: NULs (a hole, see stampOffset) and a byte-order mark. */
function contentStart(s: string): number {
  let i = 0;
  while (s.charCodeAt(i) === 0) i++;
  return s.charCodeAt(i) === BYTE_ORDER_MARK ? i + 1 : i;
}

const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Three character codes as one number. */
function packChars(a: number, b: number, c: number): number {
  return (a << 16) | (b << 8) | c;
}

// One lookup whatever the month: a branch per month would be new to the optimising compiler each time a
// log reaches the next month, and throw the line parser back to slow code a dozen times per year of logs.
const MONTH_BY_CHARS = new Map(MONTH_ABBREVIATIONS.map((m, i) => [packChars(m.charCodeAt(0), m.charCodeAt(1), m.charCodeAt(2)), i + 1]));

/** Month 1..12 from a three-letter English abbreviation, or 0. */
function monthFromChars(a: number, b: number, c: number): number {
  // A character code above 255 would spill into its neighbour's bits (NaN, past the end of a line, packs as 0).
  if ((a | b | c) > 255) return 0;
  return MONTH_BY_CHARS.get(packChars(a, b, c)) ?? 0;
}

/** Value of the decimal digit at `i`, or -1. */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** A four-digit year at `i` followed by a space, or -1. */
function yearAt(s: string, i: number): number {
  const hi = twoDigits(s, i);
  const lo = twoDigits(s, i + 2);
  return hi < 0 || lo < 0 || s.charCodeAt(i + 4) !== 32 ? -1 : hi * 100 + lo;
}

function twoDigits(s: string, i: number): number {
  const a = digit(s, i);
  const b = digit(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/** Seconds of the day from `HH:MM:SS` at `i`, or -1. */
function clock(s: string, i: number): number {
  if (s.charCodeAt(i + 2) !== 58 || s.charCodeAt(i + 5) !== 58) return -1;
  const h = twoDigits(s, i);
  const m = twoDigits(s, i + 3);
  const sec = twoDigits(s, i + 6);
  if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60) return -1;
  return h * 3600 + m * 60 + sec;
}

/** Index after an optional `.digits` fraction at `i`. */
function skipFraction(s: string, i: number): number {
  if (s.charCodeAt(i) !== 46) return i;
  let j = i + 1;
  while (digit(s, j) >= 0) j++;
  return j > i + 1 ? j : i;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Unsigned value of 8 hex digits at `i`, or -1. */
function hex32(s: string, i: number): number {
  let v = 0;
  for (let j = i; j < i + 8; j++) {
    const h = hexValue(s.charCodeAt(j));
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

/** Files of a grep output whose years are reckoned each on its own, at most (a year of daily rotations is 366). */
const MAX_GREP_FILES = 4096;

/** The state of one file's year reckoning (StampReader's fields of the same names). */
interface Reckoning {
  year: number;
  lastDay: number;
  highDay: number;
  firstYear: number;
  stretched: boolean;
  first: MonthDay;
  highMonth: number;
  highDate: number;
  forcedYear: number | undefined;
}

export class StampReader {
  private readonly refYear: number;
  private readonly refDay: number;
  private forcedYear: number | undefined;
  /** The year of the last year-less stamp read; 0 until the first one. */
  private year = 0;
  /** The epoch day of the last year-less stamp read: the next one is read in the year that keeps it near this. */
  private lastDay = 0;
  private highDay = 0;
  /** The year the first year-less stamp took (0 before it), and whether it fitted the reference only through the slack. */
  private firstYear = 0;
  private stretched = false;
  /** The (month, day) of the first year-less stamp, and of the latest (the one that set highDay). */
  private first: MonthDay = { month: 0, day: 0 };
  private highMonth = 0;
  private highDate = 0;
  /** Epoch day of the 1st of each month (index 1..12) of `cachedYear`. */
  private monthStarts: number[] = [];
  private cachedYear = Number.NaN;
  private impossible = 0;
  private impossibleExample: string | null = null;
  /** Stamps read in the year before by rule 6, over every reckoning. */
  private readBack = 0;
  /**
   * grep's output of several files (`grep dovecot /var/log/mail.log*`) holds each file's lines in turn, newest
   * file first: one reckoning of years over all of them would take each step back to an older file for a
   * step forward, and a New Year between them would date the older file a year late. So each file grep named
   * has its year reckoned on its own, as if read alone: the first one in the fields above, the others kept
   * here while another one is read. Null until a second file's lines come.
   */
  private reckonings: Map<string, Reckoning> | null = null;
  private reckoningPath: string | null = null;

  constructor(opts: StampReaderOptions) {
    const ref = Number.isFinite(opts.reference.getTime()) ? opts.reference : new Date();
    this.refYear = ref.getUTCFullYear();
    this.refDay = Math.floor(ref.getTime() / 1000 / SECONDS_PER_DAY);
    this.forcedYear = opts.year;
    if (opts.year !== undefined && opts.firstDay) {
      this.year = this.firstYear = opts.year;
      this.highDay = this.lastDay = this.dayOf(opts.year, opts.firstDay.month, opts.firstDay.day);
      this.first = { month: opts.firstDay.month, day: opts.firstDay.day };
      this.highMonth = opts.firstDay.month;
      this.highDate = opts.firstDay.day;
    }
  }

  read(line: string): Stamped | null {
    return this.readStamp(line) ?? this.readLocalSyslog(line) ?? this.readAfterPrefix(line);
  }

  /** A syslog stamp whose month journalctl wrote in the server's language (local-months.ts): `févr. 25 08:43:16 `. */
  private readLocalSyslog(s: string): Stamped | null {
    const month = localMonthAtStart(s);
    return month === 0 ? null : this.readSyslog(MONTH_ABBREVIATIONS[month - 1] + s.slice(s.indexOf(' ')));
  }

  /** A stamp at the text's start, and nothing before it. */
  readStampOnly(text: string): Stamped | null {
    return this.readStamp(text) ?? this.readLocalSyslog(text);
  }

  /** A stamp at the line's start. */
  private readStamp(line: string): Stamped | null {
    const c = line.charCodeAt(0);
    if (c >= 65 && c <= 90) return this.readSyslog(line) ?? this.readWeekdayIso(line) ?? this.readCtime(line);
    if (c >= 48 && c <= 57) return this.readIso(line) ?? this.readUnixSeconds(line) ?? this.readDottedDate(line);
    if (c === 64) return this.readTai64n(line);
    return null;
  }

  /** A stamp after what may come before it (stampOffset, grep's context prefix), which comes once. */
  private readAfterPrefix(s: string): Stamped | null {
    const start = contentStart(s);
    const offset = stampOffset(s, start);
    if (offset === 0) return this.readGrepContext(s, start);
    const pathEnd = grepPathEnd(s, start);
    if (pathEnd >= 0) this.reckonFor(s.slice(start, pathEnd));
    return this.readStampOnly(s.slice(offset));
  }

  /**
   * A line grep printed around those it found (`-A`, `-B`, `-C`): the path and the line number end with `-`
   * where a found line's end with `:` (`/var/log/mail.log-Nov 12 ...`, with -n `/var/log/mail.log-1234-Nov 12 ...`).
   * A `-` may as well be within a path (`mail-archive/`, or `mail.log-20231112`, whose digits are a date, not a
   * line number), so each `-` before the first space is tried, and the reading kept is the first, unless a later
   * one names a path grep's found lines named already. Readings are tried on a reader of their own (isStampAt),
   * as a reading moves the year reckoning on.
   */
  private readGrepContext(s: string, start: number): Stamped | null {
    const end = Math.min(s.length, start + MAX_GREP_PATH);
    let pathMark = false;
    let first: { path: string; stampAt: number } | null = null;
    for (let at = start; at < end; at++) {
      const c = s.charCodeAt(at);
      if (c === 0x20 || c === 0x09 || c === 0x3a) break; // a space, or a ':' (a found line, read already)
      if (c === 0x2f || c === 0x2e) pathMark = true;
      if (c !== 0x2d || !pathMark) continue; // '-' after a path's '/' or '.'
      const stampAt = at + 1;
      let digits = stampAt;
      while (digits < end && digit(s, digits) >= 0) digits++;
      // With -n, the line number and its '-' (a stamp's own digits go on with '-' too: 2023-11-12).
      const numbered = digits > stampAt && digits - stampAt <= 10 && s.charCodeAt(digits) === 0x2d && !isDateSuffix(s, stampAt, digits);
      for (const candidate of numbered ? [stampAt, digits + 1] : [stampAt]) {
        if (!isStampAt(s, candidate)) continue;
        const path = s.slice(start, at);
        if (path === this.reckoningPath || this.reckonings?.has(path)) return this.readInReckoning(path, s.slice(candidate));
        first ??= { path, stampAt: candidate };
      }
    }
    return first && this.readInReckoning(first.path, s.slice(first.stampAt));
  }

  /** The stamp `text` starts with, read in the year reckoning of the file grep named `path`. */
  private readInReckoning(path: string, text: string): Stamped | null {
    this.reckonFor(path);
    return this.readStampOnly(text);
  }

  /** Makes the year reckoning of the file grep named `path` the current one (see `reckonings`). */
  private reckonFor(path: string): void {
    if (path === this.reckoningPath) return;
    if (this.reckoningPath === null) {
      this.reckoningPath = path;
      return;
    }
    this.reckonings ??= new Map();
    // A crafted file could name a new path on every line: past this many, lines go on in the current reckoning.
    if (this.reckonings.size >= MAX_GREP_FILES && !this.reckonings.has(path)) return;
    this.reckonings.set(this.reckoningPath, {
      year: this.year, lastDay: this.lastDay, highDay: this.highDay, firstYear: this.firstYear, stretched: this.stretched,
      first: this.first, highMonth: this.highMonth, highDate: this.highDate, forcedYear: this.forcedYear,
    });
    // A file not seen before starts as a file read alone does; a year given is the first file's.
    const next = this.reckonings.get(path) ?? { year: 0, lastDay: 0, highDay: 0, firstYear: 0, stretched: false, first: { month: 0, day: 0 }, highMonth: 0, highDate: 0, forcedYear: undefined };
    ({ year: this.year, lastDay: this.lastDay, highDay: this.highDay, firstYear: this.firstYear, stretched: this.stretched, first: this.first, highMonth: this.highMonth, highDate: this.highDate, forcedYear: this.forcedYear } = next);
    this.reckoningPath = path;
  }

  /** journalctl -o short-full: `Sun 2023-11-12 10:00:01 CET `; the zone's name (or `+03`) is read past, like an offset. */
  private readWeekdayIso(s: string): Stamped | null {
    if (!WEEKDAYS.has(s.slice(0, 3)) || s.charCodeAt(3) !== 32) return null;
    const iso = this.readIso(s.slice(4));
    if (iso === null) return null;
    const zone = /^[A-Za-z]{1,6}(?:[+-]\d{1,4})? |^[+-]\d{2,4} /.exec(iso.rest);
    return zone ? { ts: iso.ts, rest: iso.rest.slice(zone[0].length) } : null;
  }

  /**
   * ctime's order, as BusyBox's and OpenWrt's `logread` print each line: `Thu May 29 15:23:53 2025 `, `Thu May  9 …`.
   * The year comes after the clock; put before it, the stamp is one readSyslog reads (`%b %d %Y %H:%M:%S`).
   */
  private readCtime(s: string): Stamped | null {
    const m = CTIME.exec(s);
    return m === null ? null : this.readSyslog(`${m[1]} ${m[3]} ${m[2]} ${s.slice(m[0].length)}`);
  }

  /** journalctl -o short-unix: `1699779601.123456 `, seconds since the epoch: absolute, so UTC. */
  private readUnixSeconds(s: string): Stamped | null {
    const m = UNIX_SECONDS.exec(s);
    return m && isLogTime(Number(m[1])) ? { ts: Number(m[1]), rest: s.slice(m[0].length) } : null;
  }

  /** `Nov 12 10:00:01 `, `Nov  2 10:00:01 `, `Nov 2 10:00:01 `, optionally with a fraction of a second. */
  private readSyslog(s: string): Stamped | null {
    const month = monthFromChars(s.charCodeAt(0), s.charCodeAt(1), s.charCodeAt(2));
    if (month === 0 || s.charCodeAt(3) !== 32) return null;
    let i = 4;
    if (s.charCodeAt(i) === 32) i++;
    let day = digit(s, i);
    if (day < 0) return null;
    const d2 = digit(s, i + 1);
    if (d2 >= 0) {
      day = day * 10 + d2;
      i += 2;
    } else i += 1;
    if (day < 1 || day > 31 || s.charCodeAt(i) !== 32) return null;
    let timeAt = i + 1;
    let secs = clock(s, timeAt);
    // A log_timestamp of `%b %d %Y %H:%M:%S ` writes the year between the day and the time.
    const year = secs < 0 ? yearAt(s, timeAt) : -1;
    if (year >= 0) {
      if (!isLogYear(year)) return null;
      timeAt += 5;
      secs = clock(s, timeAt);
    }
    if (secs < 0) return null;
    const end = skipFraction(s, timeAt + 8);
    if (s.charCodeAt(end) !== 32) return null;
    const epochDay = year >= 0 ? this.dayOf(year, month, day) : this.inferDay(month, day);
    if (day >= 29) this.checkDayExists(epochDay, day, (inYear) => `${s.slice(0, 3)} ${day} in ${inYear}`);
    return { ts: epochDay * SECONDS_PER_DAY + secs, rest: s.slice(end + 1) };
  }

  /**
   * `2023-11-25 10:12:21 `, RFC 3339 `2023-11-12T10:00:01.123456+01:00 `, short-iso `...+0100 `, `...Z `, runit's
   * svlogd (`-tt` writes `2023-11-12_10:00:01.12345 `, `-ttt` the RFC 3339 shape), and a log_timestamp of
   * `%Y/%m/%d %H:%M:%S `.
   */
  private readIso(s: string): Stamped | null {
    const y1 = twoDigits(s, 0);
    const y2 = twoDigits(s, 2);
    const dateSep = s.charCodeAt(4);
    if (y1 < 0 || y2 < 0 || (dateSep !== 45 && dateSep !== 47) || s.charCodeAt(7) !== dateSep) return null;
    const month = twoDigits(s, 5);
    const day = twoDigits(s, 8);
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
    const sep = s.charCodeAt(10);
    if (sep !== 32 && sep !== 84 && !(sep === 95 && dateSep === 45)) return null; // ' ', 'T', svlogd's '_'
    const secs = clock(s, 11);
    if (secs < 0) return null;
    return this.afterClock(s, 19, y1 * 100 + y2, month, day, secs);
  }

  /**
   * A log_timestamp of `%d.%m.%Y %H:%M:%S ` (`12.11.2023 10:00:01 `), the order a date with dots has wherever it is
   * written so. A date with slashes and the day first is refused: `12/11/2023` is Nov 12 in Europe and Dec 11 in
   * the United States, and a line alone cannot tell which.
   */
  private readDottedDate(s: string): Stamped | null {
    if (s.charCodeAt(2) !== 46 || s.charCodeAt(5) !== 46 || s.charCodeAt(10) !== 32) return null;
    const day = twoDigits(s, 0);
    const month = twoDigits(s, 3);
    const year = yearAt(s, 6);
    if (month < 1 || month > 12 || day < 1 || day > 31 || year < 0) return null;
    const secs = clock(s, 11);
    if (secs < 0) return null;
    return this.afterClock(s, 19, year, month, day, secs);
  }

  /** The end of a stamp with its year, after its clock (which ends at `at`): a fraction of a second, an offset, a space. */
  private afterClock(s: string, at: number, year: number, month: number, day: number, secs: number): Stamped | null {
    if (!isLogYear(year)) return null;
    let i = skipFraction(s, at);
    const z = s.charCodeAt(i);
    if (z === 90) i++;
    else if (z === 43 || z === 45) {
      // The offset is read past, not applied: the wall clock as written is the truth (see the header).
      if (twoDigits(s, i + 1) < 0) return null;
      i += 3;
      if (s.charCodeAt(i) === 58) i++;
      if (twoDigits(s, i) < 0) return null;
      i += 2;
    }
    if (s.charCodeAt(i) !== 32) return null;
    // macOS's `log show --style syslog` pads its stamp with a second space (`...801612-0700  localhost sshd[3186]: `).
    while (s.charCodeAt(i + 1) === 32 && i < at + 24) i++;
    const epochDay = this.dayOf(year, month, day);
    if (day >= 29) this.checkDayExists(epochDay, day, () => s.slice(0, 10));
    return { ts: epochDay * SECONDS_PER_DAY + secs, rest: s.slice(i + 1) };
  }

  /**
   * A day past its month's end (Feb 29 of a year without one, Apr 31) rolls over into the next month. No clock
   * writes one: for a year-less stamp, the year it was given is wrong; otherwise the line is damaged or crafted.
   */
  private checkDayExists(epochDay: number, day: number, example: (year: number) => string): void {
    const date = new Date(epochDay * SECONDS_PER_DAY * 1000);
    if (date.getUTCDate() === day) return;
    this.impossible++;
    this.impossibleExample ??= example(date.getUTCFullYear());
  }

  /** Stamps read so far on a day that does not exist, and the first of them (`Feb 29 in 2025`, `2023-04-31`). */
  impossibleDays(): { count: number; example: string | null } {
    return { count: this.impossible, example: this.impossibleExample };
  }

  /** `@400000004c91b044077a9e94 `: TAI64N, absolute. */
  private readTai64n(s: string): Stamped | null {
    if (s.charCodeAt(25) !== 32) return null;
    const high = hex32(s, 1);
    const low = hex32(s, 9);
    if (high < TAI64_EPOCH_HIGH || low < 0 || hex32(s, 17) < 0) return null;
    const ts = (high - TAI64_EPOCH_HIGH) * 0x1_0000_0000 + low - TAI_UTC_OFFSET;
    return isLogTime(ts) ? { ts, rest: s.slice(26) } : null;
  }

  private dayOf(year: number, month: number, day: number): number {
    if (year !== this.cachedYear) {
      const jan1 = daysFromCivil(year, 1, 1);
      const leap = isLeap(year) ? 1 : 0;
      this.monthStarts = [0];
      for (let m = 1; m <= 12; m++) this.monthStarts.push(jan1 + CUMULATIVE_DAYS[m - 1] + (m > 2 ? leap : 0));
      this.cachedYear = year;
    }
    return this.monthStarts[month] + day - 1;
  }

  /**
   * Where the year-less stamps read so far start and how far they reach, or null before one was read. Null too
   * for grep's output of several files: each was dated as a file read alone, and no count back spans them.
   */
  yearLessSpan(): YearLessSpan | null {
    if (this.year === 0 || this.reckonings !== null) return null;
    return { firstYear: this.firstYear, first: { ...this.first }, firstStretched: this.stretched, latestDay: this.highDay, latest: { month: this.highMonth, day: this.highDate } };
  }

  /** Whether a year-less stamp read so far lies past the reference, slack included: a line written after its file. */
  pastReference(): boolean {
    return this.year !== 0 && this.highDay > this.refDay + TIMEZONE_SLACK_DAYS;
  }

  /** Stamps read so far in the year before, as their jump would have dated them after the reference (rule 6). */
  readBackBeforeReference(): number {
    return this.readBack;
  }

  /** Whether `day` would be the first year-less stamp's day past the reference, and the reference tells (rule 6). */
  private jumpsPastReference(day: number): boolean {
    return day > this.refDay + TIMEZONE_SLACK_DAYS && !this.pastReference() && !this.stretched && this.forcedYear === undefined;
  }

  /** The year a file's first year-less stamp takes on `day` against `reference` (rule 1 of the header). */
  static yearOfFirstStamp(reference: Date, day: MonthDay): number {
    const reader = new StampReader({ reference });
    reader.inferDay(day.month, day.day);
    return reader.year;
  }

  /** Epoch day of a year-less (month, day), following the rule in the header. */
  private inferDay(month: number, day: number): number {
    if (this.year === 0) {
      if (this.forcedYear !== undefined) this.year = this.forcedYear;
      else {
        // The slack may reach into the next year: `Jan  1 00:30` against an mtime of Dec 31, 23:45 UTC.
        const latest = this.refDay + TIMEZONE_SLACK_DAYS;
        if (this.dayOf(this.refYear + 1, month, day) <= latest) this.year = this.refYear + 1;
        else if (this.dayOf(this.refYear, month, day) <= latest) this.year = this.refYear;
        else this.year = this.refYear - 1;
      }
      this.highDay = this.lastDay = this.dayOf(this.year, month, day);
      this.highMonth = month;
      this.highDate = day;
      this.first = { month, day };
      this.firstYear = this.year;
      this.stretched = this.forcedYear === undefined && this.highDay > this.refDay;
      return this.highDay;
    }
    let d = this.dayOf(this.year, month, day);
    if (d < this.lastDay - ROLLOVER_DAYS) {
      if (this.year < LOG_YEARS.max) {
        this.year++;
        d = this.dayOf(this.year, month, day);
      }
    } else if (d > this.lastDay + LATE_LINE_DAYS && this.year > LOG_YEARS.min) {
      const previous = this.dayOf(this.year - 1, month, day);
      if (previous <= this.lastDay && previous >= this.lastDay - STEP_BACK_DAYS) {
        this.year--;
        d = previous;
      }
    }
    if (d > this.lastDay + LATE_LINE_DAYS && this.jumpsPastReference(d) && this.year > LOG_YEARS.min) {
      this.year--; // rule 6
      d = this.dayOf(this.year, month, day);
      this.readBack++;
    }
    this.lastDay = d;
    if (d > this.highDay) {
      this.highDay = d;
      this.highMonth = month;
      this.highDate = day;
    }
    return d;
  }
}

/**
 * Characters before a line's stamp, 0 for most lines: NUL bytes (a hole the file system left where the
 * machine went down: the logger's next line follows it, see line-reader.ts), a byte-order mark (a file saved
 * by a Windows editor, or such files put together), what grep writes before a line it found (grepPrefixLength),
 * then a syslog priority kept in the file:
 * `<30>Nov 12 10:00:01 ` (a raw capture, some remote templates) or RFC 5424's
 * `<30>1 2023-11-12T10:00:01.123456+01:00 ` (rsyslog's protocol-23 template, syslog-ng's syslog-protocol).
 * Or the container's name that `docker compose logs` writes before each line (`mailserver  | `): where a
 * mail server runs in containers (docker-mailserver, mailcow), that output is often the only log there is.
 * `start` is where the line's own content starts (contentStart), when the caller knows it already.
 */
function stampOffset(s: string, start = contentStart(s)): number {
  const i = start + grepPrefixLength(s, start);
  const rest = i ? s.slice(i) : s;
  const container = COMPOSE_SERVICE.exec(rest);
  if (container) return i + container[0].length;
  return i + (PRIORITY.exec(rest)?.[0].length ?? 0);
}

/** Whether the digits from `from` to `to` are a date a rotated log's name ends with (logrotate's dateext: `20231112`, with the hour). */
function isDateSuffix(s: string, from: number, to: number): boolean {
  if (to - from !== 8 && to - from !== 10) return false;
  const century = twoDigits(s, from);
  const month = twoDigits(s, from + 4);
  const day = twoDigits(s, from + 6);
  return (century === 19 || century === 20) && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** A reader that only tells whether a text starts with a stamp: its year reckoning is never used again. */
const STAMP_CHECKER = new StampReader({ reference: new Date(0), year: 2000 });

/** Whether a stamp the reader knows starts at `at`, with no reader's year reckoning moved on. */
function isStampAt(s: string, at: number): boolean {
  const c = s.charCodeAt(at);
  if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 64 || c > 127)) return false;
  return STAMP_CHECKER.readStampOnly(s.slice(at)) !== null;
}

/**
 * A line's stamp read alone, as the first stamp of a year 2000 (a leap year: any (month, day) a log can write is
 * a day of it), and whether it had no year of its own; null for a line without a stamp.
 */
function stampedDay(line: string): { date: Date; yearLess: boolean } | null {
  const reader = new StampReader({ reference: new Date(0), year: 2000 });
  const stamped = reader.read(line);
  return stamped === null ? null : { date: new Date(stamped.ts * 1000), yearLess: reader.yearLessSpan() !== null };
}

/** The (month, day) of a line's year-less stamp (`Nov 12 10:00:01 ...`), or null when it has none. */
export function yearLessDay(line: string): MonthDay | null {
  const at = stampOffset(line);
  const c = line.charCodeAt(at);
  // A stamp with a year (ISO, TAI64N) or none, unless a month name in another language starts it.
  if ((c < 65 || c > 90) && localMonthAtStart(at ? line.slice(at) : line) === 0) return null;
  // `Nov 12 2023 10:00:01` starts like a year-less stamp and carries its year.
  const stamped = stampedDay(line);
  if (!stamped?.yearLess) return null;
  return { month: stamped.date.getUTCMonth() + 1, day: stamped.date.getUTCDate() };
}

/** A day with its year, as a stamp that carries one writes it. */
export interface DatedDay extends MonthDay {
  year: number;
}

/**
 * The day of a line's stamp when the stamp carries its year (RFC 3339, `2023-11-25 10:12:21`, TAI64N), or null
 * for a year-less stamp or none.
 */
export function datedDay(line: string): DatedDay | null {
  const stamped = stampedDay(line);
  if (!stamped || stamped.yearLess) return null;
  return { year: stamped.date.getUTCFullYear(), month: stamped.date.getUTCMonth() + 1, day: stamped.date.getUTCDate() };
}

/** The year of a year-less stamp on `day` written on or before the dated day `until` (a stamp with a year after it). */
export function yearUpTo(until: DatedDay, day: MonthDay): number {
  return StampReader.yearOfFirstStamp(new Date(Date.UTC(until.year, until.month - 1, until.day, 23, 59, 59)), day);
}

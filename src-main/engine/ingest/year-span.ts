// The year of a log file that spans more than a year, such as dovecot's own log (`log_path`) that nothing
// rotates. Its year-less stamps are dated forward from its first line, whose year the file's modification
// time gives (parse/timestamp.ts, rule 1: the year that puts the first line in the year before the mtime).
// For a file of two years, that is a year late: every line would be dated a year after it was written, the
// last ones after the file itself, and a Feb 29 of a leap year would land on Mar 1.
//
// So before a plain file is read, the stamps of lines spread over it are read with the same rules (the
// rollovers from December to January they show are the ones the parser will see), and when its last line
// comes out after the modification time by more than the time-zone slack, the first line's year is counted
// back from the last line instead: the latest year that puts the last line before the mtime, less the
// rollovers between them. Only when that puts the last line within half a year of the mtime: one line
// stamped weeks ahead by a wrong clock must not move a whole week of log a year back.
//
// The same places show where stamps with a year follow year-less ones (rsyslog writes RFC 3339 stamps since
// Debian 12): those say when the year-less lines before them were written, and date them when the file's
// modification time (a copy's, say) puts them elsewhere (anchoredBy).
//
// A gzip file cannot be read at spread-out places without inflating it all: it is read forward, and when that
// dates its last line after the file, the same count back (countBack) is made from the stamps its parser
// read, and it is read again (ingest-file.ts).
import fs from 'node:fs';
import { STAMP_PREFIX_CHARS, StampReader, TIMEZONE_SLACK_DAYS, datedDay, daysFromCivil, yearUpTo, type DatedDay, type MonthDay, type YearLessSpan } from '../parse/timestamp';

/** Bytes read at each place; a line is rarely longer, so each place gives a few whole lines. */
const WINDOW_BYTES = 4096;
/**
 * Places read in a large file. Consecutive places must be less than ROLLOVER_DAYS (90) apart in time for
 * every rollover to show: 512 places over two years of log are a day and a half apart when lines come evenly.
 */
const WINDOWS = 512;
/**
 * Whole lines whose stamps are read at each place but the last (which is read to the file's last line). A few
 * are as good as all for the rollovers between places, and reading all of them was most of this read's
 * cost: 60 ms in the ingest of a 2 MB file, spent before its parsing could start.
 */
const LINES_PER_WINDOW = 4;
/** A file no larger than this is read whole, every line's stamp. */
const WHOLE_FILE_BYTES = 64 * 1024;
/**
 * How long before the file's modification time its last line, counted back, may have been written. More
 * than this, and counting back is the wrong explanation of a late stamp.
 */
const MAX_LAST_LINE_AGE_DAYS = 183;
/** A file more years long than this is taken as damaged or hostile rather than counted back. */
const MAX_YEARS_BACK = 50;
const SECONDS_PER_DAY = 86_400;
const NEWLINE = 0x0a;

export interface CountedBackYear {
  /** The year of the file's first year-less stamp, and that stamp's (month, day). */
  year: number;
  firstDay: MonthDay;
  /** How many years before the forward reading's year that is. */
  yearsBack: number;
  /** The days of the file's first and last stamps so dated (`YYYY-MM-DD`). */
  from: string;
  to: string;
  /**
   * Whether the parser's look-ahead (year-lookahead.ts) would read the same year: a year-long file from Jan 1
   * last written on Dec 31, whose first stamp fits the next year only through the time-zone slack. Nothing
   * then needs saying.
   */
  sameAsLookAhead: boolean;
  /**
   * Set when the year comes from the stamps with a year that follow the year-less ones (anchoredBy), not from
   * counting back: the day of the first of those.
   */
  datedFrom?: string;
}

/**
 * The year of the file's first year-less stamp counted back from its last, when the forward reading would
 * date its last line after the file's modification time; null when that reading stands (or cannot be judged).
 */
export function yearCountedBack(file: { path: string; size: number; mtimeMs: number }): CountedBackYear | null {
  const reader = new StampReader({ reference: new Date(file.mtimeMs) });
  const dated = new DatedAfterYearLess(reader);
  if (!readAtPlaces(file, (line) => dated.see(line))) return null;
  const span = reader.yearLessSpan();
  if (!span) return null;
  return (dated.found && anchoredBy(dated.found, span)) ?? countBack(span, file.mtimeMs);
}

/**
 * The day of the first stamp with a year that comes after a year-less one, among the lines read at places
 * spread over a plain file, or null: where rsyslog's format changed (to RFC 3339, with Debian 12), the stamps
 * after the change say when the ones before it were written, which a copy's modification time cannot.
 */
export function datedAfterYearLess(file: { path: string; size: number }): DatedDay | null {
  const dated = new DatedAfterYearLess(new StampReader({ reference: new Date(0) }));
  return readAtPlaces(file, (line) => dated.see(line)) ? dated.found : null;
}

/** Days before its modification time a file's last line may be written, and the file still count as written up to then. */
const WRITTEN_UP_TO_DAYS = 2;

/**
 * Whether a plain file's latest year-less stamp, read forward from its modification time, falls on that time's
 * day or shortly before: the file was written up to that time (a live log, or one copied as it was written), so
 * its time dates its lines, whatever the times of the files rotated before it.
 */
export function writtenUpToItsTime(file: { path: string; size: number; mtimeMs: number }): boolean {
  const reader = new StampReader({ reference: new Date(file.mtimeMs) });
  if (!readAtPlaces(file, (line) => reader.read(line))) return false;
  const span = reader.yearLessSpan();
  if (!span) return false;
  const refDay = Math.floor(file.mtimeMs / 1000 / SECONDS_PER_DAY);
  return span.latestDay >= refDay - WRITTEN_UP_TO_DAYS && span.latestDay <= refDay + TIMEZONE_SLACK_DAYS;
}

/** Reads lines with `reader`, in a file's order, and keeps the day of the first stamp with a year after a year-less one. */
class DatedAfterYearLess {
  found: DatedDay | null = null;
  private yearLessSeen = false;

  constructor(private readonly reader: StampReader) {}

  see(line: string): void {
    this.reader.read(line);
    if (this.found) return;
    if (!this.yearLessSeen) {
      this.yearLessSeen = this.reader.yearLessSpan() !== null;
      return;
    }
    // A year-less stamp starts with a month's name; only other lines are read again for a year.
    const c = line.charCodeAt(0);
    if (c < 65 || c > 90) this.found = datedDay(line);
  }
}

/**
 * The year of a file's first year-less stamp from the first stamp with a year after it, when that differs from
 * the year its modification time gave (a copy's time); null when they agree.
 */
export function anchoredBy(dated: DatedDay, span: YearLessSpan): CountedBackYear | null {
  const year = yearUpTo(dated, span.first);
  const shift = span.firstYear - year;
  if (shift === 0) return null;
  const latestYear = new Date(span.latestDay * SECONDS_PER_DAY * 1000).getUTCFullYear();
  return {
    year, firstDay: { ...span.first }, yearsBack: shift,
    from: isoDay(daysFromCivil(year, span.first.month, span.first.day)), to: isoDay(daysFromCivil(latestYear - shift, span.latest.month, span.latest.day)),
    sameAsLookAhead: false, datedFrom: isoDay(daysFromCivil(dated.year, dated.month, dated.day)),
  };
}

/**
 * Calls `see` with the start of the lines at places spread over a file (every line of a small file), in the
 * file's order; false when the file could not be read.
 */
function readAtPlaces(file: { path: string; size: number }, see: (lineStart: string) => void): boolean {
  // Synchronous reads: a few small reads cost less than the thread-pool round trips of asynchronous ones
  // (3,000 files of 16 KB: 0.07-0.16 s, against 0.7-1.4 s), and this runs in the engine's thread, not the window's.
  let fd: number;
  try {
    fd = fs.openSync(file.path, 'r');
  } catch {
    return false; // reading the file itself says what is wrong with it
  }
  try {
    // A file smaller than the places together is read in one go; if larger than WHOLE_FILE_BYTES, its places
    // (which then overlap: their lines are read twice, which changes nothing) are cut from it.
    let whole: Buffer | null = null;
    if (file.size <= WINDOW_BYTES * WINDOWS) {
      const buf = Buffer.alloc(file.size);
      whole = buf.subarray(0, fs.readSync(fd, buf, 0, file.size, 0));
    }
    if (whole && file.size <= WHOLE_FILE_BYTES) forEachWholeLine(whole, true, true, Infinity, see);
    else {
      const window = Buffer.alloc(WINDOW_BYTES);
      for (let i = 0; i < WINDOWS; i++) {
        const offset = Math.floor((i * (file.size - WINDOW_BYTES)) / (WINDOWS - 1));
        const place = whole ? whole.subarray(offset, offset + WINDOW_BYTES) : window.subarray(0, fs.readSync(fd, window, 0, WINDOW_BYTES, offset));
        const atEnd = offset + place.length >= file.size;
        forEachWholeLine(place, offset === 0, atEnd, atEnd ? Infinity : LINES_PER_WINDOW, see);
      }
    }
    return true;
  } catch {
    return false;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The count back itself, from the year-less stamps of a file read forward from its modification time (all of
 * them, or some spread over the file): null when its latest stamp does not come after that time, or when
 * counting back is the wrong explanation of it.
 */
export function countBack(span: YearLessSpan, mtimeMs: number): CountedBackYear | null {
  const refDay = Math.floor(mtimeMs / 1000 / SECONDS_PER_DAY);
  if (span.latestDay <= refDay + TIMEZONE_SLACK_DAYS) return null;
  // The same (month, day) in earlier years, until it is no later than the mtime (slack included).
  const y = new Date(span.latestDay * SECONDS_PER_DAY * 1000).getUTCFullYear();
  const { month: m, day: d } = span.latest;
  for (let back = 1; back <= MAX_YEARS_BACK; back++) {
    const lastDay = daysFromCivil(y - back, m, d);
    if (lastDay <= refDay + TIMEZONE_SLACK_DAYS) {
      // A file's last line is written shortly before the file is. Far before it, the forward reading's late
      // day is rather one line whose clock was wrong for a while (the forward reading keeps the others right).
      if (lastDay < refDay - MAX_LAST_LINE_AGE_DAYS) return null;
      const year = span.firstYear - back;
      const firstDay = { ...span.first };
      return {
        year, firstDay, yearsBack: back, from: isoDay(daysFromCivil(year, firstDay.month, firstDay.day)), to: isoDay(lastDay),
        sameAsLookAhead: span.firstStretched && back === 1,
      };
    }
  }
  return null;
}

function isoDay(epochDay: number): string {
  return new Date(epochDay * SECONDS_PER_DAY * 1000).toISOString().slice(0, 10);
}

/**
 * Calls `see` with the start of each line of a window read as latin1 (stamps are ASCII; one char per byte),
 * up to `limit` lines, without the partial line at either cut: the first line counts only at the file's
 * start; the last one, without its newline, only at the file's end (the last line written). Only the starts
 * are decoded.
 */
function forEachWholeLine(buf: Buffer, atStart: boolean, atEnd: boolean, limit: number, see: (lineStart: string) => void): void {
  let start = atStart ? 0 : buf.indexOf(NEWLINE) + 1;
  if (start === 0 && !atStart) return; // no newline: one partial line
  for (let seen = 0; start < buf.length && seen < limit; seen++) {
    const newline = buf.indexOf(NEWLINE, start);
    if (newline === -1 && !atEnd) return;
    const end = newline === -1 ? buf.length : newline;
    see(buf.toString('latin1', start, Math.min(end, start + STAMP_PREFIX_CHARS)));
    start = end + 1;
  }
}

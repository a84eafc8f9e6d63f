// Years for the files of a rotation chain (`mail.log.3.gz`, `mail.log.2.gz`, `mail.log.1`, `mail.log` in one
// folder), where a file's own modification time cannot give them:
// - `--year` (of `ingest` and `serve`) says when the logs begin. Given to every file's first stamp, it
//   would put the January files of a year crossing New Year eleven months early.
// - A copy that lost its times (scp without -p, some archives) gives every file the same mtime, the copy's.
//   Each file's year read from it would scatter the weeks over two years, some of them in the future.
// In both, each file's first line takes the year that keeps its chain in time order: the year of the file
// next to it in the chain, or one more (one less, walking back from the newest) where the calendar wraps.
// The (month, day) of each file's first line comes from its head, which every ingest reads anyway.
// With `--year`, the chains of one folder are one server's logs, all written up to when they were copied: a
// chain that keeps less (syslog's week beside mail.log's months) begins later, maybe in the next year. Each
// chain is dated from the year given, and one that then ends more than half a year before the folder's latest
// is a year later (alignToLatest).
import path from 'node:path';
import { StampReader, datedDay, yearLessDay, yearUpTo, type DatedDay, type MonthDay } from '../parse/timestamp';
import { chainOf, compareLogPaths, rotationDate } from './collect-files';
import { compressedFileTime } from './line-reader';
import { datedAfterYearLess, writtenUpToItsTime } from './year-span';

/** Lines of a file's head looked at for its first stamp (a log's first line normally has one). */
const HEAD_LINES = 50;
/**
 * A chain whose files were all last written within this span has lost its times: rotations are days apart,
 * and files rotated by size minutes apart give the same years either way.
 */
const COPIED_WITHIN_MS = 60 * 60 * 1000;

/** Where a user gives the year the logs begin, in the CLI and in the app (StartYear.svelte). */
export const HOW_TO_GIVE_YEAR = '--year, with a new case: what a case holds keeps its dates; in the app: Sources, Stamps without a year, '
  + 'then the logs into a new case';

/** Why a chain's own times were not used to date it, as its newest file's report says it. */
const COPIED_REASON = 'the files of its rotation set were all last written within an hour (copied without their times?): ';

/** What dates the chain instead. */
const FOLLOW_TIME = "their years follow this file's time and the order of the set";
/** Said after FOLLOW_TIME when that time may be a copy's. */
const GIVE_YEAR = `; give the year the logs begin (${HOW_TO_GIVE_YEAR}) if they are wrong`;
const FOLLOW_NAMES = 'their years follow the dates in their names (mail.log-20231227.gz) and the order of the set';
const FOLLOW_GZIP = 'their years follow the times their gzip headers kept of the files they compressed (when logrotate compressed them) '
  + 'and the order of the set';
const FOLLOW_STAMPS = 'the years of their stamps without one follow the stamps with a year that come after them (rsyslog wrote those after an upgrade) '
  + 'and the order of the set';

/** Said when a file of a chain was last written after a newer rotation of it (recompressed or edited since). */
function disorderedReason(older: string, newer: string): string {
  return `the files of its rotation set were last written in another order than their names give (${path.basename(older)} after ${path.basename(newer)}, `
    + 'touched since?): ';
}

/** The (month, day) of the first year-less stamp among the first lines of a file's head, or null. */
export function firstYearLessDay(head: Buffer): MonthDay | null {
  for (const line of head.toString('utf8').split('\n', HEAD_LINES)) {
    const found = yearLessDay(line);
    if (found) return found;
  }
  return null;
}

/** What the first lines of a file's head say of its days. */
export interface HeadDays {
  /** The (month, day) of its first year-less stamp, or null. */
  firstDay: MonthDay | null;
  /** The day of its first stamp when that stamp carries its year (a file of RFC 3339 stamps), else null. */
  datedStart: DatedDay | null;
  /** The day of the first stamp with a year after its first year-less one (rsyslog's format changed there), else null. */
  datedAfter: DatedDay | null;
}

export function headDays(head: Buffer): HeadDays {
  const days: HeadDays = { firstDay: null, datedStart: null, datedAfter: null };
  let stamped = false;
  for (const line of head.toString('utf8').split('\n', HEAD_LINES)) {
    const yearLess = yearLessDay(line);
    if (yearLess) {
      days.firstDay ??= yearLess;
      stamped = true;
      continue;
    }
    const dated = datedDay(line);
    if (!dated) continue;
    if (!stamped) days.datedStart = dated;
    else if (days.firstDay) {
      days.datedAfter = dated;
      break;
    }
    stamped = true;
  }
  return days;
}

/** The year of a file's first stamp, and the day of its first line it is for when the head showed it. */
export interface FileYear {
  year: number;
  firstDay?: MonthDay;
}

export interface ChainFile {
  path: string;
  mtimeMs: number;
  /** The (month, day) of its first line (firstYearLessDay), or null when its head shows none. */
  firstDay: MonthDay | null;
  /** See HeadDays; `datedAfter` may also come from further in the file (year-span.ts, datedAfterYearLess). */
  datedStart?: DatedDay | null;
  datedAfter?: DatedDay | null;
  /** For a gzip file, the modification time its header kept of the file it compressed (ms), else null. */
  compressedFileMs?: number | null;
}

/** When a file of a chain last wrote, as its gzip header kept it (compressedFileTime: logrotate compresses through gzip), or null. */
function keptTime(file: ChainFile): Date | null {
  const ms = compressedFileTime(file.compressedFileMs, file.mtimeMs);
  return ms === null ? null : new Date(ms);
}

/** Oldest rotation first, by the files' names (collect-files.ts). */
const olderFirst = (a: { path: string }, b: { path: string }): number => compareLogPaths(a.path, b.path);

const before = (a: MonthDay, b: MonthDay): boolean => a.month < b.month || (a.month === b.month && a.day < b.day);

/** A file's first line dated, with its year. */
interface DatedStart {
  year: number;
  day: MonthDay;
}

/** The year of a file that starts on `day`, after one that started at `previous`: a calendar earlier day is a year on. */
const yearAfter = (day: MonthDay, previous: DatedStart): number => (before(day, previous.day) ? previous.year + 1 : previous.year);
/** The year of a file that starts on `day`, before one that starts at `next`. */
const yearBefore = (day: MonthDay, next: DatedStart): number => (before(next.day, day) ? next.year - 1 : next.year);

/** A file written after the next newer rotation of its chain by more than this was touched since it was rotated. */
const DISORDER_SLACK_MS = 60 * 60 * 1000;

/** The first file of a chain last written after the next newer rotation (by name), with that one; or null. */
export function outOfOrder<T extends { path: string; mtimeMs: number }>(chain: readonly T[]): { older: T; newer: T } | null {
  const order = [...chain].sort(olderFirst);
  for (let k = 0; k + 1 < order.length; k++) {
    if (order[k].mtimeMs > order[k + 1].mtimeMs + DISORDER_SLACK_MS) return { older: order[k], newer: order[k + 1] };
  }
  return null;
}

/** Whether a chain's modification times are a copy's rather than its rotations'. */
export function lostTimes(chain: readonly { mtimeMs: number }[]): boolean {
  if (chain.length < 2) return false;
  const times = chain.map((f) => f.mtimeMs);
  return Math.max(...times) - Math.min(...times) < COPIED_WITHIN_MS;
}

/**
 * The years of a chain's files, in the order given, with `startYear` (from `--year`) for its oldest file's
 * first line; without it, from its newest file's modification time when the chain has lost its times, else
 * null: each file's own time then gives its year. A file whose head shows no day gets the year its neighbour
 * had, and no day (the parser gives it to its first stamp).
 */
export function chainYears(files: readonly ChainFile[], startYear?: number): FileYear[] | null {
  if (startYear === undefined && !lostTimes(files) && !outOfOrder(files)) return null;
  const order = files.map((_, i) => i).sort((a, b) => olderFirst(files[a], files[b]));
  const years: FileYear[] = new Array(files.length);
  if (startYear !== undefined) {
    // Forward from the oldest file.
    let previous: DatedStart | null = null;
    for (const i of order) {
      const day = files[i].firstDay;
      if (!day) {
        years[i] = { year: previous?.year ?? startYear };
        continue;
      }
      previous = { year: previous ? yearAfter(day, previous) : startYear, day };
      years[i] = { year: previous.year, firstDay: day };
    }
    return years;
  }
  // Backward from the newest file, whose mtime (the copy's) is still when its last line was at the latest. A
  // file whose name carries its rotation's date (mail.log-20231227.gz), or whose gzip header kept when the file
  // it compressed was last written, is dated from that instead: the copy may have been made years later.
  let next: DatedStart | null = null;
  const newest = files[order[order.length - 1]];
  const anchors = files.map((f) => rotationDate(path.basename(f.path)) ?? keptTime(f));
  // Stamps with a year that follow a file's year-less ones (rsyslog writes RFC 3339 stamps since Debian 12) say
  // when those were written, as a copy's time cannot: they date the file, and the files before it.
  for (const i of [...order].reverse()) {
    const { firstDay: day, datedStart, datedAfter } = files[i];
    if (!day) {
      years[i] = { year: next?.year ?? datedStart?.year ?? new Date(newest.mtimeMs).getUTCFullYear() };
      if (datedStart) next = { year: datedStart.year, day: datedStart };
      continue;
    }
    const anchor = anchors[i];
    next = {
      year: anchor ? StampReader.yearOfFirstStamp(anchor, day) : datedAfter ? yearUpTo(datedAfter, day)
        : next ? yearBefore(day, next) : StampReader.yearOfFirstStamp(new Date(files[i].mtimeMs), day),
      day,
    };
    years[i] = { year: next.year, firstDay: day };
  }
  // Files newer than the newest dated one (the live mail.log) follow it forward rather than the copy's time.
  const lastAnchored = order.findLastIndex((i) => anchors[i] !== null && files[i].firstDay !== null);
  if (lastAnchored !== -1) {
    let previous: DatedStart = { year: years[order[lastAnchored]].year, day: files[order[lastAnchored]].firstDay! };
    for (const i of order.slice(lastAnchored + 1)) {
      const day = files[i].firstDay;
      if (!day) {
        years[i] = { year: previous.year };
        continue;
      }
      previous = { year: yearAfter(day, previous), day };
      years[i] = { year: previous.year, firstDay: day };
    }
  }
  return years;
}

/** Whether a chain's files carry stamps with a year after year-less ones, or begin with them. */
export function datedByStamps(files: readonly ChainFile[]): boolean {
  return files.some((f) => f.datedStart || f.datedAfter);
}

/** Whether a file of a chain that lost its times kept when it was last written in its gzip header (keptTime). */
export function datedByKeptTimes(files: readonly ChainFile[]): boolean {
  return files.some((f) => f.firstDay && keptTime(f));
}

/** Whether a chain's files carry their rotation dates in their names (all but the live file may). */
export function datedByNames(files: readonly { path: string }[]): boolean {
  return files.some((f) => rotationDate(path.basename(f.path)) !== null);
}

/** A chain dated from `--year` that ends more than this before its folder's latest chain begins a year later. */
const HALF_YEAR_MS = 182 * 86_400_000;

/** When a chain's newest file with a known first day begins, as dated (NaN when no file of it shows a day). */
function lastStart(files: readonly ChainFile[], years: readonly FileYear[]): number {
  let last = Number.NaN;
  let newest: ChainFile | null = null;
  files.forEach((f, k) => {
    const day = years[k].firstDay;
    if (day && (!newest || olderFirst(newest, f) < 0)) {
      newest = f;
      last = Date.UTC(years[k].year, day.month - 1, day.day);
    }
  });
  return last;
}

/**
 * The chains of one folder, each dated from `--year` by chainYears, made to agree: a chain that ends more than
 * half a year before the latest one of the folder is a year later (the week of daily syslog files that begins
 * in January, beside the mail.log set that began in November).
 */
export function alignToLatest(chains: readonly { files: readonly ChainFile[]; years: FileYear[] }[]): void {
  const ends = chains.map((c) => lastStart(c.files, c.years));
  const latest = Math.max(...ends.filter((t) => !Number.isNaN(t)));
  chains.forEach((c, k) => {
    if (latest - ends[k] > HALF_YEAR_MS) for (const y of c.years) y.year += 1;
  });
}

/** What a file's head says of its days, and whether it is a plain file (which can be read at places); null for a file that cannot be read. */
export type HeadOf = (index: number) => Promise<{ days: HeadDays; plain: boolean; compressedFileMs: number | null } | null>;

const NO_DAYS: HeadDays = { firstDay: null, datedStart: null, datedAfter: null };

/**
 * The years chainYears gives the files of a drop, chain by chain, worked out when a chain's first file comes
 * (its other files' heads are read then; with `--year`, those of every chain of its folder, see
 * alignToLatest); undefined for a file whose own mtime gives its year.
 */
export class ChainYearPlan {
  private readonly keys: string[];
  private readonly chains = new Map<string, number[]>();
  private readonly years = new Map<number, FileYear | null>();
  private readonly lost = new Set<number>();
  /** The chains (by key) that lost their times and are dated by stamps with a year. */
  private readonly stamped = new Map<string, boolean>();
  /** The chains (by key) that lost their times and are dated by the times their gzip headers kept. */
  private readonly keptTimes = new Set<string>();
  /** Why a chain whose times go against its order was dated by the order (disorderedReason), by key. */
  private readonly disordered = new Map<string, string>();

  constructor(private readonly files: readonly { path: string; mtimeMs: number; size: number }[], private readonly startYear: number | undefined) {
    this.keys = files.map((f) => chainOf(f.path));
    this.keys.forEach((key, i) => {
      const chain = this.chains.get(key);
      if (chain) chain.push(i);
      else this.chains.set(key, [i]);
    });
  }

  async of(index: number, headOf: HeadOf): Promise<FileYear | undefined> {
    if (!this.years.has(index)) {
      if (this.startYear !== undefined) await this.planFolder(this.keys[index], this.startYear, headOf);
      else await this.planLostTimes(this.keys[index], headOf);
    }
    return this.years.get(index) ?? undefined;
  }

  /** The chain's files with what each one's head says of its days, the heads read one at a time (a chain may hold hundreds). */
  private async withHeadDays(chain: readonly number[], headOf: HeadOf): Promise<(ChainFile & { plain: boolean })[]> {
    const files: (ChainFile & { plain: boolean })[] = [];
    for (const i of chain) {
      const head = await headOf(i);
      files.push({ ...this.files[i], ...(head?.days ?? NO_DAYS), plain: head?.plain ?? false, compressedFileMs: head?.compressedFileMs ?? null });
    }
    return files;
  }

  /** Without `--year`: only a chain that lost its times needs its heads read early; the rest keep their own. */
  private async planLostTimes(key: string, headOf: HeadOf): Promise<void> {
    const chain = this.chains.get(key)!;
    const own = chain.map((i) => this.files[i]);
    // A file touched after a newer rotation (recompressed, edited) would take a year from that time against the
    // order of the set: it follows the set instead, as a copy's files do.
    const disordered = lostTimes(own) ? null : outOfOrder(own);
    if (!lostTimes(own) && !disordered) {
      for (const i of chain) this.years.set(i, null);
      return;
    }
    if (disordered) this.disordered.set(key, disorderedReason(disordered.older.path, disordered.newer.path));
    const files = await this.withHeadDays(chain, headOf);
    const newest = chain.reduce((a, b) => (olderFirst(this.files[a], this.files[b]) <= 0 ? b : a));
    // The newest file may be where rsyslog's format changed, past its head: its stamps are looked at further on.
    const live = files[chain.indexOf(newest)];
    if (live.firstDay && !live.datedAfter && live.plain) live.datedAfter = datedAfterYearLess(this.files[newest]);
    const planned = chainYears(files);
    chain.forEach((i, k) => this.years.set(i, planned ? planned[k] : null));
    // Said once, on the file whose time the others follow; not for a live set read just after a rotation (its
    // files were last written within the hour, but the newest one's time is that of its last lines).
    if (planned && (disordered || !(live.plain && writtenUpToItsTime(this.files[newest])))) {
      this.lost.add(newest);
      this.stamped.set(key, datedByStamps(files));
      if (datedByKeptTimes(files)) this.keptTimes.add(key);
    }
  }

  /** With `--year`: every chain of the folder of the chain `key`, dated together (alignToLatest). */
  private async planFolder(key: string, startYear: number, headOf: HeadOf): Promise<void> {
    const folder = path.dirname(this.files[this.chains.get(key)![0]].path);
    const planned: { chain: number[]; files: ChainFile[]; years: FileYear[] }[] = [];
    for (const chain of this.chains.values()) {
      if (path.dirname(this.files[chain[0]].path) !== folder) continue;
      const files = await this.withHeadDays(chain, headOf);
      planned.push({ chain, files, years: chainYears(files, startYear) as FileYear[] });
    }
    alignToLatest(planned);
    for (const { chain, years } of planned) chain.forEach((i, k) => this.years.set(i, years[k]));
  }

  /**
   * What the newest file of a chain that lost its modification times says of the chain's years (which follow its
   * time, or the dates in the names), or null for any other file.
   */
  lostTimesMessage(index: number): { warning: string } | { note: string } | null {
    if (!this.lost.has(index)) return null;
    const key = this.keys[index];
    const disordered = this.disordered.get(key);
    const reason = disordered ?? COPIED_REASON;
    if (datedByNames(this.chains.get(key)!.map((i) => this.files[i]))) return { note: reason + FOLLOW_NAMES };
    if (this.keptTimes.has(key)) return { note: reason + FOLLOW_GZIP };
    if (this.stamped.get(key)) return { note: reason + FOLLOW_STAMPS };
    // A set whose times go against its order was not copied: the newest file's time still says when it ended.
    return { warning: reason + FOLLOW_TIME + (disordered ? '' : GIVE_YEAR) };
  }
}

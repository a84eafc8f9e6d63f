// Reads one log file into the case: recognises content already ingested (a rotated or compressed copy, or a
// file that grew), parses every line, joins the two lines dovecot writes per try, and accounts for every line.
import { basename, dirname, join } from 'node:path';
import type { SourceReport, UnparsedPattern } from '../../shared/api';
import type { CaseStore, ShortSource } from '../store/case-store';
import { COUNTED_TWICE_CAVEAT } from '../store/sources';
import { chainOf, readError, rotationBase, type CollectedFile } from './collect-files';
import { HEAD_BYTES, MAX_LINE_BYTES, compressedFileTime, contentHashOf, contentHashesAt, grownAfterRun, readHead, runOfHeadHash, type Encoding, type FileHead } from './line-reader';
import type { ParseCounts, ParseFileResult } from './parse-file';
import { linesBefore, movedAway, resumeAt } from './resume-point';
import { followRotatedAway, type RotatedAway } from './rotated-away';
import { ParseRunner } from './parse-runner';
import { HOW_TO_GIVE_YEAR, firstYearLessDay } from './year-chain';
import { countBack, yearCountedBack, type CountedBackYear } from './year-span';
import { ownAloneRows, type ServiceFix, type SessionMemory } from '../parse/session-join';
import { LogLineParser, type UntaggedProgram } from '../parse/line-parser';
import { programOfFormat, type LogProgram } from '../formats/index';
import { StampReader, yearUpTo, type DatedDay, type MonthDay } from '../parse/timestamp';
import { unwrapStructuredLine } from '../parse/structured-line';
import { formatTs } from '../wall-clock';
import { startsAsSqlite } from '../fs/sqlite-header';
import { everyLineTwice } from './every-line-twice';
import { logHost } from './log-host';
import { untaggedProgramOf, untaggedProgramOfFile } from './untagged-file';
import { countOf } from '../../shared/count-of';

/** A count in a note, with thousands separators as in the rest of the report. */
const count = (n: number): string => n.toLocaleString('en');

export interface FileIngestProgress {
  fileBytes: number;
  lines: number;
  attempts: number;
}

export interface FileIngestOptions {
  /** The year of the file's first year-less stamp, instead of inferring it from the mtime. */
  year?: number;
  /** The (month, day) `year` is for: the file's first line (see year-chain.ts); else the first stamp parsed. */
  firstDay?: MonthDay;
  /** The year the user gave for the logs of this ingest (`--year`), which `year` is worked out from. */
  yearGiven?: number;
  /** Said in the file's report (and kept with its source in the case). */
  warnings?: string[];
  notes?: string[];
  /** Parses in a worker thread when given a threaded runner; in this thread otherwise. */
  runner?: ParseRunner;
  signal?: AbortSignal;
  onProgress?: (p: FileIngestProgress) => void;
  /**
   * What the join knew at the end of the file this one follows in its rotation chain (null when unknown):
   * a try whose auth line ended that file and whose login line starts this one is then counted once.
   * Without it, the memory of the last source read from this file's path is taken: the file there before
   * was rotated away (`ingest /var/log/mail.log` run every day). A file that goes on from where the case
   * stopped reading it uses its own memory instead.
   */
  joinAfter?: Promise<SessionMemory[] | null>;
  /** Told what the join knew at the end of this file, once it is parsed (null when that is not known). */
  onEndMemory?: (memory: SessionMemory[] | null) => void;
  /**
   * Told the services found for rows of other sources (the file before in the chain, or this file's part read
   * before): those rows may still be going into the case, so the caller gives them once every file is in.
   */
  onServiceFixes?: (fixes: (ServiceFix & { source: number })[]) => void;
  /** The case's sources shorter than a head, shared by the files of one ingest; by default read for this file. */
  shortSources?: ShortSources;
  /**
   * The sources begun by the files of this ingest before this one, which this one adds its own to: a file that
   * goes on from one of them (a log and its longer copy in one drop) was dated by the same year given.
   */
  sourcesOfThisIngest?: Set<number>;
}

/**
 * The case's sources shorter than a head (HEAD_BYTES), by the rotation base of their names (mail.log for
 * mail.log.2.gz), read from the case once per ingest: a drop of thousands of small files looks for each file's
 * earlier, shorter self, and a query per file went through every source each time. Those the ingest adds are
 * not among them: a file does not grow into another file of the same drop.
 */
export class ShortSources {
  private byBase: Map<string, ShortSource[]> | null = null;

  constructor(private readonly store: CaseStore) {}

  named(base: string): ShortSource[] {
    if (!this.byBase) {
      this.byBase = new Map();
      for (const source of this.store.findSourcesShorterThan(HEAD_BYTES)) {
        const key = rotationBase(basename(source.path));
        const list = this.byBase.get(key);
        if (list) list.push(source);
        else this.byBase.set(key, [source]);
      }
    }
    return this.byBase.get(base) ?? [];
  }
}

export interface FileIngestOutcome {
  report: SourceReport;
  state: 'done' | 'skipped' | 'failed' | 'cancelled';
  attemptsAdded: number;
  loginsAdded: number;
  /**
   * Set when nothing of the file was read and no source holds it (it could not be read, or is no log): the case
   * keeps the path with why (CaseStore.recordUnread), so that it stays accounted for after a save.
   */
  unread?: { kind: 'error' | 'passed-over'; reason: string };
}

/** A report for a file of which nothing was read (yet). */
export function emptyReport(path: string, encoding: Encoding, bytes: number): SourceReport {
  return {
    path, encoding, bytes, lines: 0, attemptLines: 0, loginLines: 0, ignoredLines: 0, unparsedLines: 0,
    attempts: 0, logins: 0, firstTs: null, lastTs: null, notes: [], warnings: [], errors: [], unparsed: [],
  };
}

/** A file to read: where it is, and the path shown and kept for it when that differs (a file from an archive). */
export type FileToRead = Pick<CollectedFile, 'path' | 'size' | 'mtimeMs' | 'shownAs' | 'foundInFolder'>;

/** What reading a file needs to know first: how it is encoded, and the hash of its first bytes. */
export interface PreparedFile {
  encoding: Encoding;
  headHash: string;
  /** The (month, day) of the file's first year-less stamp, when its head has one. */
  firstDay: MonthDay | null;
  /**
   * A compressed file damaged before its first content: its head is empty, so its hash says nothing of which
   * file it continues (every such file would seem to continue the first).
   */
  headEmpty: boolean;
  /** Whether a line of its head starts with a time stamp the parser knows: false for a file that is no log. */
  headStamped: boolean;
  /** The head itself (its first HEAD_BYTES of content, or all of a shorter file). */
  head: Buffer;
  /** For a head that is one byte over and over (the zeros of a log truncated in place), the bytes after that run. */
  afterRun: Buffer | null;
  /** Whether its lines end with a carriage return alone (classic Mac OS): read as one long line. */
  crLineEnds: boolean;
  /** When the journal ended, for a journalctl export whose first line says (wall-clock read as UTC, ms), else null. */
  journalEndMs: number | null;
  /** For a gzip file, the modification time its header kept of the file it compressed (FileHead), else null. */
  compressedFileMs: number | null;
  /** The program that wrote the file, when its lines carry no tag (untagged-file.ts), else null. */
  untagged: UntaggedProgram | null;
  /** Whether its head shows every line written twice (every-line-twice.ts). */
  everyLineTwice: boolean;
}

/**
 * journalctl's first line: `-- Logs begin at Mon 2021-03-01 10:00:00 CET, end at Tue 2021-03-02 11:00:00 CET. --`
 * (`-- Journal begins at …, ends at …` since systemd 247). Its end is when the export was made, at the latest.
 */
const JOURNAL_HEADER = /^-- (?:Logs begin at|Journal begins at) [^,\n]{0,80}, (?:end at|ends at) \S{1,12} (\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})/;

/** When the journal a journalctl export came from ended, from its first line; null for any other file. */
export function journalEnd(head: Buffer): number | null {
  const m = JOURNAL_HEADER.exec(head.subarray(0, 300).toString('latin1'));
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  return new Date(ms).getUTCDate() === day ? ms : null;
}

/** A head of text with carriage returns and not one newline: lines that end with CR alone. */
function hasCrLineEnds(head: Buffer, encoding: Encoding): boolean {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return false;
  let returns = 0;
  for (const b of head) {
    if (b === 10) return false;
    if (b === 13) returns++;
  }
  return returns >= 2;
}

/** Lines of a file's head looked at for a time stamp. */
const HEAD_LINES_FOR_STAMPS = 50;

/**
 * Whether one of the first lines of `head` has a time stamp the parser knows (a JSON line's too). A file
 * without one that yields nothing was likely dropped by mistake (a report, a config file): it is said so,
 * rather than counted silently as ignored lines. UTF-16 heads are raw bytes here, and count as stamped.
 */
function headHasStamps(head: Buffer, encoding: Encoding, mtimeMs: number): boolean {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return true;
  const stamps = new StampReader({ reference: new Date(mtimeMs) });
  for (const raw of head.toString('utf8').split('\n', HEAD_LINES_FOR_STAMPS)) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!line) continue;
    const text = line.startsWith('{') ? unwrapStructuredLine(line) ?? line : line;
    if (stamps.read(text) !== null) return true;
  }
  return false;
}

/** Sniffs the file and hashes its head; a file that cannot be read, or is no text, gives its outcome instead. */
export async function prepareFile(file: FileToRead, knownHead?: FileHead): Promise<PreparedFile | FileIngestOutcome> {
  const shown = file.shownAs ?? file.path;
  let head: FileHead;
  try {
    head = knownHead ?? await readHead(file.path);
  } catch (e) {
    const report = emptyReport(shown, 'plain', file.size);
    report.errors.push(`cannot read: ${readError(e)}`);
    return { report, state: 'failed', attemptsAdded: 0, loginsAdded: 0, unread: { kind: 'error', reason: report.errors[0] } };
  }
  const { encoding } = head;
  if (encoding === 'plain' && head.head.length === 0) {
    // Not a source yet (a live log just rotated, /var/log/btmp): every empty file would otherwise be
    // "the same content" as the first one.
    const report = emptyReport(shown, encoding, 0);
    report.notes.push('empty: nothing to read');
    return { report, state: 'skipped', attemptsAdded: 0, loginsAdded: 0, unread: { kind: 'passed-over', reason: report.notes[0] } };
  }
  if (head.binary) {
    // Tar and zip archives never come here: they were unpacked, and their files come instead (archives.ts).
    const report = emptyReport(shown, encoding, file.size);
    const what = startsAsSqlite(head.head) ? 'an SQLite database, such as a case (open a case with Open case… or swarmscope summary)' : 'the file holds binary data';
    // Beside the logs of a folder given whole (/var/log) lie databases and binary records: no fault of the file.
    // A case kept in the folder of its logs is one of them.
    if (file.foundInFolder) {
      report.notes.push(`passed over: not a text log (${what})`);
      return { report, state: 'skipped', attemptsAdded: 0, loginsAdded: 0, unread: { kind: 'passed-over', reason: report.notes[0] } };
    }
    report.errors.push(`not a text log: ${what}`);
    return { report, state: 'failed', attemptsAdded: 0, loginsAdded: 0, unread: { kind: 'error', reason: report.errors[0] } };
  }
  return {
    // A head of zeros says nothing of the lines: what follows them does.
    encoding, headHash: head.hash, firstDay: firstYearLessDay(head.afterRun ?? head.head), headEmpty: head.head.length === 0,
    headStamped: head.head.length === 0 || headHasStamps(head.afterRun ?? head.head, encoding, file.mtimeMs), head: head.head, afterRun: head.afterRun ?? null,
    crLineEnds: hasCrLineEnds(head.head, encoding), journalEndMs: journalEnd(head.head),
    compressedFileMs: head.compressedFileMs ?? null,
    // A head of zeros (afterRun) is all that is known of what follows them.
    untagged: head.afterRun ? untaggedProgramOf(head.afterRun, encoding, file.mtimeMs) : await untaggedProgramOfFile(file.path, file.size, head.head, encoding, file.mtimeMs),
    everyLineTwice: everyLineTwice(head.afterRun ?? head.head),
  };
}

/** A date written with slashes and the day or the month first, as a custom log_timestamp may write it. */
const SLASHED_DATE = /^\d{1,2}\/\d{1,2}\/\d{4} \d{2}:\d{2}/;

/** What to do about lines whose stamp Swarmscope does not read, from what the unparsed samples start with. */
function unstampedAdvice(unparsed: readonly UnparsedPattern[]): string {
  if (unparsed.some((p) => p.samples.some((sample) => SLASHED_DATE.test(sample)))) {
    return 'their dates are written with slashes (12/11/2023), which is Nov 12 in one country and Dec 11 in another, so they are '
      + 'not guessed: set dovecot\'s log_timestamp to "%Y-%m-%d %H:%M:%S " for the logs to come, and turn these dates into 2023-11-12 first '
      + '(for day first: sed -E \'s#^([0-9]{2})/([0-9]{2})/([0-9]{4})#\\3-\\2-\\1#\')';
  }
  return `export them with ${journalctlFor(programsOfSamples(unparsed))}, or set dovecot's log_timestamp to "%Y-%m-%d %H:%M:%S " for the logs to come`;
}

/** The programs whose lines a format read but left unparsed for a reason (read from the samples by that format). */
function programsOfSamples(unparsed: readonly UnparsedPattern[]): Set<LogProgram> {
  const parser = new LogLineParser({ reference: new Date() });
  const programs = new Set<LogProgram>();
  for (const sample of unparsed.flatMap((p) => p.samples)) {
    const { verdict, format } = parser.explain(sample, true);
    if (verdict.kind !== 'unparsed' || !('reason' in verdict) || format === null) continue;
    programs.add(programOfFormat(format));
  }
  return programs;
}

/**
 * The journalctl command that exports `programs` with stamps: dovecot's unit, postfix's (postfix@-.service on
 * Debian, hence the pattern), Exim's (exim4.service on Debian, exim.service elsewhere) and OpenSSH's (ssh.service
 * on Debian and Ubuntu, sshd.service elsewhere).
 */
function journalctlFor(programs: ReadonlySet<LogProgram>): string {
  const units = programs.size ? programs : new Set<LogProgram>(['dovecot']);
  const flags = [units.has('dovecot') && '-u dovecot', units.has('postfix') && "-u 'postfix*'", units.has('exim') && "-u 'exim*'", units.has('sshd') && '-u ssh'].filter(Boolean);
  return `journalctl ${flags.join(' ')} -o short-iso${units.has('sshd') ? ' (sshd\'s unit is sshd, not ssh, outside Debian and Ubuntu)' : ''}`;
}

/**
 * The warning on lines without any stamp (parse/types.ts: Undated): counted, and dated where the file says they
 * were written down, which the user must know before reading the timeline.
 */
function undatedWarning(counts: ParseCounts, fileTime: number, programs: readonly LogProgram[]): string {
  const { undated, undatedAtFileTime: atFileTime } = counts;
  const one = undated === 1;
  const fileTimeSaid = `the file's last change (${formatTs(fileTime)} UTC), the one time known to come after ${atFileTime === 1 ? 'it' : 'them'}`;
  const dated = atFileTime === undated ? `${one ? 'It is' : 'They are'} counted, dated at ${fileTimeSaid}`
    : atFileTime === 0 ? `${one ? 'It is' : 'They are'} counted, ${one ? '' : 'each '}dated at the stamped line before it`
      : `They are counted: ${count(atFileTime)} before any stamped line dated at ${fileTimeSaid}, the others each at the stamped line before it`;
  const leftOut = atFileTime === 0 ? '' : atFileTime === undated ? '; the search for incidents leaves them out'
    : '; the search for incidents leaves out those dated at the file\'s last change';
  return `${countOf(undated, 'line')} read as logins or failed logins ${one ? 'has' : 'have'} no time stamp (journalctl -o cat writes none, `
    + `-o short-monotonic only seconds since boot). ${dated}, so the timeline shows ${one ? 'it' : 'them'} there, not when ${one ? 'it' : 'they'} happened${leftOut}. `
    + `To see when, export with ${journalctlFor(new Set(programs))}`;
}

export function isOutcome(p: PreparedFile | FileIngestOutcome): p is FileIngestOutcome {
  return 'report' in p;
}

/**
 * Reads a prepared file into the case. A file with the same first bytes as one ingested before may be that
 * file again, grown or rotated: reading skips (and hashes) the content the case already holds; if that
 * prefix is not the same, the file is read whole. Sources still being read are not found (the caller
 * waits for them when a head hash is shared, see ingest.ts).
 */
export async function ingestPrepared(store: CaseStore, file: FileToRead, prepared: PreparedFile,
  options: FileIngestOptions = {}): Promise<FileIngestOutcome> {
  const byLength = (a: Lineage, b: Lineage): number => b.contentBytes - a.contentBytes;
  const sameHead = prepared.headEmpty ? [] : store.findSourcesByHeadHash(prepared.headHash).sort(byLength);
  const sameRun = sameHead.length ? [] : sourcesOfSameRun(store, prepared).sort(byLength);
  const lineage = sameHead[0] ?? sameRun[0]
    ?? (prepared.headEmpty ? undefined : grownFromShort(store, file, prepared, options.shortSources ?? new ShortSources(store)));
  // The longest source of the same head first; then shorter ones, which a file rewritten shorter at its path and
  // read since is (a journal exported again): at most a few, as each is read up to its length to be compared.
  for (const candidate of [lineage, ...(sameHead.length ? sameHead : sameRun).slice(1, MAX_LINEAGES_TRIED)]) {
    if (!candidate) continue;
    const resumed = await readFrom(store, file, prepared, candidate, options);
    if (resumed) return resumed;
  }
  // A file that only shares a run of one byte with a source (two logs after their holes) does not start like it.
  return (await readFrom(store, file, prepared, null, options, sameRun.length ? undefined : lineage))!;
}

/**
 * The sources a file whose head is a run of one byte (line-reader.ts: runHead) may continue although their head
 * hashes differ: those with the same run that held less than a head after it, all of which this file holds
 * after its run (a live log read just after it was truncated in place, grown since), and those read before runs
 * had head hashes of their own, whose head hash is that of the run alone.
 */
function sourcesOfSameRun(store: CaseStore, prepared: PreparedFile): Lineage[] {
  const run = runOfHeadHash(prepared.headHash);
  if (run === null || prepared.afterRun === null) return [];
  const grown = store.findSourcesByHeadRun(run).filter((s) => grownAfterRun(s.headHash, prepared.afterRun!)).map((s) => s.source);
  return [...grown, ...store.findSourcesByHeadHash(contentHashOf(prepared.head))];
}

/** What the report of the file now at a path says of the lines the case read from the file there before. */
function rotatedAwayNote({ from, to, lines, grownSince }: RotatedAway): string {
  const read = `the ${countOf(lines, 'line')} the case read from ${from} before`;
  if (to === null) {
    return `${read} are no longer in it, nor in a rotated file beside it: until the file they went to is read into the case, `
      + 'the raw-line viewer says their attempts\' lines are gone';
  }
  return `${read} are in ${to} now (rotated): the case names that file for them${grownSince ? `; it holds more lines after them, which reading ${to} adds` : ''}`;
}

/** Sources of one head a file is compared with, at most (the longest first). */
const MAX_LINEAGES_TRIED = 3;

type Lineage = ReturnType<CaseStore['findSourcesByHeadHash']>[number];

/**
 * The source a file goes on from when that source was shorter than a head (a fresh mail.log of a few lines,
 * read again once it grew, or rotated): its head hash is of all it held, so the file's own head hash, of more
 * bytes, does not find it. The file must start with all of that source's content, and have the name of its
 * lineage (mail.log, mail.log.1, mail.log.2.gz...): a few lines may well start another file of the same server
 * (syslog gets mail.log's lines too, among its own), which is no continuation of it.
 */
function grownFromShort(store: CaseStore, file: FileToRead, prepared: PreparedFile, shortSources: ShortSources): Lineage | undefined {
  const grown = shortSources.named(rotationBase(basename(file.shownAs ?? file.path)))
    .filter((s) => s.contentBytes < prepared.head.length
      && contentHashOf(prepared.head.subarray(0, s.contentBytes)) === s.contentHash)
    .sort((a, b) => b.contentBytes - a.contentBytes)[0];
  return grown && store.findSource(grown.id);
}

/**
 * How far past its file's modification time an attempt may be dated before the years are doubted: stamps are
 * local wall-clock time, up to 14 hours ahead of UTC, and a day more covers a clock set a little wrong.
 */
const FUTURE_SLACK_SECS = 38 * 3600;
/** A journal's end and its export file's time that differ by less than this are the same clock (no note). */
const JOURNAL_CLOCK_SLACK_MS = 2 * 86_400_000;

/**
 * Reads the file into a new source, or on into `lineage`: null when the file does not continue it. A new
 * source that `startsLike` a lineage it does not continue says so.
 */
async function readFrom(store: CaseStore, file: FileToRead, prepared: PreparedFile,
  lineage: Lineage | null, options: FileIngestOptions, startsLike?: Lineage, recounted?: CountedBackYear): Promise<FileIngestOutcome | null> {
  const { encoding, headHash } = prepared;
  const shown = file.shownAs ?? file.path;
  const report = emptyReport(shown, encoding, file.size);
  report.warnings.push(...(options.warnings ?? []));
  report.notes.push(...(options.notes ?? []));
  if (prepared.crLineEnds) {
    report.warnings.push('its lines end with a carriage return alone (as classic Mac OS wrote them), not a newline: they are read as one '
      + "line, which miscounts their tries; convert the file first (tr '\\r' '\\n' < file > file.log)");
  }
  if (prepared.untagged === 'sshd') {
    // Without sshd's process id, a client's connection is known by its address and port (ssh-connections.ts).
    report.notes.push('its lines name no program, as journalctl -u ssh -o cat, an sshd container\'s output and Windows\' OpenSSH (sshd.log) '
      + 'write them: read as sshd\'s, each connection known by sshd\'s process id where a line gives it, else by the client\'s address and port');
  }
  if (startsLike) {
    report.warnings.push(`starts like ${startsLike.path} but does not go on as the case holds it: read as a file of its own${COUNTED_TWICE_CAVEAT}`);
  }
  // A journal export's first line says when the journal ended, and a gzip header when the file it compressed was
  // last written (compressedFileTime): better clocks for its year-less stamps than the file's time, which a copy
  // loses (scp without -p).
  const compressedMs = prepared.journalEndMs === null ? compressedFileTime(prepared.compressedFileMs, file.mtimeMs) : null;
  const clockMs = prepared.journalEndMs ?? compressedMs;
  const clock = clockMs === null ? file : { ...file, mtimeMs: clockMs };
  if (prepared.journalEndMs !== null && prepared.firstDay !== null && !lineage && options.year === undefined
    && Math.abs(prepared.journalEndMs - file.mtimeMs) > JOURNAL_CLOCK_SLACK_MS) {
    report.notes.push(`its stamps, which have no year, are dated from the end of the journal its first line gives (${formatTs(prepared.journalEndMs / 1000)}), `
      + `not from the file's modification time (${formatTs(file.mtimeMs / 1000)} UTC)`);
  }
  // Said only where the two clocks give its first line different years: a rotated .gz's header is always some
  // days before the file's own time (logrotate compresses at the rotation after, delaycompress).
  if (compressedMs !== null && prepared.firstDay !== null && !lineage && options.year === undefined
    && StampReader.yearOfFirstStamp(new Date(compressedMs), prepared.firstDay) !== StampReader.yearOfFirstStamp(new Date(file.mtimeMs), prepared.firstDay)) {
    report.notes.push(`its stamps, which have no year, are dated from the time its gzip header kept of the file it compressed (${formatTs(compressedMs / 1000)} UTC), `
      + `not from the file's modification time (${formatTs(file.mtimeMs / 1000)} UTC, a copy's?)`);
  }
  // What the join knew at the end of the file read from this path before, which this one goes on from.
  const memoryAtPath = lineage ? null : store.joinMemoryAt(shown);
  // A new file at a path the case read another from: that one was rotated away, and its lines are named where they are now.
  if (!lineage && file.shownAs === undefined) for (const rotated of await followRotatedAway(store, shown)) report[rotated.to ? 'notes' : 'warnings'].push(rotatedAwayNote(rotated));
  // Where a file that continues a lineage goes on: after its content, or in its last line (see resume-point.ts).
  const from = lineage ? await resumeAt(store, file, encoding, lineage) : null;
  // A lineage is reopened only once its content is known to go on in this file (the first block read).
  let sourceId: number | null = lineage ? null : store.beginSource({ path: shown, encoding, headHash, mtime: file.mtimeMs, host: logHost(prepared.afterRun ?? prepared.head) });
  if (sourceId !== null) options.sourcesOfThisIngest?.add(sourceId);
  const source = (): number => {
    if (sourceId !== null) return sourceId;
    sourceId = store.resumeSource(lineage!.id, shown, headHash);
    if (from?.openLine) store.reopenLine(sourceId, from.openLine);
    return sourceId;
  };

  const span = { first: Infinity, last: -Infinity };
  let attemptsAdded = 0;
  let loginsAdded = 0;
  let lines = from ? from.lines : 0;
  let fileBytesRead = 0;
  const runner = options.runner ?? new ParseRunner({ inProcess: true });
  // A file of a rotation read before from another path, in another ingest, may end with the auth lines of this one's
  // first login lines (mail.log.1 last week, mail.log today): sessions are one connection's, whichever file they end.
  const sameChain = (p: string): boolean => p !== shown && chainOf(p) === chainOf(shown);
  const chainPrefix = join(dirname(shown), rotationBase(basename(shown)));
  const storedMemory = (): SessionMemory[] | null => memoryAtPath ?? store.endMemories(chainPrefix, sameChain);
  // The file before this one in the drop's chain may still be being parsed: the parse starts now (its scan
  // reads ahead) and the join waits for that file's memory, rather than the whole file for that file's rows.
  const joinMemoryLater = !from && options.joinAfter ? options.joinAfter.then((memory) => memory ?? storedMemory()) : undefined;
  const joinMemory = from ? from.joinMemory : joinMemoryLater ? undefined : storedMemory();
  // The years of a file read with none given, and on from no earlier part, may need counting back (year-span.ts).
  // A plain file's stamps are read at places first; a gzip file's only by reading it, so it is read again.
  const sameStart = startsLike && options.yearGiven === undefined ? yearOfSameStart(startsLike, prepared.firstDay) : null;
  if (sameStart && sameStart.year !== StampReader.yearOfFirstStamp(new Date(clock.mtimeMs), sameStart.firstDay)) {
    report.notes.push(`its stamps, which have no year, are dated as the case dated the same first lines of ${startsLike!.path} (its first line in ${sameStart.year}), `
      + `not from the file's modification time (${formatTs(file.mtimeMs / 1000)} UTC, a copy's?)`);
  }
  const mayCountBack = !lineage && options.year === undefined && !sameStart;
  const countedBack = recounted ?? (mayCountBack && encoding === 'plain' ? yearCountedBack(clock) : null);
  if (countedBack?.datedFrom) {
    const moved = Math.abs(countedBack.yearsBack);
    report.notes.push(`its stamps without a year run from ${countedBack.from} to ${countedBack.to}: dated from the stamps with a year that follow them `
      + `(from ${countedBack.datedFrom} on, as rsyslog writes them since an upgrade), not from the file's modification time, which would put them `
      + `${moved === 1 ? 'a year' : `${moved} years`} ${countedBack.yearsBack > 0 ? 'later' : 'earlier'}`);
  } else if (countedBack && !countedBack.sameAsLookAhead) {
    report.notes.push(`its stamps, which have no year, run from ${countedBack.from} to ${countedBack.to}: dated back from its last line, `
      + `written before the file's modification time (dated forward from that time, they would end ${countedBack.yearsBack === 1 ? 'a year' : `${countedBack.yearsBack} years`} after it)`
      + (recounted ? '; read twice, as a compressed file can only be read from its start' : ''));
  }
  let recount: CountedBackYear | null = null;
  // A compressed file that goes on from a part read before (a first reading that was cancelled) goes on in
  // that part's years, which were dated forward and could not be checked before the file's end: when this
  // reading's end comes after the file, the years were wrong, and the whole file is read again.
  const mayBeReadWhole = !!lineage && options.year === undefined;
  let readWhole = false;
  const result = await runner.parse({
    path: file.path, encoding, mtimeMs: clock.mtimeMs,
    ...(sameStart ?? (countedBack ? { year: countedBack.year, firstDay: countedBack.firstDay } : yearOfStamps(lineage && from ? { ...lineage, lastTs: from.lastTs } : lineage, options))),
    skipBytes: from?.bytes ?? 0, skipLines: from?.lines ?? 0, skipHash: from?.hash ?? null, skippedOpenLine: from?.skippedOpenLine,
    linesBefore: from ? await linesBefore(file, encoding, from.bytes) : undefined,
    joinMemory: joinMemory ?? undefined,
    // A newer rotation of this file read by an earlier ingest may start with the login lines of its last tries.
    laterStarts: lineage ? undefined : store.startMemories(chainPrefix, sameChain),
    ...(prepared.untagged === null ? {} : { untagged: prepared.untagged }),
    ...(prepared.everyLineTwice ? { everyLineTwice: true } : {}),
  }, {
    records(attempts, logins, fixes) {
      const id = source();
      // The file's time span, of its logins too (repeated-streams.ts compares two files' rows over theirs).
      widenSpan(span, attempts.ts);
      widenSpan(span, logins.ts);
      attemptsAdded += store.addAttemptColumns(id, attempts);
      loginsAdded += store.addLoginColumns(id, logins);
      // Rows of this file are in by now; those of another may still be going in.
      const here = fixes.filter((f) => f.source === null).map((f) => ({ ...f, source: id }));
      const elsewhere = fixes.filter((f): f is ServiceFix & { source: number } => f.source !== null);
      store.giveServices(here);
      if (elsewhere.length) options.onServiceFixes?.(elsewhere);
      options.onProgress?.({ fileBytes: fileBytesRead, lines, attempts: attemptsAdded });
    },
    progress(fileBytes, lineNo) {
      source();
      lines = lineNo;
      fileBytesRead = fileBytes;
      options.onProgress?.({ fileBytes, lines, attempts: attemptsAdded });
    },
    cancelled: () => !!options.signal?.aborted,
    joinEnded(end) {
      if (lineage && !end.prefixMatched) return; // not a continuation: the file is read again, whole
      // A compressed file read forward whose last line comes after it is read again, counted back (one going on
      // from a part read before is read again whole, see mayBeReadWhole); the file after it in its chain then
      // starts from what that reading's join knew, not this one's (dated years late).
      const back = encoding !== 'plain' && end.whole && end.yearLessSpan ? countBack(end.yearLessSpan, clock.mtimeMs) : null;
      if (mayCountBack && !countedBack) recount = back;
      readWhole = mayBeReadWhole && back !== null;
      if (recount || readWhole) return;
      // Nothing read (the same content as the lineage): the case's memory of the lineage's end is this file's.
      options.onEndMemory?.(!end.whole ? null : sourceId === null ? from?.joinMemory ?? null : ownAloneRows(end.memory, sourceId));
    },
  }, joinMemoryLater);

  if (lineage) {
    if (!result.prefixMatched) return (await olderCopy(lineage, result)) ? skippedAsOlderCopy(report, lineage, result) : null;
    if (options.yearGiven !== undefined && !options.sourcesOfThisIngest?.has(lineage.id)) {
      report.warnings.push(`the year given (${options.yearGiven}) does not date again the lines of ${lineage.path} already in the case, read before: `
        + 'they keep the dates they were given then; to date them by that year, read the logs into a new case');
    }
    const { passed, startOf } = from!;
    if (sourceId === null && !result.error && !result.damagedCompression && !result.cancelled) {
      if (!passed.length && !startOf && lineage.path !== shown && (await movedAway(lineage.path, headHash))) {
        // Rotated: the case's lines are at this path now, and the old one holds other lines (the new live log).
        store.moveSource(lineage.id, shown, encoding, file.size);
        report.notes.push(`same content as ${lineage.path} when it was read, already in the case (${countOf(lineage.lines, 'line')}): `
          + 'the case now names this file as where its lines are');
        return { report, state: 'skipped', attemptsAdded: 0, loginsAdded: 0 };
      }
      const parts = [lineage, ...passed].map((s) => s.path).concat(startOf ? [`the first ${countOf(startOf.lines, 'line')} of ${startOf.source.path}`] : []);
      report.notes.push(parts.length > 1
        ? `same content as ${parts.join(', then ')}, put together, already in the case (${countOf(from!.lines, 'line')})`
        : `same content as ${lineage.path}, already in the case (${countOf(lineage.lines, 'line')})`);
      return { report, state: 'skipped', attemptsAdded: 0, loginsAdded: 0 };
    }
    const kept = passed.length ? lineage.lines : from!.lines;
    const already = kept === 0 ? '' : `${kept === 1 ? 'its first line is' : `its first ${count(kept)} lines are`} already in the case`;
    const again = from!.openLine ? `line ${count(from!.openLine.line)}, which syslog was still writing when it was read, was read again, whole` : '';
    report.notes.push(`continues ${lineage.path}: ${[already, again].filter(Boolean).join('; ')}`);
    // Lines already in the case as another file's: ignored here, not counted twice.
    for (const [k, s] of passed.entries()) {
      const first = lineage.lines + passed.slice(0, k).reduce((n, p) => n + p.lines, 0) + 1;
      report.notes.push(`its lines ${count(first)} to ${count(first + s.lines - 1)} are the whole of ${s.path}, already in the case: ignored here`);
    }
  }

  if (readWhole && sourceId !== null && !result.cancelled) {
    store.discardSource(sourceId);
    return readFrom(store, file, prepared, null, options);
  }
  if (recount && sourceId !== null && !result.cancelled) {
    store.discardSource(sourceId);
    return readFrom(store, file, prepared, null, options, startsLike, recount);
  }

  const { counts } = result;
  let state: FileIngestOutcome['state'] = result.cancelled ? 'cancelled' : 'done';
  const damage = result.damagedCompression;
  if (damage && counts.lines === 0 && !lineage) {
    report.errors.push(`not readable as ${encoding}: ${damage.message}`);
    state = 'failed';
  } else if (damage?.foundAtEnd) {
    report.warnings.push(`the ${encoding} content is damaged (${damage.message}); the ${countOf(counts.lines, 'line')} read ${counts.lines === 1 ? 'was' : 'were'} kept, but `
      + 'the damage is among them: the check that found it comes at the end of what it covers');
  } else if (damage) {
    const cutLine = damage.cutLineBytes ? `, not the line it cut short (${countOf(damage.cutLineBytes, 'byte')})` : '';
    // Those read before (a copy cut short, read again once whole up to further on) are among them.
    const before = result.lastLine;
    report.warnings.push(`${damage.message}; the ${countOf(before, 'line')} before the damage ${before === 1 ? 'was' : 'were'} read${cutLine}`);
  }
  if (result.trailingBytes) {
    report.warnings.push(`the gzip data ends ${countOf(result.trailingBytes, 'byte')} before the file does: those bytes `
      + 'are not gzip (trailing garbage, which gzip -d ignores too) and were not read; every line of the gzip data was read');
  }
  if (result.error) {
    report.errors.push(`reading stopped after line ${result.lastLine}: ${result.error}`);
    state = 'failed';
  }
  if (counts.unstamped) {
    const one = counts.unstamped === 1;
    report.warnings.push(`${countOf(counts.unstamped, 'line')} read as logins or failed logins ${one ? 'has' : 'have'} a time stamp Swarmscope does not read, and `
      + `${one ? 'was' : 'were'} not counted (see the unparsed lines); ${unstampedAdvice(result.unparsed)}`);
  }
  if (counts.undated) report.warnings.push(undatedWarning(counts, result.fileTime, result.undatedPrograms));
  if (counts.hostNamed) {
    const one = counts.hostNamed === 1;
    report.warnings.push(`${countOf(counts.hostNamed, 'failed login')} name${one ? 's' : ''} the client by host name, not address, and `
      + `${one ? 'was' : 'were'} not counted (see the unparsed lines): sshd looked the address up (UseDNS yes), and a name `
      + 'tells neither where a try came from nor what to block; set UseDNS no in sshd_config (the default since OpenSSH 6.8) so that sshd logs addresses');
  }
  if (counts.notUtf8Lines) {
    const one = counts.notUtf8Lines === 1;
    report.warnings.push(`${countOf(counts.notUtf8Lines, 'line')} about logins ${one ? 'holds' : 'hold'} bytes that are not UTF-8 (a log written in Latin-1?): `
      + `each such byte is kept as � in the user names and passwords (convert the file with iconv -f latin1 -t utf-8 to keep them)`);
  }
  if (counts.nulLines) {
    const one = counts.nulLines === 1;
    report.warnings.push(`${countOf(counts.nulLines, 'line')} ${one ? 'holds' : 'hold'} NUL bytes, as a file damaged on disk does: `
      + `${one ? 'it was read as it is' : 'they were read as they are'}, and a try whose words the NUL bytes broke is among the unparsed or ignored lines`);
  }
  if (counts.writtenTwice) {
    const one = counts.writtenTwice === 1;
    const which = prepared.everyLineTwice ? 'of a login or a failed login' : 'of a login or of a dovecot session';
    report.notes.push(`${countOf(counts.writtenTwice, 'line')} ${which} ${one ? 'was' : 'were'} the line before ${one ? 'it' : 'them'} again, word for word `
      + `(a logger that writes each message twice, such as two rsyslog rules for one file): counted once, the copies among the ignored lines`
      + (prepared.everyLineTwice ? '; the file\'s first lines all come in such pairs, so alike failures of sshd\'s and postfix\'s are copies too' : ''));
  }
  if (counts.cut) {
    report.warnings.push(`${countOf(counts.cut, 'line')} longer than ${MAX_LINE_BYTES / 1024} KiB ${counts.cut === 1 ? 'was' : 'were'} cut to that length`);
  }
  if (span.last > clock.mtimeMs / 1000 + FUTURE_SLACK_SECS) {
    const datedPastFile = `attempts and logins dated up to ${formatTs(span.last)}, after the file was last written (${formatTs(clock.mtimeMs / 1000)} UTC)`;
    // A year given (or a rotation set's) dates a log in time order before its file too: a copy is written after its lines.
    report.warnings.push(options.year === undefined
      ? `${datedPastFile}: the years of its stamps, read from that time, are likely wrong; give the year the logs begin (${HOW_TO_GIVE_YEAR})`
      : `${datedPastFile}, counted on from the year set for its first line: that year is too late, or its lines are not in time order `
        + '(sorted by another field, or shuffled: each step back of months is read as a New Year)');
  }
  if (result.readBackBeforeFile > 0) {
    const one = result.readBackBeforeFile === 1;
    report.notes.push(`its lines are not in time order: ${countOf(result.readBackBeforeFile, 'line')} ${one ? 'jumps' : 'jump'} from the one before by more `
      + `than a week ahead, or by months back, which, read as a New Year, would have dated ${one ? 'it' : 'them'} after the file was last written `
      + `(${formatTs(clock.mtimeMs / 1000)} UTC); ${one ? 'it was' : 'they were'} dated in the year before, with the lines after ${one ? 'it' : 'them'} `
      + '(files put together out of their order, as zcat -f mail.log* puts mail.log.10 before mail.log.2, or two logs one after the other)');
  }
  if (result.impossibleDays.count > 0) {
    const why = options.year === undefined && !lineage
      ? `the year read from the file's modification time is wrong for them (a copy that lost its time?); give the year the logs begin (${HOW_TO_GIVE_YEAR})`
      : 'the year given is wrong for them, or the lines are damaged';
    report.warnings.push(`${countOf(result.impossibleDays.count, 'line')} stamped on a day that does not exist (${result.impossibleDays.example}), `
      + `dated on the day after: no clock writes one, so ${why}`);
  }
  // A file of one line without a newline may be a log whose first line syslog is writing: not judged yet.
  const onlyOpenLine = result.openLine?.line === 1;
  // A new file read whole that gave nothing to count, nor any line that looks like a failed login.
  const nothingCounted = state === 'done' && !lineage && counts.lines > 0 && attemptsAdded + loginsAdded === 0 && !counts.unparsedLines && !onlyOpenLine;
  if (nothingCounted && !prepared.headStamped) {
    const lines = counts.lines === 1 ? 'its one line is not' : `none of its ${count(counts.lines)} lines is`;
    const said = `does not look like a log: none of its first lines starts with a time stamp Swarmscope reads, and ${lines} a login or a failed login`;
    // Beside the logs of a folder given whole lie other files (reports, configs): no fault of the file.
    if (file.foundInFolder) report.notes.push(said);
    else report.warnings.push(`${said} (was it dropped by mistake?)`);
  } else if (nothingCounted && !counts.attemptLines && !counts.loginLines) {
    // A log, but of other programs (syslog, kern.log) or of a mail server's quiet days: "0 attempts" alone left the
    // user to wonder whether it was read at all, or why not.
    report.notes.push(`no login or failed login in its ${countOf(counts.lines, 'line')}: Swarmscope reads dovecot's, postfix's, Exim's and sshd's, `
      + 'which they write to mail.log, exim4/mainlog (exim_mainlog), auth.log or secure');
  }
  if (state === 'cancelled') report.notes.push(`cancelled after line ${count(result.lastLine)}; ingesting the file again continues from there`);
  // Content ends with a line unless it ends in a hole (line-reader.ts): no line at all is zeros alone.
  else if (state === 'done' && !lineage && result.lastLine === 0 && result.contentBytes > 0) {
    report.notes.push(`no lines: its ${countOf(result.contentBytes, 'byte')} ${result.contentBytes === 1 ? 'is a zero' : 'are all zeros'} (a file the system had not written out, or a sparse binary file)`);
  }
  const passedLines = from?.passed.reduce((n, s) => n + s.lines, 0) ?? 0;
  Object.assign(report, {
    lines: counts.lines + passedLines, attemptLines: counts.attemptLines, loginLines: counts.loginLines,
    ignoredLines: counts.ignoredLines + passedLines, unparsedLines: counts.unparsedLines,
    attempts: attemptsAdded, logins: loginsAdded,
    firstTs: Number.isFinite(span.first) ? formatTs(span.first) : null,
    lastTs: Number.isFinite(span.last) ? formatTs(span.last) : null,
    unparsed: result.unparsed,
  });
  store.finishSource(source(), {
    ...report, contentHash: result.contentHash, contentBytes: result.contentBytes, totalLines: result.lastLine, joinMemory: ownAloneRows(result.joinMemory, source()),
    openLine: result.openLine && { ...result.openLine, memory: ownAloneRows(result.openLine.memory, source()) },
    startMemory: result.startMemory,
    systemPamLines: counts.systemPamLines, postfixSaslLines: counts.postfixSaslLines, sshdLines: counts.sshdLines,
    dovecotAuthLines: counts.dovecotAuthLines,
    undatedAtFileTime: { lines: counts.undatedAtFileTime, ts: result.fileTime },
  });
  return { report, state, attemptsAdded, loginsAdded };
}

/**
 * The year of the stamps to read. The rest of a file read before goes on from where it stopped: its first
 * stamp follows the latest attempt already in the case (a file's modification time could say otherwise for
 * a copy, and the join across the cut needs both parts in one time line). `--year` anchors at the file's
 * first line, for every part alike.
 */
function yearOfStamps(lineage: Lineage | null, options: FileIngestOptions): { year?: number; firstDay?: MonthDay } {
  const last = lineage?.lastTs;
  if (options.year !== undefined || !last) return { year: options.year, firstDay: options.firstDay };
  const { year, month, day } = dayOfStamp(last);
  return { year, firstDay: { month, day } };
}

/** The day of a stamp as the case keeps it (`YYYY-MM-DD HH:MM:SS`). */
function dayOfStamp(ts: string): DatedDay {
  return { year: Number(ts.slice(0, 4)), month: Number(ts.slice(5, 7)), day: Number(ts.slice(8, 10)) };
}

/**
 * The year of the first line of a file that starts with the same lines as `lineage` but does not go on as the case
 * holds it (an older copy of a log whose file has grown or gone since, kept elsewhere): the year the case gave those
 * lines. The file's own time may be a copy's (scp without -p); dated from it, the same lines would land in another
 * year, and the tries they share would not be found as one (store/repeated-streams.ts). The first line is written
 * on or before the lineage's first attempt or login (yearUpTo). Null where the file's first stamp has a year of its
 * own, or the lineage holds no row.
 */
function yearOfSameStart(lineage: Lineage, firstDay: MonthDay | null): { year: number; firstDay: MonthDay } | null {
  if (!firstDay || !lineage.firstTs) return null;
  return { year: yearUpTo(dayOfStamp(lineage.firstTs), firstDay), firstDay };
}

/**
 * Whether a file that starts like `lineage` but is shorter than what the case holds of it (`result` read it
 * through, hashing it, without reaching the end of the content to skip) is an older copy of it: the case's
 * content of `lineage` then starts with the whole file. Only the file at the lineage's path can tell, if it
 * still starts with that content (a live log that has grown since does). A compressed copy cut short (a copy
 * that stopped, a disk that filled) is one too: all that can be read of it is that content.
 */
async function olderCopy(lineage: Lineage, result: ParseFileResult): Promise<boolean> {
  if (result.error || result.cancelled || result.contentBytes === 0 || result.contentBytes >= lineage.contentBytes) return false;
  const hashes = await contentHashesAt(lineage.path, [result.contentBytes, lineage.contentBytes]);
  return hashes !== null && hashes[0] === result.contentHash && hashes[1] === lineage.contentHash;
}

function skippedAsOlderCopy(report: SourceReport, lineage: Lineage, result: ParseFileResult): FileIngestOutcome {
  const damage = result.damagedCompression;
  report.notes.push(damage
    ? `a shorter copy of ${lineage.path}, damaged (${damage.message}): all it holds before the damage is already in the case`
    : `an older, shorter copy of ${lineage.path}: all of it is already in the case`);
  return { report, state: 'skipped', attemptsAdded: 0, loginsAdded: 0 };
}

/**
 * Widens `span` to the earliest and latest of `ts`. A loop in a function of its own, so that V8's optimised
 * version of it is not thrown back by the code after it in the caller (see store/rollups.ts).
 */
function widenSpan(span: { first: number; last: number }, ts: Float64Array): void {
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i];
    if (t < span.first) span.first = t;
    if (t > span.last) span.last = t;
  }
}

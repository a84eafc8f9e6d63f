// Turns what the user dropped (files and folders) into the list of files to read, in a stable order.
import fs from 'node:fs';
import path from 'node:path';

export interface CollectedFile {
  path: string;
  size: number;
  mtimeMs: number;
  /**
   * The path reported and kept in the case, when it is not where the file is read from: a file unpacked from
   * an archive is shown as the archive's path and its path in it (archives.ts).
   */
  shownAs?: string;
  /** Found in a folder (or an archive) rather than named: a file there that is no log is passed over, not an error. */
  foundInFolder?: boolean;
}

export interface CollectResult {
  files: CollectedFile[];
  /**
   * Paths that could not be read, and why; with their size when they are files (a broken archive), and their
   * modification time when it is known (ms), which the case keeps with them (store/unread-paths.ts).
   */
  problems: { path: string; error: string; bytes?: number; mtimeMs?: number }[];
  /** Entries of a folder that were passed over on purpose (a pipe, a device, a link to a folder), with why; their size and time when known. */
  skipped: { path: string; reason: string; bytes?: number; mtimeMs?: number }[];
}

/**
 * Why a file or folder could not be read, for the user: the system's message, and for a permission denied
 * what to do about it (a distribution's /var/log/mail.log is for root and the adm group alone).
 */
export function readError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const message = (e as Error).message ?? String(e);
  if (code === 'EACCES' || code === 'EPERM') {
    return `${message} (logs are often readable by root and the adm group alone: run Swarmscope as a user who may read them, or give it a copy)`;
  }
  return message;
}

/** A symbolic link whose links lead back to it (or on past the system's limit): it reaches no file. */
const LINK_LOOP = 'a loop of symbolic links, which leads to no file';

/** What a folder entry that is neither a file nor a folder is, for the user. */
function kindOf(st: fs.Stats): string {
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Files of /var/log that hold binary records, never text: the system's login records and systemd's journal.
 * A folder given whole (/var/log) holds them, and lastlog is a sparse file as long as the highest user id
 * makes it (hundreds of gigabytes where users come from a directory), whose zeros would take minutes to read
 * for nothing. Named one by one, they are read and refused by their content (ingest-file.ts).
 */
const LOGIN_RECORDS = new Set(['utmp', 'wtmp', 'btmp', 'utmpx', 'wtmpx', 'lastlog', 'faillog', 'tallylog']);
const JOURNAL_FILE = /\.journal~?$/;

/** A file this much longer than what is stored of it is mostly holes: a sparse binary file, not a log. */
const SPARSE_RATIO = 64;
/** Shorter files are read whatever they are: it costs little. */
const SPARSE_MIN_BYTES = 64 * 1024 * 1024;

/** Why a file found in a folder is passed over without being read, or null to read it. */
export function passOverInFolder(name: string, st: Pick<fs.Stats, 'size' | 'blocks'>): string | null {
  const base = rotationBase(name);
  if (LOGIN_RECORDS.has(base)) return `the system's binary record of logins (${base}), not a text log`;
  if (JOURNAL_FILE.test(name)) return 'a binary file of the systemd journal; export it as text with journalctl -u dovecot -o short-iso';
  // The lock an ingest takes beside its case (cli/case-lock.ts), when the case lives in the folder it reads.
  if (name.endsWith('.lock')) return 'a lock file, not a log';
  // Windows gives no block count; a file system that compresses stores logs in fewer blocks, never 64 times fewer.
  if (process.platform !== 'win32' && st.size >= SPARSE_MIN_BYTES && st.blocks * 512 * SPARSE_RATIO < st.size) {
    return `a sparse file (${sizeInWords(st.size)} long, of which ${sizeInWords(st.blocks * 512)} are stored), as binary records are, not a text log`;
  }
  return null;
}

function sizeInWords(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024).toLocaleString('en')} kB`;
  return `${Math.round(bytes / (1024 * 1024)).toLocaleString('en')} MB`;
}

/**
 * Walks folders recursively (following no symlinked folders, so a link loop cannot hang the walk), skips
 * hidden entries inside folders (`.DS_Store`, editors' swap files) without a word, says which other entries
 * it passed over (pipes, binary records: passOverInFolder), and returns each file once.
 */
export async function collectFiles(inputs: string[]): Promise<CollectResult> {
  const files: CollectedFile[] = [];
  const problems: CollectResult['problems'] = [];
  const skipped: CollectResult['skipped'] = [];
  const seen = new Map<string, CollectedFile>();

  const visit = async (p: string, top: boolean): Promise<void> => {
    let st: fs.Stats;
    try {
      st = top ? await fs.promises.stat(p) : await fs.promises.lstat(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      problems.push({ path: p, error: code === 'ENOENT' ? 'no such file or folder' : code === 'ELOOP' ? LINK_LOOP : readError(e) });
      return;
    }
    if (st.isSymbolicLink()) {
      try {
        st = await fs.promises.stat(p);
      } catch (e) {
        problems.push({ path: p, error: (e as NodeJS.ErrnoException).code === 'ELOOP' ? LINK_LOOP : 'broken symbolic link' });
        return;
      }
      if (st.isDirectory()) {
        skipped.push({ path: p, reason: 'a link to a folder, which is not followed (give the folder itself to read it)', mtimeMs: st.mtimeMs });
        return;
      }
    }
    if (st.isDirectory()) {
      let names: string[];
      try {
        names = await fs.promises.readdir(p);
      } catch (e) {
        problems.push({ path: p, error: `cannot list folder: ${readError(e)}`, mtimeMs: st.mtimeMs });
        return;
      }
      for (const name of names.sort(compareLogNames)) {
        if (name.startsWith('.')) continue;
        await visit(path.join(p, name), false);
      }
      return;
    }
    if (!st.isFile()) {
      // Reading a pipe or a device could wait for ever, or never end (/dev/zero).
      if (top) problems.push({ path: p, error: `${kindOf(st)}, not a regular file`, mtimeMs: st.mtimeMs });
      else skipped.push({ path: p, reason: `${kindOf(st)}, not a regular file`, mtimeMs: st.mtimeMs });
      return;
    }
    const passOver = top ? null : passOverInFolder(path.basename(p), st);
    if (passOver) {
      skipped.push({ path: p, reason: passOver, bytes: st.size, mtimeMs: st.mtimeMs });
      return;
    }
    const real = await fs.promises.realpath(p).catch(() => p);
    const before = seen.get(real);
    if (before) {
      if (top) delete before.foundInFolder; // named as well: it is read as a named file
      return;
    }
    const file: CollectedFile = { path: p, size: st.size, mtimeMs: st.mtimeMs, ...(top ? {} : { foundInFolder: true }) };
    seen.set(real, file);
    files.push(file);
  };

  for (const input of inputs) await visit(path.resolve(input), true);
  // A file passed over in its folder and named as well is read: it was not passed over, then.
  const read = new Set(files.map((f) => f.path));
  return { files: inRotationOrder(files), problems, skipped: skipped.filter((s) => !read.has(s.path)) };
}

/**
 * Oldest rotation first (`mail.log.3.gz`, `mail.log.2.gz`, `mail.log.1`, `mail.log`), so that a case is
 * built in time order and a file that later grows is seen before its rotated copies.
 */
export function compareLogNames(a: string, b: string): number {
  const ka = rotationKey(a);
  const kb = rotationKey(b);
  if (ka.base !== kb.base) return ka.base < kb.base ? -1 : 1;
  return kb.n - ka.n;
}

/** compareLogNames for paths: by their file names, oldest rotation first. */
export function compareLogPaths(a: string, b: string): number {
  return compareLogNames(path.basename(a), path.basename(b));
}

/** The rotation chain a file belongs to: its folder and the name its rotations share. */
export function chainOf(file: string): string {
  return `${path.dirname(file)}\0${rotationBase(path.basename(file))}`;
}

/**
 * Puts the files of each rotation chain in rotation order (oldest first), in the places the chain's files
 * hold in the list, and leaves the rest of the order as given. Files named one by one come in the order the
 * user or the shell gave them: `mail.log*` puts the live `mail.log` before its rotations, and a file manager's
 * drop can be in any order. Read in that order, a try cut by a rotation would count twice (its halves are
 * joined only from the older file to the newer, see chain-join.ts).
 */
function inRotationOrder(files: CollectedFile[]): CollectedFile[] {
  const slots = new Map<string, number[]>();
  files.forEach((file, i) => {
    const chain = chainOf(file.path);
    const taken = slots.get(chain);
    if (taken) taken.push(i);
    else slots.set(chain, [i]);
  });
  const ordered = [...files];
  for (const indexes of slots.values()) {
    if (indexes.length < 2) continue;
    const chain = indexes.map((i) => files[i]).sort((a, b) => compareLogPaths(a.path, b.path));
    indexes.forEach((slot, k) => (ordered[slot] = chain[k]));
  }
  return ordered;
}

/** The name a rotation chain's files share: `mail.log` for `mail.log.2.gz`, `mail.log.1` and `mail.log-20231112.gz`. */
export function rotationBase(name: string): string {
  return rotationKey(name).base;
}

/** The suffix a rotation's compression adds (those decompress.ts reads), as a regular expression's source. */
const COMPRESSED = String.raw`(?:\.gz|\.bz2|\.xz|\.zst)?`;

/**
 * logrotate's dateext names: the default `-%Y%m%d` (mail.log-20231112.gz), and the `dateformat`s in use:
 * with the hour, minute and second (`-%Y%m%d%H`, hourly rotation), with dashes (`-%Y-%m-%d`, `.%Y-%m-%d`),
 * and with the epoch seconds after the date (`-%Y%m%d-%s`).
 */
const DATED = new RegExp(String.raw`^(.*?)[-._](\d{4})(-?)(0[1-9]|1[0-2])\3(0[1-9]|[12]\d|3[01])(?:[-_T]?([01]\d|2[0-3])(?::?([0-5]\d))?(?::?([0-5]\d))?)?(?:-\d{9,11})?${COMPRESSED}$`);

/**
 * The date in a rotated file's name (logrotate's dateext: `mail.log-20231227.gz`, also with the hour), as UTC,
 * or null for a name without one. The rotation wrote it within a day or so of the file's last line.
 */
export function rotationDate(name: string): Date | null {
  const dated = DATED.exec(name);
  if (!dated) return null;
  const [, , year, , month, day, hour = '00', minute = '00', second = '00'] = dated;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)));
  // Feb 31 rolls over into March: no rotation wrote it.
  return date.getUTCDate() === Number(day) ? date : null;
}

/** Numbered rotations: `mail.log.1`, `mail.log.2.gz`. */
const ROTATED = new RegExp(String.raw`^(.*?)\.(\d+)${COMPRESSED}$`);

function rotationKey(name: string): { base: string; n: number } {
  // A date first: `mail.log.20231112` is a date, not the 20-millionth rotation.
  const dated = DATED.exec(name);
  if (dated) {
    const [, base, year, , month, day, hour = '00', minute = '00', second = '00'] = dated;
    // Older dates sort first, the live file (0) last.
    return { base, n: 1e14 - Number(`${year}${month}${day}${hour}${minute}${second}`) };
  }
  const piece = SPLIT_PIECE.exec(name) ?? SPLIT_LETTERS.exec(name);
  if (piece && !NOT_PIECES.has(piece[2])) return { base: piece[1], n: FIRST_PIECE - pieceIndex(piece[2]) };
  const m = ROTATED.exec(name);
  // `.0` (savelog, logrotate's `start 0`) is the newest rotation: still older than the live file (0).
  if (m) return { base: m[1], n: Number(m[2]) + 1 };
  return { base: name.replace(/\.gz$/, ''), n: 0 };
}

/**
 * Pieces of one log cut by `split -d` (`x00`, `x01`, or with a prefix `mail.log.00`, or `-a 3`: `mail.log.000`,
 * gzipped or not): numbered from zero with leading zeros, which logrotate never writes. The first piece is the
 * oldest, the reverse of a rotation's numbers.
 */
const SPLIT_PIECE = new RegExp(String.raw`^(x|.+?(?=[-._]0\d+${COMPRESSED}$))[-._]?(0\d+)${COMPRESSED}$`);
/**
 * Pieces cut by `split` with its letter suffixes: `xaa`, `xab`, … when no prefix is given, or after a log's
 * name and a separator (`mail.log.aa`, `maillog-ab`). Only after a name ending in `log`, and not the
 * extensions of NOT_PIECES: letters after a dot are otherwise a file's extension.
 */
const SPLIT_LETTERS = new RegExp(String.raw`^(x(?=[a-z]{2}(?:\.gz)?$)|.*log(?=[-._]))[-._]?([a-z]{2,3})${COMPRESSED}$`);
const NOT_PIECES = new Set(['gz', 'xz', 'bz', 'lz', 'zst', 'old', 'bak', 'txt', 'err', 'log', 'out', 'tmp', 'new', 'csv', 'tsv', 'sav', 'swp', 'dat', 'bin', 'zip', 'tar', 'tgz', 'rar', 'pdf', 'ml', 'ls']);
/** Above every numbered rotation (and the live file, 0), below every dated one: pieces are not rotations. */
const FIRST_PIECE = 1e12;

/** A piece's place: `00` is 0, `aa` is 0, `ab` 1, `ba` 26. */
function pieceIndex(suffix: string): number {
  if (/^\d+$/.test(suffix)) return Number(suffix);
  let n = 0;
  for (const c of suffix) n = n * 26 + (c.charCodeAt(0) - 97);
  return n;
}

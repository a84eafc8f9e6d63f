// Logs sent as an archive, found by its content, not its name: a tar (`tar czf logs.tgz /var/log/mail.log*`),
// plain or in any compression decompress.ts reads, or a zip. Its files are read as if it were a folder.
// Each archive is unpacked into a folder of its own under the system's temporary folder, with each file's
// modification time as the archive keeps it (the years of syslog stamps come from it), and the files are
// reported and kept in the case under the archive's path and their path in it (`/cases/logs.tgz/var/log/mail.log.1`).
// The folder goes when the ingest ends.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Extract, Header } from 'tar-stream';
import type { Entry, ZipFile } from 'yauzl';
import { collectFiles, type CollectResult, type CollectedFile } from './collect-files';
import { openContent, probeArchive, type ArchiveKind, type FileHead } from './line-reader';

/** The files to read once archives are unpacked, and what reading them found out. */
export interface ExpandedFiles extends CollectResult {
  /** Heads read whole to look for archives (compressed other than gzip), by path, for prepareFile to use. */
  heads: Map<string, FileHead>;
  /** Removes the unpacked files. */
  cleanUp: () => Promise<void>;
}

export interface UnpackOptions {
  /** Stops unpacking: the files unpacked so far are kept (the ingest then reads none of them). */
  signal?: AbortSignal;
  /** Told how far into an archive unpacking is, several times a second at most as bytes come. */
  onUnpacking?: (archive: string, bytesRead: number, bytesTotal: number) => void;
}

/** Replaces each tar archive among `files` with the files in it, in its place and in rotation order. */
export async function expandArchives(collected: CollectResult, options: UnpackOptions = {}): Promise<ExpandedFiles> {
  const heads = new Map<string, FileHead>();
  const files: CollectedFile[] = [];
  const problems = [...collected.problems];
  const skipped = [...collected.skipped];
  const unpacked: string[] = [];
  const cleanUp = async (): Promise<void> => {
    await Promise.all(unpacked.map((dir) => fs.promises.rm(dir, { recursive: true, force: true })));
  };
  try {
    await expandEach(collected.files, { files, problems, skipped, heads, unpacked }, options);
  } catch (e) {
    await cleanUp();
    throw e;
  }
  return { files, problems, skipped, heads, cleanUp };
}

/**
 * Archives inside archives are unpacked as far down as this (logs.zip holding a tgz of the rotated logs); a
 * deeper one is passed over, so that an archive holding itself (a zip quine) cannot unpack for ever.
 */
const MAX_ARCHIVE_DEPTH = 4;

async function expandEach(collected: CollectedFile[], into: Omit<ExpandedFiles, 'cleanUp'> & { unpacked: string[] }, options: UnpackOptions,
  depth = 1): Promise<void> {
  const { files, problems, skipped, heads, unpacked } = into;
  for (const file of collected) {
    let probe: { archive: ArchiveKind | null; head?: FileHead };
    try {
      probe = await probeArchive(file.path);
    } catch {
      files.push(file); // reading it says what is wrong with it
      continue;
    }
    if (probe.archive === null) {
      if (probe.head) heads.set(file.path, probe.head);
      files.push(file);
      continue;
    }
    // An archive from inside another is named by its path in that one.
    const archiveShown = file.shownAs ?? file.path;
    if (depth > MAX_ARCHIVE_DEPTH) {
      skipped.push({ path: archiveShown, reason: `a ${probe.archive} archive inside ${MAX_ARCHIVE_DEPTH} others, which is not unpacked`, bytes: file.size, mtimeMs: file.mtimeMs });
      continue;
    }
    const folder = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'swarmscope-archive-'));
    unpacked.push(folder);
    const shown = (p: string): string => path.join(archiveShown, path.relative(folder, p));
    let damage: Error | null = null;
    try {
      skipped.push(...await (probe.archive === 'zip' ? unpackZip : unpackTar)(file, folder, options));
    } catch (e) {
      damage = e as Error;
    }
    const inside = await collectFiles([folder]);
    if (damage) {
      // A tar is read from its start, so what comes before damage is there; a zip lists its files at its end.
      const unpacked = inside.files.length;
      const kept = unpacked === 0 ? 'nothing in it could be unpacked'
        : `the ${unpacked === 1 ? 'file' : `${unpacked.toLocaleString('en')} files`} ${probe.archive === 'tar' ? 'before the damage' : 'unpacked before it'} ${unpacked === 1 ? 'is' : 'are'} read`;
      problems.push({ path: archiveShown, bytes: file.size, mtimeMs: file.mtimeMs, error: `a ${probe.archive} archive that could not be unpacked whole (${damage.message}): ${kept}` });
    }
    for (const p of inside.problems) problems.push({ ...p, path: shown(p.path) });
    for (const s of inside.skipped) skipped.push({ ...s, path: shown(s.path) });
    await expandEach(inside.files.map((member) => ({ ...member, shownAs: shown(member.path) })), into, options, depth + 1);
  }
}

/** Files are what is read; links, folders and devices in an archive are not. */
const isFile = (header: Header): boolean => header.type === 'file' || header.type === 'contiguous-file';

/**
 * A member's path made safe to unpack under a folder: no absolute path, no `..` climbing out of it (an
 * archive is evidence from elsewhere, and may be crafted). Null for a path that names nothing once made safe.
 */
export function safeMemberPath(name: string): string | null {
  const parts = name.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.some((p) => p === '..')) return null;
  return parts.join('/');
}

/** Unpacks the regular files of a tar archive under `into`; returns the members passed over, with why. */
async function unpackTar(file: CollectedFile, into: string, options: UnpackOptions): Promise<{ path: string; reason: string }[]> {
  const archive = file.shownAs ?? file.path;
  const skipped: { path: string; reason: string }[] = [];
  let bytesRead = 0;
  let toldAt = 0;
  const { extract, failed, close } = await extractFrom(file.path, (n) => {
    bytesRead += n;
    const now = performance.now();
    if (now - toldAt < PROGRESS_EVERY_MS) return;
    toldAt = now;
    options.onUnpacking?.(archive, bytesRead, file.size);
  });
  try {
    options.onUnpacking?.(archive, 0, file.size);
    await unpackEntries(extract, failed, archive, into, skipped, options.signal);
  } finally {
    close();
  }
  return skipped;
}

/** How often unpacking says how far it is. */
const PROGRESS_EVERY_MS = 200;

async function unpackEntries(extract: Extract, failed: Promise<never>, archive: string, into: string, skipped: { path: string; reason: string }[],
  signal: AbortSignal | undefined): Promise<void> {
  for await (const entry of extract) {
    if (signal?.aborted) return;
    const { header } = entry;
    const name = safeMemberPath(header.name);
    // An unsafe name is shown as written, not resolved against the archive's path.
    const shown = name === null ? `${archive}${path.sep}${header.name}` : path.join(archive, name);
    if (!isFile(header)) {
      if (header.type !== 'directory') skipped.push({ path: shown, reason: `a ${header.type} in the archive, not a file` });
      entry.resume();
      continue;
    }
    if (name === null) {
      skipped.push({ path: shown, reason: LEAVES_FOLDER });
      entry.resume();
      continue;
    }
    await writeMember(into, name, header.mtime, (dest) => Promise.race([pipeline(entry, dest), failed]));
  }
}

const LEAVES_FOLDER = 'a path that leaves the archive\'s folder, which is not unpacked';

/** Writes a member under `into` at its safe path with `copy`, then gives it the time the archive kept. */
async function writeMember(into: string, name: string, mtime: Date, copy: (dest: fs.WriteStream) => Promise<unknown>): Promise<void> {
  const dest = path.join(into, name);
  await fs.promises.mkdir(path.dirname(dest), { recursive: true });
  await copy(fs.createWriteStream(dest));
  await fs.promises.utimes(dest, mtime, mtime);
}

/**
 * The archive's entries, read from its content (decompressed), and a promise that rejects when reading fails:
 * an entry cut by the end of a damaged archive never ends, so its copy waits on both.
 */
async function extractFrom(archive: string, onFileBytes?: (n: number) => void): Promise<{ extract: Extract; failed: Promise<never>; close: () => void }> {
  // Loaded when an archive comes: most ingests have none.
  const tar = await import('tar-stream');
  const extract = (tar.default ?? tar).extract();
  const source = await openContent(archive, onFileBytes);
  const failed = new Promise<never>((_, reject) => {
    source.on('error', (e) => {
      extract.destroy(e);
      reject(e);
    });
    extract.on('error', reject);
  });
  failed.catch(() => {}); // observed by whoever races it; never unhandled
  source.pipe(extract);
  // The content stream is ended too, not only the extract: an xz stream left open when reading stopped early
  // held every later xz stream of the thread (the next file's head never came).
  const close = (): void => {
    extract.destroy();
    source.destroy();
  };
  return { extract, failed, close };
}

/** A zip's entries, one at a time (yauzl reads the next only when asked). */
async function* zipEntries(zip: ZipFile): AsyncGenerator<Entry> {
  for (;;) {
    const entry = await new Promise<Entry | null>((resolve, reject) => {
      const settle = (): void => {
        zip.off('entry', onEntry);
        zip.off('end', onEnd);
        zip.off('error', onError);
      };
      const onEntry = (e: Entry): void => { settle(); resolve(e); };
      const onEnd = (): void => { settle(); resolve(null); };
      const onError = (e: Error): void => { settle(); reject(e); };
      zip.on('entry', onEntry);
      zip.on('end', onEnd);
      zip.on('error', onError);
      zip.readEntry();
    });
    if (entry === null) return;
    yield entry;
  }
}

/**
 * A zip, read at places (its directory is at its end). Names are decoded here, not by yauzl, which refuses
 * the whole archive for one name that leaves its folder; such an entry is passed over instead.
 */
async function openZip(archive: string): Promise<ZipFile> {
  const yauzl = await import('yauzl'); // loaded when a zip comes: most ingests have none
  return (yauzl.default ?? yauzl).openPromise(archive, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true });
}

/** A zip entry's name: UTF-8 when its flag says so, else the old DOS code page, read as latin1. */
function zipEntryName(entry: Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  return raw.toString((entry.generalPurposeBitFlag & 0x800) !== 0 ? 'utf8' : 'latin1');
}

/** A Unix symbolic link stored in a zip: its content is the link's target, not a log. */
const isZipLink = (entry: Entry): boolean => ((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000;

function openZipEntry(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (e, stream) => (e ? reject(e) : resolve(stream))));
}

/** Unpacks the files of a zip under `into`; returns the entries passed over, with why. */
async function unpackZip(file: CollectedFile, into: string, options: UnpackOptions): Promise<{ path: string; reason: string }[]> {
  const archive = file.shownAs ?? file.path;
  const skipped: { path: string; reason: string }[] = [];
  const zip = await openZip(file.path);
  let bytesRead = 0;
  try {
    options.onUnpacking?.(archive, 0, file.size);
    for await (const entry of zipEntries(zip)) {
      if (options.signal?.aborted) break;
      const written = zipEntryName(entry);
      if (written.endsWith('/')) continue; // a folder
      const name = safeMemberPath(written);
      if (name === null) {
        skipped.push({ path: `${archive}${path.sep}${written}`, reason: LEAVES_FOLDER });
        continue;
      }
      const shown = path.join(archive, name);
      if (isZipLink(entry)) {
        skipped.push({ path: shown, reason: 'a symlink in the archive, not a file' });
        continue;
      }
      if (entry.isEncrypted()) {
        skipped.push({ path: shown, reason: 'encrypted in the archive, which is not read: unpack it with its password first' });
        continue;
      }
      await writeMember(into, name, entry.getLastModDate(), async (dest) => pipeline(await openZipEntry(zip, entry), dest));
      bytesRead += entry.compressedSize;
      options.onUnpacking?.(archive, bytesRead, file.size);
    }
  } finally {
    zip.close();
  }
  return skipped;
}

/**
 * For a path shown for a file from an archive (`/cases/logs.tgz/var/log/mail.log.1`), that file unpacked into a
 * temporary folder, to read its lines again (the viewer's raw lines); null when the path names no file in an
 * archive. A file in an archive inside that one (`/cases/logs.zip/old.tgz/mail.log.9`) is unpacked a level at a
 * time. The caller removes the folders with the returned `cleanUp`.
 */
export async function unpackMember(shown: string, depth = 1): Promise<{ path: string; cleanUp: () => Promise<void> } | null> {
  let archive: string | null = null;
  for (let dir = path.dirname(shown); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const st = await fs.promises.stat(dir).catch(() => null);
    if (st === null) continue;
    if (st.isFile()) archive = dir;
    break;
  }
  if (archive === null || depth > MAX_ARCHIVE_DEPTH) return null;
  const wanted = safeMemberPath(path.relative(archive, shown).split(path.sep).join('/'));
  if (wanted === null) return null;
  const into = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'swarmscope-archive-'));
  const cleanUp = (): Promise<void> => fs.promises.rm(into, { recursive: true, force: true });
  try {
    const dest = path.join(into, 'member');
    const kind = (await probeArchive(archive)).archive;
    const copy = kind === 'zip' ? copyZipMember : kind === 'tar' ? copyTarMember : null;
    // The member itself, else the longest leading part of its path that is an archive in this one.
    const parts = wanted.split('/');
    for (let n = parts.length; copy && n > 0; n--) {
      if (!(await copy(archive, parts.slice(0, n).join('/'), dest))) continue;
      if (n === parts.length) return { path: dest, cleanUp };
      const inner = await unpackMember(path.join(dest, ...parts.slice(n)), depth + 1);
      if (inner) return { path: inner.path, cleanUp: async () => { await inner.cleanUp(); await cleanUp(); } };
      break;
    }
    await cleanUp();
    return null;
  } catch {
    await cleanUp();
    return null;
  }
}

/** Copies the tar member named `wanted` (as safeMemberPath gives it) to `dest`; false when there is none. */
async function copyTarMember(archive: string, wanted: string, dest: string): Promise<boolean> {
  const { extract, failed, close } = await extractFrom(archive);
  try {
    for await (const entry of extract) {
      if (isFile(entry.header) && safeMemberPath(entry.header.name) === wanted) {
        await Promise.race([pipeline(entry, fs.createWriteStream(dest)), failed]);
        return true;
      }
      entry.resume();
    }
    return false;
  } finally {
    close();
  }
}

/** Copies the zip entry named `wanted` (as safeMemberPath gives it) to `dest`; false when there is none. */
async function copyZipMember(archive: string, wanted: string, dest: string): Promise<boolean> {
  const zip = await openZip(archive);
  try {
    for await (const entry of zipEntries(zip)) {
      if (isZipLink(entry) || entry.isEncrypted() || safeMemberPath(zipEntryName(entry)) !== wanted) continue;
      await pipeline(await openZipEntry(zip, entry), fs.createWriteStream(dest));
      return true;
    }
    return false;
  } finally {
    zip.close();
  }
}
